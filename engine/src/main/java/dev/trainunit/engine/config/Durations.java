package dev.trainunit.engine.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Reads durations the way people write them in configuration: {@code 500ms}, {@code 30s}, {@code
 * 2m}, {@code 1h}.
 */
@API(status = API.Status.INTERNAL)
public final class Durations {

  private static final Pattern FORMAT = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h)\\s*");

  private Durations() {}

  /**
   * @param where names the setting, for the error message
   * @throws IllegalArgumentException naming the setting and the text when it is not a duration
   */
  public static Duration parse(String text, String where) {
    Matcher m = FORMAT.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          where
              + " = '"
              + text
              + "' is not a duration; write a whole number with a unit: 500ms, 30s, 2m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    if (d.isZero())
      throw new IllegalArgumentException(where + " = '" + text + "' must be longer than zero");
    return d;
  }
}
