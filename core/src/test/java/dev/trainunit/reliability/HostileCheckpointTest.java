package dev.trainunit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.management.ThreadMXBean;
import dev.trainunit.Checkpoint;
import dev.trainunit.CheckpointException;
import dev.trainunit.Config;
import dev.trainunit.TrainableFactory;
import dev.trainunit.Trial;
import dev.trainunit.logging.ResultLoggers;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores every variant of a generated corpus of damaged and hostile checkpoints (see {@link
 * HostileCheckpointCorpus}) into a fresh instance, and proves for each: a {@link
 * CheckpointException} naming the problem and a path inside the checkpoint; {@code loadCheckpoint}
 * never called; nothing outside the checkpoint directory written or read (the sentinels around it
 * keep their contents, modification and access times); no unbounded work (each refusal is quick and
 * allocates little, a declared size of 2^62 included).
 */
class HostileCheckpointTest {

  private static final FileTime OLD = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
  private static final long MAX_ALLOCATED_BYTES = 32L * 1024 * 1024;
  private static final long MAX_NANOS = 2_000_000_000L;

  @TempDir static Path base;
  private static Path template;

  /** Whether this file system updates access times on read (relatime does when atime < ctime). */
  private static boolean atimeObservable;

  private static final AtomicInteger counter = new AtomicInteger();

  @BeforeAll
  static void saveTemplateCheckpoint() throws Exception {
    Trial trial =
        Trial.builder(base.resolve("template-trial")).loggerCreator(ResultLoggers.none()).build();
    CorpusModel model = TrainableFactory.create(CorpusModel.class, Config.empty(), trial);
    for (int i = 0; i < 3; i++) model.train();
    Checkpoint checkpoint = model.save();
    model.stop();
    template = checkpoint.path();

    Path probe = base.resolve("atime-probe");
    Files.write(probe, new byte[] {1});
    Files.getFileAttributeView(probe, BasicFileAttributeView.class).setTimes(null, OLD, null);
    Files.readAllBytes(probe);
    atimeObservable =
        !Files.readAttributes(probe, BasicFileAttributes.class).lastAccessTime().equals(OLD);
  }

  @TestFactory
  Stream<DynamicTest> everyDamagedOrHostileVariantIsRefused() throws IOException {
    List<HostileCheckpointCorpus.Variant> corpus = HostileCheckpointCorpus.generate(template);
    CrashConsistencyTest.report(
        "hostile corpus: "
            + corpus.size()
            + " damaged or hostile checkpoint variants generated"
            + (atimeObservable
                ? " (access times of the sentinels checked)"
                : " (this file system does not show reads in access times)"));
    return corpus.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> refuses(v)));
  }

  private static void refuses(HostileCheckpointCorpus.Variant variant) throws Exception {
    int n = counter.incrementAndGet();
    Path root = base.resolve("variant-" + n);
    Path checkpoint = root.resolve("checkpoint_000003");
    copyTree(template, checkpoint);
    HostileCheckpointCorpus.Sandbox sandbox = new HostileCheckpointCorpus.Sandbox(root, checkpoint);
    HostileCheckpointCorpus.placeSentinels(sandbox);
    variant.mutation().apply(sandbox);
    Map<String, String> before = snapshot(root, checkpoint, true);

    Trial trial =
        Trial.builder(base.resolve("trial-" + n)).loggerCreator(ResultLoggers.none()).build();
    CorpusModel fresh = TrainableFactory.create(CorpusModel.class, Config.empty(), trial);
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated0 = threads.getCurrentThreadAllocatedBytes();
    long t0 = System.nanoTime();
    Throwable thrown = catchThrowable(() -> fresh.restore(checkpoint));
    long nanos = System.nanoTime() - t0;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;

    assertThat(thrown).as(variant.name()).isInstanceOf(CheckpointException.class);
    CheckpointException e = (CheckpointException) thrown;
    assertThat(Pattern.compile(variant.expected()).matcher(e.getMessage()).find())
        .as("message names the problem (/%s/): %s", variant.expected(), e.getMessage())
        .isTrue();
    // Compared lexically: AssertJ's Path.startsWith resolves links, which is what we must not do.
    assertThat(e.path().toAbsolutePath().normalize().startsWith(checkpoint))
        .as("the path named, %s, is the checkpoint or inside it", e.path())
        .isTrue();
    assertThat(e.getMessage()).contains(checkpoint.toString());
    assertThat(fresh.loads).as("loadCheckpoint calls").isZero();
    assertThat(fresh.iteration()).as("counters untouched").isZero();
    assertThat(snapshot(root, checkpoint, false))
        .as("nothing around (or in) the checkpoint was written or read")
        .isEqualTo(before);
    assertThat(nanos).as("refused quickly").isLessThan(MAX_NANOS);
    assertThat(allocated).as("bytes allocated while refusing").isLessThan(MAX_ALLOCATED_BYTES);
    fresh.stop();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  /**
   * Type, size, modification time and content of everything under {@code root} (links by their
   * target, never followed), plus the access time of everything outside {@code checkpoint}; with
   * {@code age}, first sets those access times in the past so that a read would show.
   */
  private static Map<String, String> snapshot(Path root, Path checkpoint, boolean age)
      throws IOException {
    Map<String, String> state = new TreeMap<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String key = root.relativize(file).toString();
            boolean outside = !file.startsWith(checkpoint);
            if (attrs.isSymbolicLink()) {
              state.put(key, "link -> " + Files.readSymbolicLink(file));
            } else if (attrs.isRegularFile()) {
              if (age && outside) {
                Files.getFileAttributeView(
                        file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(null, OLD, null);
              }
              BasicFileAttributes a =
                  Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
              String atime = outside && atimeObservable ? " atime " + a.lastAccessTime() : "";
              // Content by CRC only for what the reader may read anyway (inside); outside, reading
              // would itself change the access time we watch, so size and mtime stand for content.
              state.put(key, "file " + a.size() + " mtime " + a.lastModifiedTime() + atime);
            } else {
              state.put(key, "special");
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            state.put(root.relativize(dir) + "/", "dir");
            return FileVisitResult.CONTINUE;
          }
        });
    return state;
  }
}
