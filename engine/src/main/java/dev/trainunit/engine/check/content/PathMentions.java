package dev.trainunit.engine.check.content;

import dev.trainunit.storage.CheckpointFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The absolute paths a checkpoint's files name, under directories that do not travel with a trial
 * to another node: the trial directory it was saved in, the directory beside it, the working
 * directory, the temp directory. Ray's rule for {@code save_checkpoint} and {@code
 * load_checkpoint}: do not rely on absolute paths.
 *
 * <p>The files are read as bytes, so a path is found in JSON, in text, in a Java serialization
 * stream (which writes strings as UTF-8) and in a zip's stored entries alike; compressed content is
 * not looked into. A mention is the longest run of path characters that starts with one of the
 * roots. Only the first {@value #SCANNED_BYTES} bytes of each file are read: paths live in
 * metadata, which is small or comes first; the weights of a big model do not hold any.
 */
@API(status = API.Status.INTERNAL)
public final class PathMentions {

  static final long SCANNED_BYTES = 64L << 20;

  private static final int CHUNK = 1 << 20;

  private static final int LONGEST_PATH = 4096;

  /**
   * One absolute path found in a checkpoint file.
   *
   * @param file the checkpoint file that names it, relative to the checkpoint directory
   * @param path the path as written there
   * @param root the directory it lies under, as {@link #scan} was given it
   */
  public record Mention(String file, String path, String root) {
    /** {@code model.json names /tmp/blobs/ab12.bin (in the temp directory)}. */
    public String render() {
      return file + " names " + path + " (" + root + ")";
    }
  }

  private PathMentions() {}

  /**
   * Every mention, in {@code checkpointDir}'s files (its own metadata file left out), of a path
   * under one of {@code roots}, each named by what it is ("in the temp directory"). A path under
   * several roots is attributed to the deepest.
   */
  public static List<Mention> scan(Path checkpointDir, Map<Path, String> roots) {
    Map<String, String> byText = new LinkedHashMap<>();
    roots.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<Path, String> e) -> -e.getKey().toString().length()))
        .forEach(
            e ->
                byText.putIfAbsent(
                    e.getKey().toAbsolutePath().normalize().toString(), e.getValue()));
    List<Mention> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(checkpointDir)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals(CheckpointFiles.METADATA))
              .sorted()
              .toList()) {
        String name = checkpointDir.relativize(file).toString();
        for (String path : pathsIn(file, byText.keySet())) {
          found.add(new Mention(name, path, rootOf(path, byText)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint in " + checkpointDir, e);
    }
    return found;
  }

  private static String rootOf(String path, Map<String, String> byText) {
    for (Map.Entry<String, String> root : byText.entrySet()) {
      if (isUnder(path, root.getKey())) return root.getValue();
    }
    throw new IllegalStateException(path + " is under none of " + byText.keySet());
  }

  private static boolean isUnder(String path, String root) {
    return path.equals(root) || path.startsWith(root.endsWith("/") ? root : root + "/");
  }

  /** The distinct paths under {@code roots} that {@code file} names, in the order it names them. */
  static Set<String> pathsIn(Path file, Set<String> roots) throws IOException {
    Set<String> paths = new LinkedHashSet<>();
    byte[] buffer = new byte[CHUNK + LONGEST_PATH];
    long read = 0;
    int carried = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (read < SCANNED_BYTES) {
        int n = in.readNBytes(buffer, carried, CHUNK);
        if (n <= 0) break;
        read += n;
        int length = carried + n;
        // ISO-8859-1 keeps one char per byte, so offsets stay offsets; the paths themselves are
        // decoded as UTF-8 below
        String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        boolean last = n < CHUNK;
        int searchEnd = last ? length : length - LONGEST_PATH;
        for (String root : roots) {
          for (int at = text.indexOf(root);
              at >= 0 && at < searchEnd;
              at = text.indexOf(root, at + 1)) {
            int end = at + root.length();
            while (end < length && end - at < LONGEST_PATH && isPathChar(buffer[end])) end++;
            String path = trimmed(new String(buffer, at, end - at, StandardCharsets.UTF_8));
            if (isUnder(path, root)) paths.add(path);
          }
        }
        carried = Math.min(length, LONGEST_PATH);
        System.arraycopy(buffer, length - carried, buffer, 0, carried);
        if (last) break;
      }
    }
    return paths;
  }

  /** Bytes that can be part of a path as programs write them: not quotes, controls or spaces. */
  private static boolean isPathChar(byte b) {
    if (b < 0) return true; // a byte of a UTF-8 sequence
    return b > ' ' && b != '"' && b != '\'' && b != '<' && b != '>' && b != '`' && b != 0x7f;
  }

  private static String trimmed(String path) {
    int end = path.length();
    while (end > 1 && ",;:)]}.\\".indexOf(path.charAt(end - 1)) >= 0) end--;
    return path.substring(0, end);
  }
}
