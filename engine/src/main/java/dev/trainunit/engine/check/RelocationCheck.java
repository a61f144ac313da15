package dev.trainunit.engine.check;

import dev.trainunit.Checkpoint;
import dev.trainunit.engine.check.content.PathMentions;
import dev.trainunit.engine.check.content.PathMentions.Mention;
import dev.trainunit.engine.run.Divergence;
import dev.trainunit.engine.run.ReferenceRun;
import dev.trainunit.engine.run.TrainableDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * {@code relocation}: a checkpoint still restores when the trial has moved to another node. Ray's
 * rule: "do not rely on absolute paths in the implementation of save_checkpoint and
 * load_checkpoint". A checkpoint that records where its state lies — a file in its trial directory,
 * in {@code /tmp}, in a content-addressed store beside the trial directories — instead of holding
 * it restores fine on the machine that wrote it, so every other restore passes, and restores
 * nothing anywhere else.
 *
 * <p>An instance restored from the reference run's last checkpoint saves one of its own; its files
 * are scanned for the absolute paths of its trial directory, the directory beside it, the output
 * directory, the working directory and the temp directory ({@link PathMentions}). A copy is then
 * restored, and trained to the end of the run, while the saving trial's directory and every file
 * the checkpoint names under the output or the temp directory are moved aside ({@link OutOfReach});
 * it must continue exactly like the uninterrupted run. When it does not, but a copy restored with
 * everything in place does, the checkpoint relies on what was moved, and the failure names the file
 * and the path it holds. Files of the user's project (in the working directory but not in the
 * output directory) are never moved; nor is anything but the saving trial's own directory when
 * checks run in parallel.
 *
 * <p>What the check does not move it cannot prove: the new JVM of {@code fresh-jvm-restore} has a
 * working directory and a temp directory of its own, which catches paths relative to them.
 */
final class RelocationCheck implements Check {

  @Override
  public String id() {
    return "relocation";
  }

  @Override
  public String description() {
    return "a copy of a checkpoint restored while its trial directory and every file it names by absolute path are out of reach continues exactly like the uninterrupted run";
  }

  @Override
  public Set<String> tags() {
    return Set.of(CheckTags.CHECKPOINT);
  }

  /** The continuation from the reference run's last checkpoint. */
  @Override
  public long plannedSteps(CheckContext context) {
    ReferenceRun reference = context.reference();
    List<Integer> ks = Checkpoints.plannedIterations(reference);
    return ks.isEmpty() ? 0 : reference.length() - ks.get(ks.size() - 1);
  }

  @Override
  public void run(CheckContext context) {
    List<Integer> ks = context.checkpointIterations();
    int k = ks.get(ks.size() - 1);
    context.requireMetricsThatRevealState(List.of(k));
    ReferenceRun reference = context.reference();

    TrainableDriver saver = context.start("relocation-saver");
    saver.restore(context.copyOf(reference.checkpoint(k), "relocation-saver-copy"));
    Checkpoint own = saver.save();
    Path copy = context.copyOf(own, "relocation-copy");
    List<Mention> mentions = PathMentions.scan(own.path(), roots(context, saver.logdir()));

    TrainableDriver relocated = context.start("relocation-restored");
    Attempt attempt;
    List<String> notMoved;
    try (OutOfReach away =
        OutOfReach.move(
            toMove(context, saver.logdir(), mentions),
            List.of(copy, relocated.logdir(), context.subject().outputRoot()))) {
      notMoved = away.notMoved();
      attempt = Attempt.of(context, relocated, copy, reference.length() - k);
    }
    if (!notMoved.isEmpty()) context.report("relocation-not-moved", String.join("; ", notMoved));
    List<Map<String, Object>> expected = context.restrict(reference.after(k));
    Optional<String> broken = attempt.whatBroke(context, expected);
    if (broken.isEmpty()) {
      if (!mentions.isEmpty()) {
        context.report(
            "relocation-paths",
            "names absolute paths but restores without them: " + rendered(mentions));
      }
      return;
    }
    Attempt control =
        Attempt.of(
            context,
            context.start("relocation-control"),
            context.copyOf(own, "relocation-control-copy"),
            reference.length() - k);
    Optional<String> controlBroken = control.whatBroke(context, expected);
    if (controlBroken.isPresent()) {
      throw new TestAbortedException(
          "a copy of the checkpoint of iteration "
              + k
              + " does not continue exactly even with everything in place: it "
              + controlBroken.get()
              + "; that is for save-restore and checkpoint-roundtrip to judge, not relocation");
    }
    AssertionError failure =
        Failures.failed(
            "restoring a copy of the checkpoint of iteration "
                + k
                + " "
                + broken.get()
                + " while the trial directory it was saved in ("
                + saver.logdir()
                + ") and the files it names by absolute path are out of reach, and works when"
                + " they are back: the checkpoint points at files outside itself instead of"
                + " holding them ("
                + (mentions.isEmpty()
                    ? "no absolute path is written in its files: loadCheckpoint builds it, from"
                        + " the trial directory or a fixed place"
                    : rendered(mentions))
                + "). Write everything loadCheckpoint needs into checkpointDir and name files"
                + " relative to it: Ray's rule is not to rely on absolute paths in save_checkpoint"
                + " and load_checkpoint, and a trial that moves to another node has none of this"
                + " one's directories");
    attempt.error().ifPresent(failure::initCause);
    throw failure;
  }

