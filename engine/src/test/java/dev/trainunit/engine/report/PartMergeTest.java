package dev.trainunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.report.CheckOutcome.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartMergeTest {

  private static final String CLASS = "dev.example.ModelTest";

  private static CheckOutcome check(String id, int order, Status status) {
    return new CheckOutcome(
        id, id + " holds", order, status, status == Status.FAILED ? id + " broke" : "", null);
  }

  private static Section section(
      int config,
      int configCount,
      Map<String, Object> values,
      List<Map<String, Object>> reference,
      CheckOutcome... checks) {
    return new Section(
        CLASS,
        CLASS,
        config,
        configCount,
        values.toString(),
        values,
        List.of(checks),
        reference,
        null,
        null);
  }

  private static Section section(int config, int configCount, CheckOutcome... checks) {
    return section(
        config, configCount, Map.of("lr", 0.1), List.of(Map.of("training_iteration", 1)), checks);
  }

  private static List<String> ids(Section s) {
    return s.checks().stream().map(c -> c.id() + " " + c.status().label()).toList();
  }

  @Test
  void theChecksThatRanAgainReplaceTheirsAndTheOthersStayInTreeOrder() {
    Section earlier =
        section(
            0,
            1,
            check("lifecycle", 0, Status.PASSED),
            check("save-restore", 2, Status.FAILED),
            check("cleanup", 6, Status.PASSED));
    Section now = section(0, 1, check("save-restore", 2, Status.PASSED));

    List<Section> merged = PartMerge.merge(List.of(earlier), List.of(now));

    assertThat(merged)
        .singleElement()
        .extracting(PartMergeTest::ids)
        .isEqualTo(List.of("lifecycle passed", "save-restore passed", "cleanup passed"));
  }

  @Test
  void theConfigsThatDidNotRunAgainStay() {
    List<Section> earlier =
        List.of(
            section(0, 2, check("lifecycle", 0, Status.FAILED)),
            section(1, 2, check("lifecycle", 0, Status.FAILED)));

    List<Section> merged =
        PartMerge.merge(earlier, List.of(section(1, 2, check("lifecycle", 0, Status.PASSED))));

    assertThat(merged)
        .extracting(PartMergeTest::ids)
        .containsExactly(List.of("lifecycle failed"), List.of("lifecycle passed"));
    assertThat(merged).extracting(Section::configIndex).containsExactly(0, 1);
  }

  @Test
  void configsTheClassNoLongerDeclaresAreDropped() {
    List<Section> earlier =
        List.of(
            section(0, 2, check("lifecycle", 0, Status.PASSED)),
            section(1, 2, check("lifecycle", 0, Status.FAILED)));

    List<Section> merged =
        PartMerge.merge(earlier, List.of(section(0, 1, check("determinism", 1, Status.PASSED))));

    assertThat(merged)
        .singleElement()
        .extracting(PartMergeTest::ids)
        .isEqualTo(List.of("lifecycle passed", "determinism passed"));
  }

  @Test
  void aConfigWhoseValuesChangedStartsAfresh() {
    Section earlier =
        section(0, 1, Map.of("lr", 0.1), List.of(), check("lifecycle", 0, Status.FAILED));
    Section now =
        section(0, 1, Map.of("lr", 0.2), List.of(), check("determinism", 1, Status.PASSED));

    assertThat(PartMerge.merge(List.of(earlier), List.of(now))).containsExactly(now);
  }

  @Test
  void valuesReadBackFromAPartAreTheValuesTheyWereWrittenFrom() {
    // JSON gives 5 back as an Integer and 0.5f as a Double.
    Section earlier =
        section(
            0, 1, Map.of("batch", 5, "lr", 0.5), List.of(), check("lifecycle", 0, Status.PASSED));
    Section now =
        section(
            0,
            1,
            Map.of("batch", 5L, "lr", 0.5f),
            List.of(),
            check("determinism", 1, Status.PASSED));

    assertThat(PartMerge.merge(List.of(earlier), List.of(now)))
        .singleElement()
        .extracting(PartMergeTest::ids)
        .isEqualTo(List.of("lifecycle passed", "determinism passed"));
  }

  @Test
  void theEarlierReferenceRunStaysWhenTheRerunMadeNone() {
    List<Map<String, Object>> reference = List.of(Map.of("training_iteration", 1, "loss", 0.5));
    Section earlier =
        section(0, 1, Map.of("lr", 0.1), reference, check("lifecycle", 0, Status.PASSED));
    Section now =
        section(0, 1, Map.of("lr", 0.1), List.of(), check("export-model", 7, Status.SKIPPED));

    assertThat(PartMerge.merge(List.of(earlier), List.of(now)))
        .singleElement()
        .extracting(Section::reference)
        .isEqualTo(reference);
  }
}
