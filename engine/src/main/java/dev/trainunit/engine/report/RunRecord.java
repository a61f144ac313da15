package dev.trainunit.engine.report;

import dev.trainunit.engine.check.Check;
import dev.trainunit.engine.check.DivergenceFailure;
import dev.trainunit.engine.config.Shard;
import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.run.ReferenceRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;

/**
 * What the checks of one engine execution did, collected as their nodes finish (from any thread:
 * checks run in parallel when the engine is configured so) and read once at the end by the
 * reporter. One per engine execution, created with the root execution context. What it hands out is
 * plain data (see {@link PlainData}), ready to be stored in a report part.
 */
@API(status = API.Status.INTERNAL)
public final class RunRecord {

  private final Map<Key, Entry> entries = new LinkedHashMap<>();
  private final Shard shard;

  /** The record of an execution that runs unsharded. */
  public RunRecord() {
    this(Optional.empty());
  }

  /**
   * @param shard the shard of the suite this execution runs, which its sections carry into the
   *     report; empty when it runs unsharded
   */
  public RunRecord(Optional<Shard> shard) {
    this.shard = shard.orElse(null);
  }

  private record Key(String testClass, int configIndex) {}

  private static final class Entry {
    final TrainableDeclaration declaration;
    final int configIndex;
    final List<CheckOutcome> checks = new ArrayList<>();
    List<Map<String, Object>> reference = List.of();
    Cost cost;

    Entry(TrainableDeclaration declaration, int configIndex) {
      this.declaration = declaration;
      this.configIndex = configIndex;
    }
  }

  /** A check node finished: passed, failed or aborted. */
  public void checkFinished(
      TrainableDeclaration declaration,
      int configIndex,
      int order,
      Check check,
      TestExecutionResult result) {
    Optional<Throwable> thrown = result.getThrowable();
    CheckOutcome.Status status =
        switch (result.getStatus()) {
          case SUCCESSFUL -> CheckOutcome.Status.PASSED;
          case ABORTED -> CheckOutcome.Status.ABORTED;
          case FAILED -> CheckOutcome.Status.FAILED;
        };
    String message = thrown.map(RunRecord::messageOf).orElse("");
    Overlay overlay =
        thrown
            .filter(DivergenceFailure.class::isInstance)
            .map(DivergenceFailure.class::cast)
            .flatMap(Overlay::of)
            .orElse(null);
    add(
        declaration,
        configIndex,
        new CheckOutcome(check.id(), check.description(), order, status, message, overlay));
  }

  /** A check node was skipped before it ran. */
  public void checkSkipped(
      TrainableDeclaration declaration, int configIndex, int order, Check check, String reason) {
    add(
        declaration,
        configIndex,
        new CheckOutcome(
            check.id(), check.description(), order, CheckOutcome.Status.SKIPPED, reason, null));
  }

  /** The reference run of one trainable and config, for its learning curves and final metrics. */
  public synchronized void reference(
      TrainableDeclaration declaration, int configIndex, ReferenceRun run) {
    entry(declaration, configIndex).reference = PlainData.results(run.comparable());
  }

  /** What the checks of one trainable and config cost, once they have all run. */
  public synchronized void cost(TrainableDeclaration declaration, int configIndex, Cost cost) {
    entry(declaration, configIndex).cost = cost;
  }

  private synchronized void add(
      TrainableDeclaration declaration, int configIndex, CheckOutcome outcome) {
    entry(declaration, configIndex).checks.add(outcome);
  }

  private Entry entry(TrainableDeclaration declaration, int configIndex) {
    return entries.computeIfAbsent(
        new Key(declaration.testClass().getName(), configIndex),
        k -> new Entry(declaration, configIndex));
  }

  /** A snapshot: one section per trainable and config, ordered by class name and config. */
  public synchronized List<Section> sections() {
    List<Section> out = new ArrayList<>();
    for (Entry e : entries.values()) {
      TrainableDeclaration d = e.declaration;
      List<CheckOutcome> checks = new ArrayList<>(e.checks);
      checks.sort(CheckOutcome.TREE_ORDER);
      out.add(
          new Section(
              d.testClass().getName(),
              d.trainableClass().getName(),
              e.configIndex,
              d.configs().size(),
              d.configLabel(e.configIndex),
              PlainData.map(d.configs().get(e.configIndex).asMap()),
              List.copyOf(checks),
              e.reference,
              e.cost,
              shard));
    }
    out.sort(Section.ORDER);
    return out;
  }

  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  private static String messageOf(Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) return t.getClass().getName();
    // An assertion's message says it all; anything else thrown is named, as a stack trace would.
    return t instanceof AssertionError ? m : t.getClass().getSimpleName() + ": " + m;
  }
}
