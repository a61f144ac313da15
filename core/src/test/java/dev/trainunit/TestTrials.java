package dev.trainunit;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Shared helpers: trials in a temporary directory, and reading back what the framework wrote. */
final class TestTrials {

  static final String TRIAL_ID = "trial-0001";
  static final String TRIAL_NAME = "test-trial";

  /** A plain Jackson reader, independent of the framework's own configuration. */
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private TestTrials() {}

  /** A trial with a fixed id and name whose directory is {@code root/trial}. */
  static Trial.Builder trial(Path root) {
    return Trial.builder(root.resolve("trial")).id(TRIAL_ID).name(TRIAL_NAME);
  }

  static <T extends AbstractTrainable> T start(Class<T> type, Config config, Path root) {
    return TrainableFactory.create(type, config, trial(root).build());
  }

  static <T extends AbstractTrainable> T start(Class<T> type, Path root) {
    return start(type, Config.empty(), root);
  }

  static Map<String, Object> readJson(Path file) throws IOException {
    return JSON.readValue(file.toFile(), MAP);
  }

  static Map<String, Object> readJson(String text) throws IOException {
    return JSON.readValue(text, MAP);
  }

  static void writeJson(Path file, Map<String, Object> value) throws IOException {
    Files.writeString(file, JSON.writeValueAsString(value));
  }

  /** Every line of a JSON-lines file, each parsed as one object. */
  static List<Map<String, Object>> readJsonLines(Path file) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) out.add(JSON.readValue(line, MAP));
    }
    return out;
  }

  /** The names of the entries directly under {@code dir}. */
  static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Files under {@code dir} this process holds open, as Linux's /proc/self/fd tells. */
  static List<Path> openFilesUnder(Path dir) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    List<Path> open = new ArrayList<>();
    if (!Files.isDirectory(fds)) return open;
    Path real = dir.toRealPath();
    try (Stream<Path> s = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(real) || target.startsWith(dir)) open.add(target);
        } catch (IOException | UnsupportedOperationException gone) {
          // the descriptor closed while listing
        }
      }
    }
    return open;
  }

  static void flipByte(Path file, long position) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(position);
      int b = f.read();
      f.seek(position);
      f.write(b ^ 0x01);
    }
  }

  static double number(Object o) {
    return ((Number) o).doubleValue();
  }
}
