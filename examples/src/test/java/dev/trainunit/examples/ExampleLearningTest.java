package dev.trainunit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trainunit.AbstractTrainable;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import dev.trainunit.Result;
import dev.trainunit.annotations.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example really learns: its metrics improve visibly over a short run. */
class ExampleLearningTest {

  @TempDir Path tmp;

  private List<Map<String, Object>> run(
      Class<? extends AbstractTrainable> type, String config, int n) {
    return Runs.reference(type, Config.parse(config), n, tmp.resolve(type.getSimpleName()));
  }

  private static void report(String name, List<Map<String, Object>> run, String... metrics) {
    StringBuilder line =
        new StringBuilder(name).append(" over ").append(run.size()).append(" iterations:");
    for (String m : metrics)
      line.append(' ')
          .append(m)
          .append(' ')
          .append(Runs.first(run, m))
          .append(" -> ")
          .append(Runs.last(run, m));
    System.out.println(line);
  }

  /**
   * A supervised example learns: its loss falls below {@code lossFactor} of the first iteration's,
   * and its accuracy ends at least at {@code minAccuracy}.
   */
  private void assertLearns(
      Class<? extends AbstractTrainable> type,
      int iterations,
      String loss,
      double lossFactor,
      String accuracy,
      double minAccuracy) {
    List<Map<String, Object>> run = run(type, "{}", iterations);
    report(type.getSimpleName(), run, loss, accuracy);
    assertThat(Runs.last(run, loss)).isLessThan(Runs.first(run, loss) * lossFactor);
    assertThat(Runs.last(run, accuracy)).isGreaterThanOrEqualTo(minAccuracy);
  }

  @Test
  void logisticRegressionSeparatesVirginica() {
    assertLearns(LogisticRegressionSgd.class, 20, "loss", 0.6, "accuracy", 0.93);
  }

  @Test
  void mlpLearnsTheTwoMoons() {
    assertLearns(TwoMoonsMlp.class, 30, "loss", 0.5, "accuracy", 0.95);
  }

  @Test
  void qLearningFindsTheGoal(@TempDir Path dir) {
    AbstractTrainable agent = Runs.create(QLearningGridWorld.class, Config.empty(), dir);
    List<Map<String, Object>> run = Runs.train(agent, 30);
    Result last = agent.train();
    agent.stop();
    report("QLearningGridWorld", run, "episode_reward_mean", "success_rate");
    assertThat(Runs.last(run, "episode_reward_mean"))
        .isGreaterThan(Runs.first(run, "episode_reward_mean") + 0.5);
    assertThat(run.get(run.size() - 1).get("greedy_success")).isEqualTo(true);
    assertThat(last.asMap()).containsEntry("episodes_total", 31L * 25);
    assertThat(((Number) last.get("timesteps_total")).longValue()).isPositive();
  }

  @Test
  void pbtModelStopsItselfAtTheTarget() {
    List<Map<String, Object>> run = run(PbtLinearRegression.class, "{}", 100);
    report("PbtLinearRegression", run, "val_mse");
    assertThat(run.size()).isLessThan(100);
    assertThat(run.get(run.size() - 1)).containsEntry("done", true);
    assertThat(run.subList(0, run.size() - 1))
        .allSatisfy(m -> assertThat(m).containsEntry("done", false));
    assertThat(Runs.last(run, "val_mse")).isLessThanOrEqualTo(0.02);
  }

  @Test
  void everyPbtConfigUnderTestEndsEarly() {
    Trainable declared = PbtLinearRegressionTest.class.getAnnotation(Trainable.class);
    for (String config : declared.config()) {
      List<Map<String, Object>> run = run(PbtLinearRegression.class, config, declared.iterations());
      assertThat(run).as(config).hasSizeLessThan(declared.iterations());
      assertThat(run.get(run.size() - 1)).as(config).containsEntry("done", true);
    }
  }

  @Test
  void softmaxClassifiesTheThreeSpecies() {
    assertLearns(SoftmaxIrisClassifier.class, 20, "loss", 0.5, "accuracy", 0.9);
  }

  @Test
  void encogNetworkClassifiesTheThreeSpecies() {
    assertLearns(EncogIrisNetwork.class, 20, "mse", 0.5, "accuracy", 0.9);
  }

  @Test
  void softmaxExportsJsonAndCsv(@TempDir Path dir) throws Exception {
    AbstractTrainable model =
        Runs.create(SoftmaxIrisClassifier.class, Config.empty(), dir.resolve("trial"));
    Runs.train(model, 5);
    Map<String, Path> exported = model.exportModel(List.of("json", "csv"), dir.resolve("export"));
    model.stop();

    assertThat(exported).containsOnlyKeys("json", "csv");
    assertThat(exported.values())
        .allSatisfy(
            p -> {
              assertThat(p).startsWith(dir.resolve("export")).isRegularFile();
              assertThat(Files.size(p)).isPositive();
            });
    JsonMap json =
        JsonMap.of(new ObjectMapper().readValue(exported.get("json").toFile(), Map.class));
    assertThat(json.getList("classes")).hasSize(3);
    assertThat(json.getDoubleArray("feature_mean")).hasSize(4);
    assertThat(Files.readAllLines(exported.get("csv")))
        .hasSize(4)
        .first()
        .isEqualTo("class,bias,w_sepal_length,w_sepal_width,w_petal_length,w_petal_width");
  }

  @Test
  void softmaxRefusesAnUnknownExportFormat(@TempDir Path dir) {
    AbstractTrainable model =
        Runs.create(SoftmaxIrisClassifier.class, Config.empty(), dir.resolve("trial"));
    try {
      Assertions.assertThatThrownBy(() -> model.exportModel(List.of("onnx"), dir.resolve("export")))
          .hasStackTraceContaining("unknown export format 'onnx'");
    } finally {
      model.stop();
    }
  }
}
