package dev.trainunit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.apiguardian.api.API;

/**
 * The one Jackson configuration TrainUnit reads and writes JSON with.
 *
 * <p>NaN and infinities are written as bare tokens, as Python's {@code json} module (and so Ray
 * Tune's {@code result.json}) writes them, and read back as doubles, so a metric that diverged
 * still round-trips through a checkpoint.
 *
 * <p>Internal: for TrainUnit's own modules, not for model code; it may change in any release.
 */
@API(status = API.Status.INTERNAL, since = "0.2.0")
public final class Json {

  /**
   * The deepest nesting of objects and arrays TrainUnit reads, the document's own level counted:
   * {@code {"a": [1]}} is nested 2 deep. What it writes (result lines, checkpoint data and
   * metadata) stays within it, so that whatever TrainUnit writes it can read back.
   */
  public static final int MAX_NESTING_DEPTH = 200;

  /** The longest string value or name TrainUnit reads or writes, in characters. */
  public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

  /** The longest number TrainUnit reads or writes, in characters of its JSON text. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** The longest member name (a map's key) TrainUnit reads or writes, in characters. */
  public static final int MAX_NAME_LENGTH = 50_000;

  /**
   * The largest training counter (iteration, timesteps, episodes) TrainUnit records or restores:
   * 2^53 − 1, the largest integer every JSON reader (JavaScript's, Python's float) holds exactly,
   * and far enough below {@code Long.MAX_VALUE} that adding one more iteration cannot overflow.
   */
  public static final long MAX_COUNTER = (1L << 53) - 1;

  /** Bounds what a hostile document can make the parser allocate. */
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxNameLength(MAX_NAME_LENGTH)
          .build();

  /** And what is written: a document nested deeper could not be read back. */
  private static final StreamWriteConstraints WRITE_LIMITS =
      StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build();

  public static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  private static ObjectMapper newMapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .streamReadConstraints(LIMITS)
            .streamWriteConstraints(WRITE_LIMITS)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();
  }

  /**
   * Describes where a JSON document is malformed: line, column and the parser's reason, without
   * Jackson's source dump.
   */
  public static String describe(JsonProcessingException e) {
    StringBuilder sb = new StringBuilder(e.getOriginalMessage());
    if (e.getLocation() != null) {
      sb.append(" (line ")
          .append(e.getLocation().getLineNr())
          .append(", column ")
          .append(e.getLocation().getColumnNr())
          .append(')');
    }
    return sb.toString();
  }

  /** Why a string or number cannot be read back, or null. */
  static String beyondLimits(Object value) {
    if (value instanceof String s && s.length() > MAX_STRING_LENGTH) return tooLong(s);
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      int digits = value.toString().length();
      if (digits > MAX_NUMBER_LENGTH) {
        return "a number of "
            + digits
            + " characters, more than the "
            + MAX_NUMBER_LENGTH
            + " TrainUnit reads";
      }
    }
    return null;
  }

  static String tooLong(String s) {
    return "a string of "
        + s.length()
        + " characters, more than the "
        + MAX_STRING_LENGTH
        + " TrainUnit reads";
  }
}
