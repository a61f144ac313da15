package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.descriptor.ConfigDescriptor;
import dev.trainunit.engine.fixtures.BadDeclarations;
import dev.trainunit.engine.fixtures.CorrectModel;
import dev.trainunit.engine.fixtures.CorrectModelTest;
import dev.trainunit.engine.fixtures.LoadFixtures;
import dev.trainunit.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.testkit.engine.EngineDiscoveryResults;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Splitting the suite across CI machines: every shard runs a part of the trainables × configs, the
 * shards together run each node exactly once, a node's shard depends on nothing but the node, and
 * each shard's report says which shard it is.
 */
class ShardTest {

  @TempDir Path output;

  /** Every check but lifecycle is excluded (skipped) where the checks run, to keep runs short. */
  private static final String ALL_BUT_LIFECYCLE =
      CheckCatalog.standard().ids().stream()
          .filter(id -> !id.equals("lifecycle"))
          .collect(Collectors.joining(","));

  /** Fifty one-config classes, a class with two configs, another with one, a wrong declaration. */
  private static List<Class<?>> suite() {
    List<Class<?>> classes = new ArrayList<>(Arrays.asList(LoadFixtures.class.getClasses()));
    classes.add(CorrectModel.class);
    classes.add(CorrectModelTest.class);
    classes.add(BadDeclarations.ZeroIterations.class);
    return classes;
  }

  private static DiscoverySelector[] select(List<Class<?>> classes) {
    return classes.stream().map(c -> selectClass(c)).toArray(DiscoverySelector[]::new);
  }

  private EngineTestKit.Builder engine(List<Class<?>> classes, Map<String, String> parameters) {
    EngineTestKit.Builder builder =
        EngineTestKitSupport.engine(output)
            .configurationParameter("trainunit.report.quiet", "true")
            .selectors(select(classes));
    parameters.forEach(builder::configurationParameter);
    return builder;
  }

  private static Map<String, String> shard(int index, int total) {
    return Map.of(
        "trainunit.shard.total", String.valueOf(total),
        "trainunit.shard.index", String.valueOf(index));
  }

  private Set<UniqueId> testsDiscovered(List<Class<?>> classes, Map<String, String> parameters) {
    EngineDiscoveryResults discovery = engine(classes, parameters).discover();
    assertThat(errors(discovery)).isEmpty();
    return tests(discovery.getEngineDescriptor());
  }

  /** The discovery's errors: the wrong declaration of the suite is a warning in every shard. */
  private static List<DiscoveryIssue> errors(EngineDiscoveryResults discovery) {
    return discovery.getDiscoveryIssues().stream()
        .filter(issue -> issue.severity() == DiscoveryIssue.Severity.ERROR)
        .toList();
  }

  private static Set<UniqueId> tests(TestDescriptor root) {
    return root.getDescendants().stream()
        .filter(TestDescriptor::isTest)
        .map(TestDescriptor::getUniqueId)
        .collect(Collectors.toSet());
  }

