package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.config.Constants;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's tables of checks and of configuration parameters say what the engine has, no more
 * and no less.
 */
class ReadmeTest {

  private static final Pattern FIRST_CELL =
      Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  @Test
  void theCheckTableListsTheCatalogueInItsOrder() throws IOException {
    assertThat(firstCells(section("### The checks")))
        .containsExactlyElementsOf(CheckCatalog.standard().ids());
  }

  /** The row says what the check's description says: what a pass proves, in one place. */
  @Test
  void theCleanupRowIsTheCheckDescription() throws IOException {
    String description = CheckCatalog.standard().find("cleanup").orElseThrow().description();
    assertThat(section("### The checks")).contains("\n| `cleanup` | " + description + " |\n");
  }

  @Test
  void theParameterTableListsEveryKeyOfConstants() throws IOException {
    List<String> keys =
        Arrays.stream(Constants.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(ReadmeTest::value)
            .map(key -> key.endsWith(".") ? key + "*" : key)
            .toList();
    assertThat(firstCells(section("### Configuration parameters")))
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The README's text from {@code heading} to the next heading of the same level. */
  private static String section(String heading) throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as("README has " + heading).isNotNegative();
    int end = readme.indexOf("\n### ", start + heading.length() + 2);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static List<String> firstCells(String text) {
    List<String> cells = new ArrayList<>();
    Matcher m = FIRST_CELL.matcher(text);
    while (m.find()) cells.add(m.group(1));
    return cells;
  }
}
