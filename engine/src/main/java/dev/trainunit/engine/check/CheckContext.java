package dev.trainunit.engine.check;

import dev.trainunit.Config;
import dev.trainunit.engine.discovery.TrainableDeclaration;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.StreamComparison;
import dev.trainunit.engine.run.TrainableDriver;
import dev.trainunit.engine.run.TrialSubject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What a running check works with: the subject (trainable, config, reference run), instances it
 * starts (stopped for it when it ends), and a way to publish report entries.
 */
public final class CheckContext implements AutoCloseable {

  private final TrialSubject subject;
  private final BiConsumer<String, String> reportEntries;
  private final List<TrainableDriver> drivers = new ArrayList<>();

  public CheckContext(TrialSubject subject, BiConsumer<String, String> reportEntries) {
    this.subject = subject;
    this.reportEntries = reportEntries;
  }

  public TrialSubject subject() {
    return subject;
  }

  public TrainableDeclaration declaration() {
    return subject.declaration();
  }

  public Config config() {
    return subject.config();
  }

  public ReferenceRun reference() {
    return subject.reference();
  }

  public StreamComparison comparison() {
    return new StreamComparison(declaration().tolerance());
  }

  /** The trainable's simple class name, for messages. */
  public String trainableName() {
    return declaration().trainableClass().getSimpleName();
  }

  /** A started instance with the subject's config; stopped when the check ends, unless the check stopped it. */
  public TrainableDriver start(String label) {
    return track(subject.start(label));
  }

  public TrainableDriver start(String label, Config config) {
    return track(subject.start(label, config));
  }

  private TrainableDriver track(TrainableDriver driver) {
    drivers.add(driver);
    return driver;
  }

  /** A fresh, empty directory for the check's own files (copies of checkpoints, exports). */
  public Path newDirectory(String label) {
    return subject.directories().next(label);
  }

  public void report(String key, String value) {
    reportEntries.accept(key, value);
  }

  /**
   * Stops what the check left running. A stop() that fails here is reported as an entry, not as the
   * check's failure: the lifecycle and cleanup checks are the ones that judge stop().
   */
  @Override
  public void close() {
    for (TrainableDriver driver : drivers) {
      driver.stopQuietly().ifPresent(t -> report("stop-failed", driver.trial().name() + ": " + t));
    }
    drivers.clear();
  }

  /**
   * What two runs must agree on, of each result: the model's metrics and the counters, or only
   * the counters for a trainable declared {@code deterministic = false}.
   */
  public List<Map<String, Object>> comparable(List<dev.trainunit.Result> results) {
    return restrict(dev.trainunit.engine.run.Metrics.comparable(results, declaration().ignoredMetrics()));
  }

  /** The reference run's results, restricted as {@link #comparable(List)} restricts. */
  public List<Map<String, Object>> referenceComparable() {
    return restrict(reference().comparable());
  }

  private List<Map<String, Object>> restrict(List<Map<String, Object>> results) {
    return declaration().deterministic() ? results : Counters.only(results);
  }
}
