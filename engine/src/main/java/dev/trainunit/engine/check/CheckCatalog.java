package dev.trainunit.engine.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/** The checks the engine runs, in the order they appear under each trainable. */
@API(status = API.Status.INTERNAL)
public final class CheckCatalog {

  private final Map<String, Check> checks = new LinkedHashMap<>();

  public CheckCatalog(List<Check> checks) {
    for (Check c : checks) {
      if (this.checks.put(c.id(), c) != null)
        throw new IllegalArgumentException("two checks with id " + c.id());
    }
  }

  /** The checks of the TrainUnit contract. */
  public static CheckCatalog standard() {
    return new CheckCatalog(
        List.of(
            new LifecycleCheck(),
            new DeterminismCheck(),
            new SaveRestoreCheck(),
            new CheckpointRoundtripCheck(),
            new RelocationCheck(),
            new CheckpointCompatCheck(),
            new ResetConfigCheck(),
            new PbtExploitCheck(),
            new TrainBufferedCheck(),
            new CleanupCheck(),
            new ExportModelCheck(),
            new FreshJvmRestoreCheck(),
            new LifecycleFuzzCheck()));
  }

  public Set<String> ids() {
    return checks.keySet();
  }

  public List<Check> all() {
    return List.copyOf(checks.values());
  }

  public Optional<Check> find(String id) {
    return Optional.ofNullable(checks.get(id));
  }

  /**
   * The 0-based position of check {@code id} in the catalogue, the order it has under each
   * trainable; -1 if unknown.
   */
  public int position(String id) {
    return List.copyOf(checks.keySet()).indexOf(id);
  }
}
