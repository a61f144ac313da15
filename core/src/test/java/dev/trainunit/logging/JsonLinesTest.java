package dev.trainunit.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.trainunit.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

  private static void assertDouble(double d) throws Exception {
    assertThat(lines(d)).as("%s", d).isEqualTo(NumberOutput.toString(d, true));
  }

  /**
   * Doubles whose shortest decimal has at most 15 digits take a path of their own; every kind of
   * double, on either side of the formats' boundaries, gives the Schubfach writer's text.
   */
  @Test
  void doublesAreWrittenAsJacksonsFastWriterWritesThem() throws Exception {
    Random random = new Random(20261202);
    for (double d :
        new double[] {
          1e-3,
          9.99e-4,
          0.001000000000001,
          1e7,
          9999999.0,
          9999999.999999,
          10000000.5,
          1e-7,
          9.9999999e-8,
          1e15,
          999999999999999.0,
          99999999999999.98,
          1.0,
          -1.0,
          0.5,
          123.0,
          1e14,
          0.1 + 0.2,
          1 / 3.0,
          2.0 / 3.0,
          Math.PI,
          Math.E,
          5e-324,
          Double.MIN_NORMAL,
          Double.MAX_VALUE
        }) {
      assertDouble(d);
      assertDouble(-d);
      assertDouble(Math.nextUp(d));
      assertDouble(Math.nextDown(d));
    }
    for (int k = -20; k <= 52; k++) {
      // powers of two, where the gap below is half the gap above
      double d = Math.scalb(1.0, k);
      assertDouble(d);
      assertDouble(Math.nextUp(d));
      assertDouble(Math.nextDown(d));
      assertDouble(d * 3);
    }
    for (int i = 0; i < 100_000; i++) {
      // any mantissa at the scales of times and losses
      assertDouble(
          Math.scalb(1.0 + random.nextInt(1 << 30) / (double) (1 << 30), random.nextInt(104) - 52)
              + Math.scalb(random.nextDouble(), random.nextInt(70) - 72));
      // short decimals of every length and scale, as times and step results are
      long digits = random.nextLong() >>> (1 + random.nextInt(63));
      int exponent = random.nextInt(40) - 25;
      double d = Double.parseDouble(digits + "e" + exponent);
      assertDouble(d);
      assertDouble(Math.nextUp(d));
      // any bits at all
      assertDouble(Double.longBitsToDouble(random.nextLong()));
      // nanoseconds in seconds, and sums of them
      long nanos = random.nextLong() >>> random.nextInt(64);
      assertDouble(nanos / 1e9);
      assertDouble(nanos / 1e9 + random.nextInt(1000) / 1e9);
      assertDouble(random.nextDouble() * Math.pow(10, random.nextInt(30) - 12));
    }
  }

  @Test
  void doublesInTheUsualRangeTakeTheAllocationFreePaths() throws Exception {
    JsonLines lines = new JsonLines(OutputStream.nullOutputStream());
    lines.beginLine();
    for (double d : new double[] {0.0, 9.0, 1.19454E-4, 0.25, 1e7, 123456.789, 1e-7, 1e14 + 1}) {
      assertThat(lines.writeShortDouble(d)).as("%s", d).isTrue();
    }
    for (double d : new double[] {0.1 + 0.2, 1 / 3.0, 1e15, 1e-8, Double.NaN, 5e-324}) {
      assertThat(lines.writeShortDouble(d)).as("%s", d).isFalse();
    }
    for (double d :
        new double[] {
          0.1 + 0.2, 1 / 3.0, 8.820900000000002, 4.930380657631324E-28 * 1e14, 4.0E-8
        }) {
      assertThat(lines.writeLongDouble(d)).as("%s", d).isTrue();
    }
    for (double d : new double[] {1e16 / 3, 1e-16 / 3, Double.NaN, 0.0}) {
      assertThat(lines.writeLongDouble(d)).as("%s", d).isFalse();
    }
  }

  @Test
  void longsAreWrittenAsJacksonWritesThem() throws Exception {
    Random random = new Random(7);
    List<Long> values =
        new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE));
    long p = 1;
    for (int i = 0; i < 19; i++, p *= 10) values.addAll(List.of(p, p - 1, -p, 1 - p));
    values.addAll(List.of((long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, -2147483648L));
    for (int i = 0; i < 100_000; i++) values.add(random.nextLong() >> random.nextInt(64));
    for (long v : values) assertThat(lines(v)).isEqualTo(Long.toString(v));
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
