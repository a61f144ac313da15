package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.engine.check.Check;
import dev.trainunit.engine.check.CheckCatalog;
import dev.trainunit.engine.check.CheckTags;
import dev.trainunit.engine.config.Constants;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's tables of checks and of configuration parameters say what the engine has, no more
 * and no less, and every relative link of the README and of {@code docs/} leads somewhere.
 */
class ReadmeTest {

  private static final Pattern FIRST_CELL =
      Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

  /** A Markdown link or image target: {@code [text](target)}, {@code ![alt](target)}. */
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *$", Pattern.MULTILINE);

  private static final Path ROOT = Path.of("..");

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

  /** Each tag's row names exactly the checks that carry it, in the catalogue's order. */
  @Test
  void theTagTableListsEveryTagWithItsChecks() throws IOException {
    String tags = section("### Tags");
    assertThat(firstCells(tags)).containsExactlyElementsOf(CheckTags.ALL);
    for (String tag : CheckTags.ALL) {
      Matcher row =
          Pattern.compile("^\\| `" + tag + "` \\| ([^|]+) \\|", Pattern.MULTILINE).matcher(tags);
      assertThat(row.find()).as(tag).isTrue();
      List<String> named = new ArrayList<>();
      Matcher id = Pattern.compile("`([^`]+)`").matcher(row.group(1));
      while (id.find()) named.add(id.group(1));
      List<String> carrying =
          CheckCatalog.standard().all().stream()
              .filter(c -> c.tags().contains(tag))
              .map(Check::id)
              .toList();
      assertThat(named).as(tag).containsExactlyElementsOf(carrying);
    }
  }

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsResolves() throws IOException {
    List<Path> pages = new ArrayList<>();
    pages.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> broken = new ArrayList<>();
    for (Path page : pages) {
      Matcher m = LINK.matcher(withoutCode(Files.readString(page)));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-z][a-z0-9+.-]*:.*")) continue; // https:, mailto: ...
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (hash >= 0 && resolved.toString().endsWith(".md")) {
          String anchor = target.substring(hash + 1);
          if (!anchors(Files.readString(resolved)).contains(anchor))
            broken.add(ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(broken).as("links that lead nowhere").isEmpty();
  }

  private static String value(Field f) {
    try {
      return (String) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The README's text from {@code heading} (a level-3 heading) to the next heading of the same or a
   * higher level.
   */
  private static String section(String heading) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as("README has " + heading).isNotNegative();
    Matcher next = Pattern.compile("^#{1,3} ", Pattern.MULTILINE).matcher(readme);
    int end = next.find(start + heading.length() + 2) ? next.start() : readme.length();
    return readme.substring(start, end);
  }

  /** The text without fenced code blocks and inline code, where brackets are not links. */
  private static String withoutCode(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "").replaceAll("`[^`\\n]*`", "");
  }

  /** The anchors GitHub gives the headings of {@code markdown}. */
  private static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    Matcher m = HEADING.matcher(withoutFences(markdown));
    while (m.find()) {
      anchors.add(
          m.group(1)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-'));
    }
    return anchors;
  }

  private static String withoutFences(String markdown) {
    return markdown.replaceAll("(?ms)^```.*?^```", "");
  }

  private static List<String> firstCells(String text) {
    List<String> cells = new ArrayList<>();
    Matcher m = FIRST_CELL.matcher(text);
    while (m.find()) cells.add(m.group(1));
    return cells;
  }
}
