package dev.trainunit.engine.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.file.PathUtils;

/**
 * Files and directories moved aside for the length of a restore, as if the trial had moved to a
 * node that has none of them, and moved back when it is closed, whatever happened meanwhile.
 */
final class OutOfReach implements AutoCloseable {

  private final Map<Path, Path> moved = new LinkedHashMap<>();
  private final List<String> notMoved = new ArrayList<>();

  /**
   * Moves each of {@code paths} that exists aside, next to itself; a path that is, or holds, one of
   * {@code keep} stays, and so does one that cannot be moved (both are listed by {@link
   * #notMoved()}).
   */
  static OutOfReach move(List<Path> paths, List<Path> keep) {
    OutOfReach away = new OutOfReach();
    for (Path path : paths) {
      Path p = path.toAbsolutePath().normalize();
      if (!Files.exists(p) || away.moved.containsKey(p) || isWithinMoved(away, p)) continue;
      if (keep.stream().anyMatch(k -> k.toAbsolutePath().normalize().startsWith(p))) {
        away.notMoved.add(p + " (it holds the directories the check itself works in)");
        continue;
      }
      Path aside = p.resolveSibling(p.getFileName() + ".trainunit-moved-away");
      try {
        Files.move(p, aside);
        away.moved.put(p, aside);
      } catch (IOException e) {
        away.notMoved.add(p + " (cannot move it: " + e + ")");
      }
    }
    return away;
  }

  private static boolean isWithinMoved(OutOfReach away, Path p) {
    return away.moved.keySet().stream().anyMatch(p::startsWith);
  }

  /** What was moved aside, by its own path. */
  List<Path> moved() {
    return List.copyOf(moved.keySet());
  }

  /** What was left in place, and why. */
  List<String> notMoved() {
    return List.copyOf(notMoved);
  }

  /**
   * Moves everything back; the first that cannot be is the error, after trying all. What the
   * trainable made again meanwhile where a moved path was (a cache it rebuilds when missing) stays,
   * and the moved original is deleted: the trainable itself holds the new one to be what it needs.
   */
  @Override
  public void close() {
    UncheckedIOException failure = null;
    for (Map.Entry<Path, Path> entry : moved.entrySet()) {
      try {
        if (Files.exists(entry.getKey(), LinkOption.NOFOLLOW_LINKS)) {
          PathUtils.delete(entry.getValue());
          continue;
        }
        Files.move(entry.getValue(), entry.getKey());
      } catch (IOException e) {
        UncheckedIOException back =
            new UncheckedIOException(
                "cannot move " + entry.getValue() + " back to " + entry.getKey(), e);
        if (failure == null) failure = back;
        else failure.addSuppressed(back);
      }
    }
    moved.clear();
    if (failure != null) throw failure;
  }
}
