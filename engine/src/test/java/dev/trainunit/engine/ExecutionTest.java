package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.trainunit.engine.EngineTestKitSupport.Outcomes;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.CorrectModelTest;
import dev.trainunit.engine.fixtures.Faults;
import dev.trainunit.engine.fixtures.HangingStep;
import dev.trainunit.engine.fixtures.ParallelFixtures;
import dev.trainunit.engine.fixtures.SpinsIgnoringInterrupts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

class ExecutionTest {

  @TempDir Path output;

  @Test
  void aStepThatNeverReturnsFailsWithTheStuckStackAndTheRunGoesOn() {
    long start = System.nanoTime();
    Outcomes outcomes = EngineTestKitSupport.run(output, HangingStep.class);
    assertThat(outcomes.status("HangingStep#lifecycle")).isEqualTo("FAILED");
    assertThat(outcomes.message("HangingStep#lifecycle"))
        .contains(
            HangingStep.class.getName() + ".step() (via train()) did not return within PT0.3S")
        .contains("Stack of the stuck thread")
        .contains("java.lang.Thread.sleep")
        .contains("HangingStep.step");
    // Every other check ran to a verdict of its own instead of hanging the build.
    assertThat(outcomes.statuses()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(System.nanoTime() - start).isLessThan(60_000_000_000L);
  }

  @Test
  void trialsGoToTheirOwnDirectoriesUnderTheOutputDirectory() throws IOException {
    EngineTestKitSupport.run(output, CorrectModelTest.class);
    Path classDir = output.resolve(CorrectModelTest.class.getName());
    try (Stream<Path> trials = Files.list(classDir)) {
      List<Path> dirs = trials.toList();
      assertThat(dirs)
          .extracting(p -> p.getFileName().toString())
          .anyMatch(n -> n.endsWith("reference"));
      // Each trial directory holds that trial's logs; the copies of checkpoints sit in directories
      // of their own.
      assertThat(dirs)
          .filteredOn(d -> !d.getFileName().toString().contains("copy"))
          .hasSizeGreaterThan(6)
          .allSatisfy(d -> assertThat(d.resolve("params.json")).exists());
    }
  }

  @Test
  void withoutItsOwnSettingTheOutputGoesBelowJUnitsOutputDirectory() {
    EngineTestKit.engine(TrainUnitTestEngine.ENGINE_ID)
        .configurationParameter("junit.platform.reporting.output.dir", output.toString())
        // What the launcher builds from that parameter.
        .outputDirectoryCreator(
            new OutputDirectoryCreator() {
              @Override
              public Path getRootDirectory() {
                return output;
              }

              @Override
              public Path createOutputDirectory(TestDescriptor descriptor) throws IOException {
                return Files.createDirectories(output.resolve("nodes"));
              }
            })
        .selectors(DiscoverySelectors.selectMethod(CorrectModelTest.class.getName(), "lifecycle"))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1));
    assertThat(output.resolve("trainunit").resolve(CorrectModelTest.class.getName())).isDirectory();
  }

  @Test
  void finalMetricsAndResultFilesArePublished() {
    Outcomes outcomes = EngineTestKitSupport.run(output, CorrectModelTest.class);
    List<Event> reports = outcomes.results().allEvents().reportingEntryPublished().list();
    assertThat(reports)
        .anySatisfy(
            e ->
                assertThat(e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                    .containsKeys("config", "final.loss", "final.training_iteration"));
    assertThat(outcomes.results().allEvents().fileEntryPublished().list())
        .extracting(
            e -> e.getPayload(FileEntry.class).orElseThrow().getPath().getFileName().toString())
        .contains("result.json", "progress.csv", "params.json");
  }

  @Test
  void withSeveralConfigsEachConfigsEntriesArePublishedByItsOwnNodeWhileItIsOpen() {
    // Open Test Reporting gives an entry published after its node finished no owner (id='').
    Outcomes outcomes = EngineTestKitSupport.run(output, CorrectModel.class);
    List<Event> events = outcomes.results().allEvents().list();
    List<Event> published =
        events.stream()
            .filter(
                e ->
                    e.getType() == EventType.REPORTING_ENTRY_PUBLISHED
                        || e.getType() == EventType.FILE_ENTRY_PUBLISHED)
            .filter(
                e ->
                    e.getTestDescriptor().getUniqueId().getLastSegment().getType().equals("config"))
            .toList();
    assertThat(published)
        .extracting(e -> e.getTestDescriptor().getUniqueId().getLastSegment().getValue())
        .containsOnly("1", "2")
        .contains("1", "2");
    for (Event entry : published) {
      int finished = indexOf(events, entry.getTestDescriptor(), EventType.FINISHED);
      int started = indexOf(events, entry.getTestDescriptor(), EventType.STARTED);
      assertThat(events.indexOf(entry)).as(entry.toString()).isBetween(started, finished);
    }
  }

  private static int indexOf(List<Event> events, TestDescriptor node, EventType type) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getType() == type && events.get(i).getTestDescriptor().equals(node))
        return i;
    }
    throw new AssertionError("no " + type + " event for " + node);
  }

  @Test
  void eightTrainablesRunInParallelWithoutSharingAFile() throws IOException {
    Class<?>[] classes = ParallelFixtures.ALL.toArray(Class<?>[]::new);
    EngineExecutionResults results =
        EngineTestKitSupport.engine(output)
            .selectors(
                Stream.of(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
            .configurationParameter("trainunit.execution.parallel.enabled", "true")
            .configurationParameter("trainunit.execution.parallel.config.strategy", "fixed")
            .configurationParameter("trainunit.execution.parallel.config.fixed.parallelism", "4")
            .configurationParameter("trainunit.checks.exclude", "lifecycle-fuzz,fresh-jvm-restore")
            .execute();
    results.testEvents().assertStatistics(stats -> stats.failed(0));
    assertThat(results.testEvents().succeeded().count()).isGreaterThanOrEqualTo(8 * 6);
    // Checks of different trainables overlapped in time: the run really was parallel.
    assertThat(ParallelFixtures.maxConcurrentSteps()).isGreaterThan(1);
    Set<Path> trialDirs = new HashSet<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().equals("result.json")) {
          assertThat(trialDirs.add(p.getParent())).as("two trials share " + p.getParent()).isTrue();
        }
      }
    }
    assertThat(trialDirs).hasSizeGreaterThanOrEqualTo(8 * 6);
    assertThat(results.containerEvents().succeeded().list())
        .extracting(e -> e.getTestDescriptor())
        .filteredOn(TestDescriptor::isContainer)
        .hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void hookThreadsThatIgnoreTheirInterruptAreNamedAtTheEndOfTheRun() {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      EngineTestKitSupport.engine(output)
          .selectors(selectMethod(SpinsIgnoringInterrupts.class.getName(), "lifecycle"))
          .execute()
          .testEvents()
          .assertStatistics(stats -> stats.failed(1));
    } finally {
      System.setErr(originalErr);
      SpinsIgnoringInterrupts.release();
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsPattern(
            "TrainUnit: warning: \\d+ hook threads? ignored the interrupt after timing out")
        .contains(SpinsIgnoringInterrupts.class.getName() + ".step()")
        .contains("this JVM is no longer clean");
  }

  @Test
  void aConstructorThatHangsIsNamedAsTheConstructor() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(
            selectMethod(Faults.HangsInConstructor.class.getName(), "lifecycle"), output);

    assertThat(outcomes.failure("lifecycle"))
        .contains("HangsInConstructor.<init>() (the constructor) did not return within PT0.3S");
  }
}
