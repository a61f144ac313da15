package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.fixtures.EmptyExportTrainable;
import dev.trainunit.engine.fixtures.LeakyThreadTrainable;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportModelCheckTest {

  @TempDir Path output;

  @Test
  void anExportThatWritesAnEmptyFileFailsExportModelOnly() {
    ContractCheckRuns.Outcomes outcomes = ContractCheckRuns.run(EmptyExportTrainable.class, output);

    assertThat(outcomes.failed()).as(outcomes.toString()).containsOnlyKeys("export-model");
    assertThat(outcomes.failure("export-model"))
        .contains("export format 'onnx' wrote an empty file")
        .contains("model.onnx (0 bytes)");
  }

  @Test
  void isSkippedWithAReasonWhenNoFormatsAreDeclared() {
    ContractCheckRuns.Outcomes outcomes =
        ContractCheckRuns.run(
            LeakyThreadTrainable.class,
            output,
            "trainunit.checks.exclude",
            "cleanup,lifecycle-fuzz,fresh-jvm-restore");

    assertThat(outcomes.skipped()).containsKey("export-model");
    assertThat(outcomes.skipped().get("export-model"))
        .contains("no export formats declared")
        .contains("exportFormats");
  }
}
