package dev.trainunit.engine.report;

import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.config.EngineSettings;
import dev.trainunit.engine.config.TrainableDeclaration;
import dev.trainunit.engine.discovery.DeclarationReader;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Run records made by hand, for tests of the report step alone: many engine executions finishing at
 * the very same moment are easier to stage without running any trainable.
 */
final class HandMadeRecords {

  private HandMadeRecords() {}

  /** Settings from {@code values}, everything else at its default. */
  static EngineSettings settings(Map<String, String> values) {
    return new EngineSettings(
        new ConfigurationParameters() {
          @Override
          public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
          }

          @Override
          public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::parseBoolean);
          }

          @Override
          public Set<String> keySet() {
            return values.keySet();
          }
        });
  }

  /** A record in which the {@code lifecycle} check of each config of {@code testClass} passed. */
  static RunRecord lifecyclePassed(EngineSettings settings, Class<?> testClass) {
    CheckCatalog catalog = CheckCatalog.standard();
    TrainableDeclaration declaration =
        ((DeclarationReader.Valid) new DeclarationReader(settings, catalog).read(testClass))
            .declaration();
    RunRecord record = new RunRecord();
    for (int config = 0; config < declaration.configs().size(); config++) {
      record.checkFinished(
          declaration,
          config,
          catalog.position("lifecycle"),
          catalog.find("lifecycle").orElseThrow(),
          TestExecutionResult.successful());
    }
    return record;
  }
}
