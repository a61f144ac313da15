package dev.trainunit.engine.report;

import dev.trainunit.internal.SafeJson;
import java.util.List;
import java.util.Map;

/**
 * Copies of metrics and configs that JSON can hold, for the report's data: what a report part
 * stores must read back as it was written, and a metric that is an arbitrary object would make the
 * part unwritable. Such a value becomes its string form, as the result logs write it.
 */
final class PlainData {

  private PlainData() {}

  static Object value(Object v) {
    return SafeJson.safeCopy(v);
  }

  @SuppressWarnings("unchecked") // safeCopy copies a map to a map with the same keys
  static Map<String, Object> map(Map<String, Object> m) {
    return (Map<String, Object>) SafeJson.safeCopy(m);
  }

  static List<Map<String, Object>> results(List<Map<String, Object>> results) {
    return results.stream().map(PlainData::map).toList();
  }
}
