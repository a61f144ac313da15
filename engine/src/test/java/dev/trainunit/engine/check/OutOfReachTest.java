package dev.trainunit.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutOfReachTest {

  @TempDir Path tmp;

  @Test
  void movesWhatExistsAsideAndBackWithItsContent() throws IOException {
    Path store = Files.createDirectories(tmp.resolve("store"));
    Files.writeString(store.resolve("blob"), "state");

    try (OutOfReach away = OutOfReach.move(List.of(store, tmp.resolve("missing")), List.of())) {
      assertThat(store).doesNotExist();
      assertThat(away.moved()).containsExactly(store);
    }

    assertThat(store.resolve("blob")).hasContent("state");
  }

  @Test
  void leavesInPlaceWhatHoldsADirectoryTheCheckWorksIn() throws IOException {
    Path output = Files.createDirectories(tmp.resolve("output"));
    Path copy = Files.createDirectories(output.resolve("copy"));

    try (OutOfReach away = OutOfReach.move(List.of(output), List.of(copy))) {
      assertThat(away.moved()).isEmpty();
      assertThat(away.notMoved()).singleElement().asString().contains("output");
      assertThat(copy).isDirectory();
    }
  }

  @Test
  void keepsWhatTheTrainableMadeAgainWhereAMovedPathWas() throws IOException {
    Path cache = Files.writeString(tmp.resolve("cache.bin"), "old");

    try (OutOfReach away = OutOfReach.move(List.of(cache), List.of())) {
      Files.writeString(cache, "rebuilt");
    }

    assertThat(cache).hasContent("rebuilt");
    try (var left = Files.list(tmp)) {
      assertThat(left).containsExactly(cache);
    }
  }
}
