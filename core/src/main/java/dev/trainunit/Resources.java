package dev.trainunit;

import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The resources a trial asks for or has been given: Tune's {@code Resources} / {@code
 * PlacementGroupFactory} in its simplest form. A trainable declares its request with a static
 * method (see {@link TrainableFactory#defaultResourceRequest(Class, Config)}); the running
 * trainable reads what it got from {@link AbstractTrainable#trialResources()}.
 *
 * @param cpu logical CPUs
 * @param gpu GPUs (fractions allowed, as in Tune)
 * @param memoryBytes heap the trial may use; 0 when unspecified
 * @param custom named custom resources, for example {@code "accelerator_type:A100"}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2.0")
public record Resources(double cpu, double gpu, long memoryBytes, Map<String, Double> custom) {

  /** One CPU, no GPU: Tune's default for a class trainable. */
  public static final Resources DEFAULT = new Resources(1, 0, 0, Map.of());

  public Resources {
    if (cpu < 0 || gpu < 0 || memoryBytes < 0) {
      throw new IllegalArgumentException(
          "resources must not be negative: cpu="
              + cpu
              + ", gpu="
              + gpu
              + ", memoryBytes="
              + memoryBytes);
    }
    custom = Map.copyOf(Objects.requireNonNull(custom, "custom"));
  }

  public static Resources of(double cpu, double gpu) {
    return new Resources(cpu, gpu, 0, Map.of());
  }
}
