package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.trainunit.Result;
import dev.trainunit.engine.fixtures.BlockingShutdownHook;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.StaticReferenceCheckpointTrainable;
import dev.trainunit.engine.fixtures.WellBehavedTrainable;
import dev.trainunit.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;

class FreshJvmRestoreCheckTest {

  @TempDir Path output;

  @Test
  void aCheckpointHoldingOnlyAReferenceIntoAStaticMapFailsFreshJvmRestoreOnly() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(StaticReferenceCheckpointTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("fresh-jvm-restore");
    assertThat(outcomes.succeeded())
        .contains("save-restore", "checkpoint-roundtrip", "lifecycle-fuzz");
    assertThat(outcomes.failure("fresh-jvm-restore"))
        .startsWith(
            "after restoring the checkpoint taken at iteration 3 in a new JVM, iteration 4 diverged: loss ")
        .contains("in the uninterrupted run")
        .contains("in the new JVM")
        .contains("state kept in static fields");
  }

  /**
   * Two trainables, one of them with two configs, twice into the same output directory: every
   * trial, those of the new JVMs included, has a directory of its own under its trainable's (and
   * config's) directory, and a trial id of its own.
   */
  @Test
  void everyTrialOfTheNewJvmsHasItsOwnDirectoryAndTrialId() throws IOException {
    for (int run = 0; run < 2; run++) {
      EngineTestKitSupport.engine(output)
          .configurationParameter("trainunit.fresh-jvm.enabled", "true")
          .configurationParameter("trainunit.checks.exclude", "lifecycle-fuzz")
          .selectors(selectClass(CorrectModel.class), selectClass(WellBehavedTrainable.class))
          .execute()
          .testEvents()
          .assertStatistics(stats -> stats.failed(0));
    }

    Map<String, Path> directoryOfTrialId = new HashMap<>();
    Set<Path> freshJvmTrials = new TreeSet<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path file :
          files.filter(p -> p.getFileName().toString().equals("result.json")).toList()) {
        Set<Object> ids = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          ids.add(
              Json.MAPPER
                  .readValue(line, new TypeReference<Map<String, Object>>() {})
                  .get(Result.TRIAL_ID));
        }
        if (ids.isEmpty()) continue; // a trial that never trained (a restore that only saves again)
        assertThat(ids).as("trial ids in " + file).hasSize(1);
        Path previous =
            directoryOfTrialId.put(String.valueOf(ids.iterator().next()), file.getParent());
        assertThat(previous).as("trial id " + ids + " in " + file + " and in " + previous).isNull();
        if (file.getParent().getFileName().toString().endsWith("-fresh-jvm-trial"))
          freshJvmTrials.add(output.relativize(file));
      }
    }
    assertThat(freshJvmTrials)
        .extracting(p -> p.getName(0).toString() + (p.getNameCount() > 3 ? "/" + p.getName(1) : ""))
        // (the second run may number its directories differently and leave the first run's in
        // place)
        .containsOnly(
            CorrectModel.class.getName() + "/config-1",
            CorrectModel.class.getName() + "/config-2",
            WellBehavedTrainable.class.getName());
  }

  @Test
  void isSkippedWithAReasonWhenSwitchedOff() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(
            StaticReferenceCheckpointTrainable.class,
            output,
            "trainunit.fresh-jvm.enabled",
            "false");

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.skipped())
        .containsEntry(
            "fresh-jvm-restore",
            "trainunit.fresh-jvm.enabled=false: restoring in a new JVM is switched off");
  }

  /**
   * Only config 1's check runs, so the JVM started ahead for config 2's subject waits for a request
   * that never comes: the execution ends it when it ends, instead of leaving it to the JVM's exit.
   */
  @Test
  void theExecutionEndsTheNewJvmItStartedAheadForNobody() throws Exception {
    TestDescriptor root =
        EngineTestKitSupport.engine(output)
            .configurationParameter("trainunit.fresh-jvm.enabled", "true")
            .selectors(selectClass(CorrectModel.class))
            .discover()
            .getEngineDescriptor();
    UniqueId configOneCheck =
        root.getDescendants().stream()
            .filter(d -> d.getDisplayName().equals("fresh-jvm-restore"))
            .map(TestDescriptor::getUniqueId)
            .filter(id -> id.toString().contains("config-1") || id.toString().contains(":1]"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no fresh-jvm-restore node of config 1"));

    EngineTestKitSupport.engine(output)
        .configurationParameter("trainunit.fresh-jvm.enabled", "true")
        .selectors(selectUniqueId(configOneCheck))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.succeeded(1).failed(0));

    List<ProcessHandle> freshJvms =
        ProcessHandle.current()
            .descendants()
            .filter(p -> p.info().commandLine().orElse("").contains("FreshJvmMain"))
            .toList();
    for (ProcessHandle jvm : freshJvms) {
      assertThat(jvm.onExit()).succeedsWithin(Duration.ofSeconds(10));
    }
    assertThat(output.resolve(CorrectModel.class.getName()).resolve("config-2"))
        .as("config 2's subject had a JVM started ahead")
        .isDirectoryRecursivelyContaining("glob:**fresh-jvm-io*");
  }

  /**
   * Without the new JVM's exit guard, its blocked shutdown hook keeps it alive until the parent
   * gives up on it (the step timeouts plus half a minute) and fails the check.
   */
  @Test
  void aNewJvmEndsEvenWhenAShutdownHookOfTheTrainableNeverReturns() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(
            BlockingShutdownHook.class, output, "trainunit.fresh-jvm.enabled", "true");

    assertThat(outcomes.failed()).as(outcomes.toString()).isEmpty();
    assertThat(outcomes.succeeded()).contains("fresh-jvm-restore");
  }
}
