package dev.trainunit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The file checksum agrees with the checksum of the same bytes, at every size around the buffer's;
 * a file that does not hold the size it is checksummed for is refused, naming it.
 */
class Crc32cTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(
      ints = {0, 1, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 300_000, 9 * 1024 * 1024 + 7})
  void fileChecksumIsTheChecksumOfItsBytes(int size) throws Exception {
    byte[] bytes = new byte[size];
    new SplittableRandom(size).nextBytes(bytes);
    Path file = Files.write(dir.resolve("state.bin"), bytes);

    assertThat(Crc32c.of(file, bytes.length)).isEqualTo(Crc32c.of(bytes)).hasSize(8);
  }

  @Test
  void aFlippedByteInALargeFileChangesTheChecksum() throws Exception {
    byte[] bytes = new byte[6 * 1024 * 1024];
    new SplittableRandom(1).nextBytes(bytes);
    Path file = Files.write(dir.resolve("weights.bin"), bytes);
    String before = Crc32c.of(file, bytes.length);

    bytes[5 * 1024 * 1024 + 3] ^= 0x10;
    Files.write(file, bytes);

    assertThat(Crc32c.of(file, bytes.length)).isNotEqualTo(before).isEqualTo(Crc32c.of(bytes));
  }

  @ParameterizedTest(name = "expected {0} bytes of 1000")
  @ValueSource(longs = {0, 999, 1001, 1L << 40})
  void aFileOfAnotherSizeThanExpectedIsRefusedNamingIt(long expected) throws Exception {
    Path file = Files.write(dir.resolve("weights.bin"), new byte[1000]);

    assertThatThrownBy(() -> Crc32c.of(file, expected))
        .isInstanceOf(Crc32c.ChangedFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("changed while it was read");
  }
}
