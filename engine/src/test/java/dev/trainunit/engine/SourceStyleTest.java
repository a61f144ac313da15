package dev.trainunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The habit Spotless cannot check: types are imported, not written out fully qualified in code.
 * Comments and string literals may name classes as they like; a clash of simple names is resolved
 * by the import of the type used more, not by a qualified name in the middle of an expression.
 */
class SourceStyleTest {

  private static final Pattern QUALIFIED_TYPE =
      Pattern.compile(
          "(?<![\\w.\"])(?:java|javax|org|com|dev)(?:\\.[a-z_][a-z0-9_]*)+\\.[A-Z]\\w*");

  private static final Pattern COMMENT_OR_LITERAL =
      Pattern.compile(
          "//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'",
          Pattern.DOTALL);

  private static final Pattern IMPORT_OR_PACKAGE =
      Pattern.compile("^(?:import|package)\\s[^;]*;", Pattern.MULTILINE);

  @Test
  void noSourceFileOfTheBuildWritesATypeFullyQualified() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of(".."))) {
      files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> file.toString().contains("/src/"))
          .filter(file -> !file.toString().contains("/target/"))
          .forEach(
              file -> qualifiedTypesIn(read(file)).forEach(hit -> found.add(file + ": " + hit)));
    }
    assertThat(found).isEmpty();
  }

  @Test
  void theScanSeesQualifiedTypesInCodeOnly() {
    String source =
        """
        package dev.example;
        import java.util.List;
        /** Uses {@link java.util.Map}. */
        class Example {
          // java.util.Set in a comment
          String text = "java.util.Optional";
          java.util.concurrent.TimeUnit unit = java.util.concurrent.TimeUnit.SECONDS;
          List<String> names = List.of();
        }
        """;
    assertThat(qualifiedTypesIn(source))
        .containsExactly("java.util.concurrent.TimeUnit", "java.util.concurrent.TimeUnit");
  }

  static List<String> qualifiedTypesIn(String source) {
    String code = IMPORT_OR_PACKAGE.matcher(source).replaceAll("");
    code = COMMENT_OR_LITERAL.matcher(code).replaceAll(" ");
    List<String> hits = new ArrayList<>();
    Matcher matcher = QUALIFIED_TYPE.matcher(code);
    while (matcher.find()) {
      hits.add(matcher.group());
    }
    return hits;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
