package dev.trainunit.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.trainunit.internal.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonLines} writes the text Jackson wrote for every kind of value a result holds, and only
 * complete lines reach the file.
 */
class JsonLinesTest {

  /** What result.json was written with before: the mapper, with Jackson's fast double writer. */
  private static final ObjectWriter JACKSON =
      Json.MAPPER.writer().with(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());

  private static String lines(Object value) throws Exception {
    return JsonLines.toJson(value, 1);
  }

  @Test
  void writesWhatJacksonWrites() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("a", List.of(1, 2.5, "x"));
    nested.put("b", null);
    nested.put("c", Map.of("d", true));
    List<Object> values =
        new ArrayList<>(
            List.of(
                0.1,
                -0.0,
                1e-7,
                123456789.0,
                1e23,
                Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY,
                0.1f,
                3.4e38f,
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                0L,
                -7,
                Integer.MIN_VALUE,
                (short) -3,
                (byte) 9,
                new BigDecimal("1.50"),
                new BigDecimal("1E+30"),
                new BigInteger("123456789012345678901234567890"),
                "",
                "plain",
                "quote \" backslash \\ slash /",
                "\n\r\t\b\f \u0000 \u0001 \u001f \u007f",
                "é ü € 中文 😀",
                'c',
                DayOfWeek.MONDAY,
                true,
                false,
                nested,
                new double[] {1.5, Double.NaN, -2},
                new float[] {0.1f},
                new long[] {1, -2},
                new int[] {3},
                new short[] {4},
                new boolean[] {true, false},
                new byte[] {1, 2, 3, (byte) 255},
                new char[] {'h', 'i'},
                new Object[] {"x", 1, null},
                new LinkedHashSet<>(List.of("s", "t")),
                List.of(List.of(List.of()))));
    values.add(null);
    for (Object value : values) {
      assertThat(lines(value))
          .as("%s", value)
          .isEqualTo(new String(JACKSON.writeValueAsBytes(value), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aHalfOfASurrogatePairIsEscapedRatherThanRefused() throws Exception {
    assertThat(lines("a\uD800b")).isEqualTo("\"a\\uD800b\"");
    assertThat(Json.MAPPER.readValue(lines("a\uD800b"), String.class)).isEqualTo("a\uD800b");
  }

  @Test
  void valuesBeyondTheReadersLimitsAreUnloggable() {
    Object deep = List.of();
    for (int i = 0; i < Json.MAX_NESTING_DEPTH; i++) deep = List.of(deep);
    Object tooDeep = deep;
    assertThatThrownBy(() -> lines(tooDeep))
        .isInstanceOf(JsonLines.Unloggable.class)
        .hasMessageContaining("nested more than 200 levels");
    assertThatThrownBy(() -> lines(new BigDecimal("1" + "0".repeat(1000))))
        .isInstanceOf(JsonLines.Unloggable.class)
        .hasMessageContaining("more than the 1000 allowed");
    assertThatThrownBy(() -> lines(Map.of("k".repeat(Json.MAX_NAME_LENGTH + 1), 1)))
        .isInstanceOf(JsonLines.Unloggable.class)
        .hasMessageContaining("a key of 50001 characters");
  }

  @Test
  void onlyCompleteLinesReachTheFile() throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    JsonLines lines = new JsonLines(file);
    String big = "x".repeat(100_000);
    for (int i = 0; i < 5; i++) {
      lines.beginLine();
      lines.writeString(big + i);
      // Whatever reached the file so far is whole lines.
      String written = file.toString(StandardCharsets.UTF_8);
      assertThat(written.isEmpty() || written.endsWith("\n")).isTrue();
      assertThat(written.lines()).hasSize(i);
      lines.endLine();
    }
    lines.beginLine();
    lines.writeString("dropped");
    lines.rewind(0);
    lines.close();
    assertThat(file.toString(StandardCharsets.UTF_8).lines())
        .hasSize(5)
        .allMatch(l -> l.length() == 100_003);
  }
}