  /** The directories that do not travel with a trial, each named as a message says it. */
  private static Map<Path, String> roots(CheckContext context, Path trialDir) {
    Map<Path, String> roots = new LinkedHashMap<>();
    roots.put(trialDir, "in the trial directory it was saved in");
    Path beside = context.subject().directories().base();
    roots.put(beside, "beside the trial directory");
    roots.put(context.subject().outputRoot(), "in the output directory");
    roots.put(Path.of(System.getProperty("user.dir")), "in the working directory");
    roots.put(Path.of(System.getProperty("java.io.tmpdir")), "in the temp directory");
    return roots;
  }

  /**
   * The saving trial's directory, and each path a mention names that exists, is the engine's (under
   * the output directory) or is a temporary file, and is not the saver's — never a file of the
   * user's project, and only the saver's own directory when checks run in parallel.
   */
  private static List<Path> toMove(CheckContext context, Path trialDir, List<Mention> mentions) {
    List<Path> paths = new ArrayList<>(List.of(trialDir));
    if (context.subject().settings().parallelEnabled()) {
      if (!mentions.isEmpty()) {
        context.report(
            "relocation-not-moved",
            "checks run in parallel, so only the trial directory is moved: other checks may use"
                + " what the checkpoint names");
      }
      return paths;
    }
    Path output = context.subject().outputRoot().toAbsolutePath().normalize();
    Path temp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
    for (Mention mention : mentions) {
      existing(Path.of(mention.path()))
          .filter(p -> p.startsWith(output) || p.startsWith(temp))
          .filter(p -> !p.equals(output) && !p.equals(temp))
          .ifPresent(paths::add);
    }
    return paths;
  }

  /**
   * The path as written, or the closest existing directory above it: bytes that follow a path in a
   * binary format can look like more of it.
   */
  private static Optional<Path> existing(Path written) {
    for (Path p = written.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (p.toFile().exists()) return Optional.of(p);
    }
    return Optional.empty();
  }

  private static String rendered(List<Mention> mentions) {
    String shown =
        mentions.stream().limit(5).map(Mention::render).collect(Collectors.joining(", "));
    return mentions.size() > 5 ? shown + ", and " + (mentions.size() - 5) + " more" : shown;
  }

  /** A restore and the training after it: the results, or what was thrown. */
  private record Attempt(List<Map<String, Object>> results, RuntimeException thrown) {

    static Attempt of(CheckContext context, TrainableDriver driver, Path copy, int iterations) {
      try {
        driver.restore(copy);
        return new Attempt(context.comparable(driver.train(iterations)), null);
      } catch (RuntimeException e) {
        return new Attempt(List.of(), e);
      }
    }

    Optional<RuntimeException> error() {
      return Optional.ofNullable(thrown);
    }

    /** How it went wrong ("fails: ...", "continues differently: ..."), or empty. */
    Optional<String> whatBroke(CheckContext context, List<Map<String, Object>> expected) {
      if (thrown != null) return Optional.of("fails (" + thrown + ")");
      Optional<Divergence> d = context.comparison().firstDivergence(expected, results);
      return d.map(
          divergence ->
              "continues differently ("
                  + divergence.describe("in the uninterrupted run", "after the move")
                  + ")");
    }
  }
}