  @Test
  void theShardsTogetherRunEveryNodeExactlyOnce() {
    List<Class<?>> classes = suite();
    Map<String, String> quick = Map.of("trainunit.checks.exclude", ALL_BUT_LIFECYCLE);
    Set<UniqueId> all = testsDiscovered(classes, quick);
    List<UniqueId> ran = new ArrayList<>();
    for (int index = 0; index < 2; index++) {
      Map<String, String> parameters = new HashMap<>(quick);
      parameters.putAll(shard(index, 2));
      EngineExecutionResults results = engine(classes, parameters).execute();
      List<UniqueId> thisShard =
          results.testEvents().list().stream()
              .filter(e -> e.getType() == EventType.FINISHED || e.getType() == EventType.SKIPPED)
              .map(Event::getTestDescriptor)
              .map(TestDescriptor::getUniqueId)
              .toList();
      assertThat(thisShard)
          .as("shard %d of 2 runs a part", index)
          .isNotEmpty()
          .hasSizeLessThan(all.size());
      ran.addAll(thisShard);
    }
    assertThat(ran).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void everyTotalSplitsTheTreeIntoDisjointShardsThatCoverIt() {
    List<Class<?>> classes = suite();
    Set<UniqueId> all = testsDiscovered(classes, Map.of());
    for (int total : new int[] {1, 3, 4, 7}) {
      List<UniqueId> union = new ArrayList<>();
      for (int index = 0; index < total; index++) {
        Set<UniqueId> shard = testsDiscovered(classes, shard(index, total));
        // 53 classes, 54 units: with a hash, no shard of a few is left empty.
        assertThat(shard).as("shard %d of %d", index, total).isNotEmpty();
        union.addAll(shard);
      }
      assertThat(union)
          .as("total %d", total)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(all);
    }
  }

  @Test
  void aNodesShardDependsOnTheNodeNotOnTheOrderOrTheOtherClasses() {
    List<Class<?>> classes = suite();
    Map<UniqueId, Integer> before = owners(classes, 3);

    List<Class<?>> reversed = new ArrayList<>(classes);
    Collections.reverse(reversed);
    assertThat(owners(reversed, 3)).isEqualTo(before);

    // Adding a class moves no other: only the new class's own nodes are new.
    List<Class<?>> more = new ArrayList<>(classes);
    more.add(0, BadDeclarations.Valid.class);
    Map<UniqueId, Integer> after = owners(more, 3);
    after.keySet().removeIf(id -> id.toString().contains(BadDeclarations.Valid.class.getName()));
    assertThat(after).isEqualTo(before);
  }

  /** The shard each test node of {@code classes} runs in, out of {@code total}. */
  private Map<UniqueId, Integer> owners(List<Class<?>> classes, int total) {
    Map<UniqueId, Integer> owners = new HashMap<>();
    for (int index = 0; index < total; index++) {
      for (UniqueId id : testsDiscovered(classes, shard(index, total))) {
        assertThat(owners.put(id, index)).as(id.toString()).isNull();
      }
    }
    return owners;
  }

  @Test
  void theConfigsOfOneTrainableAreAssignedEachOnItsOwn() {
    // Which shard a config lands in is the hash's; over a few totals, the two configs of
    // CorrectModel part at least once, and each config is whole wherever it is.
    Set<Integer> totalsWhereTheyPart = new HashSet<>();
    for (int total = 2; total <= 6; total++) {
      List<Integer> shardsOfConfig1 = new ArrayList<>();
      List<Integer> shardsOfConfig2 = new ArrayList<>();
      for (int index = 0; index < total; index++) {
        TestDescriptor root =
            engine(List.of(CorrectModel.class), shard(index, total))
                .discover()
                .getEngineDescriptor();
        for (TestDescriptor node : root.getDescendants()) {
          if (node instanceof ConfigDescriptor config) {
            assertThat(config.getChildren()).hasSize(CheckCatalog.standard().ids().size());
            (config.configIndex() == 0 ? shardsOfConfig1 : shardsOfConfig2).add(index);
          }
        }
      }
      assertThat(shardsOfConfig1).hasSize(1);
      assertThat(shardsOfConfig2).hasSize(1);
      if (!shardsOfConfig1.equals(shardsOfConfig2)) totalsWhereTheyPart.add(total);
    }
    assertThat(totalsWhereTheyPart).isNotEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "2|2|trainunit.shard.index must be from 0 to trainunit.shard.total - 1",
        "2|-1|trainunit.shard.index must be from 0 to trainunit.shard.total - 1",
        "0|0|trainunit.shard.total must be at least 1",
        "two|0|a shard is given by whole numbers",
        "2|-|a shard needs both",
        "-|1|a shard needs both"
      })
  void aShardThatCannotBeIsAnErrorNamingBothValues(String total, String index, String why) {
    EngineTestKit.Builder builder =
        EngineTestKitSupport.engine(output).selectors(selectClass(CorrectModelTest.class));
    if (total != null) builder.configurationParameter("trainunit.shard.total", total);
    if (index != null) builder.configurationParameter("trainunit.shard.index", index);
    EngineDiscoveryResults discovery = builder.discover();
    assertThat(discovery.getDiscoveryIssues())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.severity()).isEqualTo(DiscoveryIssue.Severity.ERROR);
              assertThat(issue.message())
                  .contains(why)
                  .contains(
                      "trainunit.shard.total = "
                          + (total == null ? "(not set)" : "'" + total + "'"))
                  .contains(
                      "trainunit.shard.index = "
                          + (index == null ? "(not set)" : "'" + index + "'"));
            });
  }

  /** An engine that sees {@code environment} as the process's environment variables. */
  private EngineTestKit.Builder engineWithEnvironment(Map<String, String> environment) {
    return EngineTestKit.engine(new TrainUnitTestEngine(CheckCatalog.standard(), environment))
        .configurationParameter("trainunit.output.dir", output.toString())
        .selectors(select(suite()));
  }

  @Test
  void bazelsVariablesShardTheRunAndItsStatusFileIsTouched() {
    Path status = output.resolve("shard-status");
    Map<String, String> bazel =
        Map.of(
            "TEST_TOTAL_SHARDS", "3",
            "TEST_SHARD_INDEX", "1",
            "TEST_SHARD_STATUS_FILE", status.toString());
    EngineDiscoveryResults discovery = engineWithEnvironment(bazel).discover();
    assertThat(errors(discovery)).isEmpty();
    assertThat(tests(discovery.getEngineDescriptor()))
        .isEqualTo(testsDiscovered(suite(), shard(1, 3)));
    assertThat(status).exists();
  }

  @Test
  void theConfigurationParametersWinOverBazelsVariables() {
    Path status = output.resolve("shard-status");
    Map<String, String> bazel =
        Map.of(
            "TEST_TOTAL_SHARDS", "3",
            "TEST_SHARD_INDEX", "1",
            "TEST_SHARD_STATUS_FILE", status.toString());
    EngineDiscoveryResults discovery =
        engineWithEnvironment(bazel)
            .configurationParameter("trainunit.shard.total", "2")
            .configurationParameter("trainunit.shard.index", "0")
            .discover();
    assertThat(tests(discovery.getEngineDescriptor()))
        .isEqualTo(testsDiscovered(suite(), shard(0, 2)));
    // Bazel's shards are not the ones run: Bazel must not be told they are honoured.
    assertThat(status).doesNotExist();
  }

  @Test
  void bazelVariablesThatCannotBeAreAnErrorNamingThem() {
    EngineDiscoveryResults discovery =
        engineWithEnvironment(Map.of("TEST_TOTAL_SHARDS", "4", "TEST_SHARD_INDEX", "4")).discover();
    assertThat(errors(discovery))
        .singleElement()
        .satisfies(
            issue ->
                assertThat(issue.message())
                    .startsWith("environment variable")
                    .contains("TEST_TOTAL_SHARDS = '4' and TEST_SHARD_INDEX = '4'"));
  }

  @Test
  void aStatusFileThatCannotBeTouchedIsAnError() {
    Path status = output.resolve("no-such-directory").resolve("shard-status");
    EngineDiscoveryResults discovery =
        engineWithEnvironment(
                Map.of(
                    "TEST_TOTAL_SHARDS", "2",
                    "TEST_SHARD_INDEX", "0",
                    "TEST_SHARD_STATUS_FILE", status.toString()))
            .discover();
    assertThat(errors(discovery))
        .singleElement()
        .satisfies(issue -> assertThat(issue.message()).contains(status.toString()));
  }

  /** Runs with System.out captured; returns what was printed. */
  private static String printedBy(Runnable run) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void eachShardsReportSaysWhichShardItIs() throws IOException {
    List<Class<?>> classes =
        List.of(
            CorrectModel.class,
            CorrectModelTest.class,
            LoadFixtures.L01.class,
            LoadFixtures.L02.class,
            LoadFixtures.L03.class);
    for (int index = 0; index < 2; index++) {
      Path dir = output.resolve("shard-" + index);
      Map<String, String> parameters = new HashMap<>(shard(index, 2));
      parameters.put("trainunit.checks.exclude", ALL_BUT_LIFECYCLE);
      parameters.put("trainunit.output.dir", dir.toString());
      parameters.put("trainunit.report.quiet", "false");
      String label = "shard " + (index + 1) + " of 2";
      String printed = printedBy(() -> engine(classes, parameters).execute());

      List<String> lines = printed.lines().filter(l -> l.startsWith("TrainUnit: ")).toList();
      assertThat(lines)
          .isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("; " + label + "; report: "));

      JsonNode summary =
          Json.MAPPER.readTree(dir.resolve("report/trainunit-summary.json").toFile());
      assertThat(summary.get("shards")).hasSize(1);
      assertThat(summary.get("shards").get(0).get("index").asInt()).isEqualTo(index);
      assertThat(summary.get("shards").get(0).get("total").asInt()).isEqualTo(2);
      assertThat(summary.get("shards").get(0).get("label").asText()).isEqualTo(label);
      assertThat(summary.get("trainables"))
          .hasSize(lines.size())
          .allSatisfy(t -> assertThat(t.get("shard").get("label").asText()).isEqualTo(label));

      String html = Files.readString(dir.resolve("report/index.html"));
      assertThat(html)
          .contains("<title>TrainUnit report (" + label + ")")
          .contains("ran in " + label);
    }
  }

  @Test
  void anUnshardedReportNamesNoShard() throws IOException {
    EngineTestKitSupport.engine(output)
        .configurationParameter("trainunit.report.quiet", "true")
        .selectors(selectMethod(CorrectModelTest.class.getName(), "lifecycle"))
        .execute();
    JsonNode summary =
        Json.MAPPER.readTree(output.resolve("report/trainunit-summary.json").toFile());
    assertThat(summary.get("shards")).isEmpty();
    assertThat(summary.get("trainables").get(0).get("shard").isNull()).isTrue();
  }

  @Test
  void aShardLeftWithNothingSaysSo() {
    List<Class<?>> one = List.of(LoadFixtures.L01.class);
    int empty = testsDiscovered(one, shard(0, 2)).isEmpty() ? 0 : 1;
    Map<String, String> parameters = new HashMap<>(shard(empty, 2));
    parameters.put("trainunit.report.quiet", "false");
    String printed = printedBy(() -> engine(one, parameters).execute());
    assertThat(printed.lines().filter(l -> l.startsWith("TrainUnit: ")))
        .containsExactly(
            "TrainUnit: shard "
                + (empty + 1)
                + " of 2 ran nothing: the 1 trainable × config of this run belongs to another shard");
  }
}
