package dev.trainunit;

import static dev.trainunit.TestTrials.readJson;
import static dev.trainunit.TestTrials.readJsonLines;
import static dev.trainunit.TestTrials.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.TestTrainables.Nested;
import dev.trainunit.logging.LoggerCreator;
import dev.trainunit.logging.ResultLogger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultLogsTest {

  private static final Config CONFIG = Config.parse("{\"lr\": 0.1, \"opt\": {\"beta\": 0.9}}");

  @TempDir Path tmp;

  private static List<Map<String, String>> readCsv(Path file) throws Exception {
    CsvMapper csv = new CsvMapper();
    try (MappingIterator<Map<String, String>> rows =
        csv.readerFor(Map.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return rows.readAll();
    }
  }

  private static List<String> csvHeader(Path file) throws Exception {
    CsvMapper csv = new CsvMapper();
    try (MappingIterator<List<String>> rows =
        csv.readerFor(List.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(file.toFile())) {
      return rows.next();
    }
  }

  @Test
  void resultJsonHoldsOneObjectPerTrainCall() throws Exception {
    Nested t = start(Nested.class, CONFIG, tmp);
    List<Result> results = List.of(t.train(), t.train(), t.train());
    t.stop();

    List<Map<String, Object>> lines = readJsonLines(t.logdir().resolve("result.json"));

    assertThat(Files.readAllLines(t.logdir().resolve("result.json"))).hasSize(3);
    assertThat(lines).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Map<String, Object> line = lines.get(i);
      Result result = results.get(i);
      assertThat(line.get("training_iteration")).isEqualTo(i + 1);
      assertThat(line.get("config")).isEqualTo(CONFIG.asMap());
      assertThat(line.get("eval"))
          .isEqualTo(Map.of("acc", 0.5 + (i + 1) / 100.0, "inner", Map.of("f1", (double) (i + 1))));
      assertThat(line.get("tags")).isEqualTo(List.of("a", "b"));
      assertThat(line.get("loss")).isEqualTo(result.getDouble("loss"));
      assertThat(line.get("time_total_s")).isEqualTo(result.getDouble(Result.TIME_TOTAL_S));
      assertThat(line.get("date")).isEqualTo(result.getString(Result.DATE));
      assertThat(line.get("trial_id")).isEqualTo(TestTrials.TRIAL_ID);
      assertThat(line.get("done")).isEqualTo(false);
      assertThat(line.keySet()).containsExactlyElementsOf(result.asMap().keySet());
    }
  }

  @Test
  void progressCsvHasHeaderRowsFlattenedMetricsAndNoConfig() throws Exception {
    Nested t = start(Nested.class, CONFIG, tmp);
    List<Result> results = List.of(t.train(), t.train(), t.train());
    t.stop();
    Path progress = t.logdir().resolve("progress.csv");

    List<String> header = csvHeader(progress);
    List<Map<String, String>> rows = readCsv(progress);

    assertThat(header)
        .contains(
            "loss",
            "eval/acc",
            "eval/inner/f1",
            "tags",
            "training_iteration",
            "done",
            "time_total_s",
            "trial_id",
            "date",
            "timestamp");
    assertThat(header).noneMatch(column -> column.equals("config") || column.startsWith("config/"));
    assertThat(header).doesNotContain("eval");
    assertThat(rows).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Map<String, String> row = rows.get(i);
      assertThat(row.get("training_iteration")).isEqualTo(String.valueOf(i + 1));
      assertThat(Double.parseDouble(row.get("eval/acc"))).isEqualTo(0.5 + (i + 1) / 100.0);
      assertThat(Double.parseDouble(row.get("eval/inner/f1"))).isEqualTo(i + 1);
      assertThat(Double.parseDouble(row.get("loss"))).isEqualTo(results.get(i).getDouble("loss"));
      assertThat(row.get("done")).isEqualTo("false");
      assertThat(row.get("tags")).isEqualTo("[\"a\",\"b\"]");
      assertThat(row.get("trial_id")).isEqualTo(TestTrials.TRIAL_ID);
    }
  }

  @Test
  void paramsJsonIsTheConfig() throws Exception {
    Nested t = start(Nested.class, CONFIG, tmp);
    t.stop();

    assertThat(readJson(t.logdir().resolve("params.json"))).isEqualTo(CONFIG.asMap());
  }

  @Test
  void resetRestartsParamsJsonWithTheNewConfig() throws Exception {
    Config next = Config.parse("{\"lr\": 0.9, \"target\": 1.0}");
    Counter t = start(Counter.class, CONFIG, tmp);
    t.train();

    assertThat(t.reset(next)).isTrue();
    t.train();
    t.stop();

    assertThat(readJson(t.logdir().resolve("params.json"))).isEqualTo(next.asMap());
    List<Map<String, Object>> lines = readJsonLines(t.logdir().resolve("result.json"));
    assertThat(lines)
        .last()
        .satisfies(
            line -> {
              assertThat(line.get("config")).isEqualTo(next.asMap());
              assertThat(line.get("training_iteration")).isEqualTo(1);
            });
  }

  @Test
  void resetWithALoggerCreatorLogsWithItFromThenOn() throws Exception {
    Counter t = start(Counter.class, CONFIG, tmp);
    t.train();
    t.train();
    List<ResultLogger> created = new ArrayList<>();
    List<Result> seen = new ArrayList<>();
    LoggerCreator recording =
        (config, logdir) -> {
          ResultLogger logger =
              new ResultLogger() {
                @Override
                public void onResult(Result result) {
                  seen.add(result);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
              };
          created.add(logger);
          return logger;
        };

    assertThat(t.reset(CONFIG, recording)).isTrue();
    t.train();
    t.stop();

    assertThat(created).hasSize(1);
    assertThat(seen).singleElement().satisfies(r -> assertThat(r.trainingIteration()).isEqualTo(1));
    assertThat(readJsonLines(t.logdir().resolve("result.json")))
        .as("the default logger before the reset")
        .hasSize(2);
  }

  @Test
  void saveFlushesTheResultLogsFirst() throws Exception {
    Counter t = start(Counter.class, tmp);
    t.train();
    t.train();

    t.save();

    assertThat(readJsonLines(t.logdir().resolve("result.json"))).hasSize(2);
    assertThat(readCsv(t.logdir().resolve("progress.csv"))).hasSize(2);
  }
}
