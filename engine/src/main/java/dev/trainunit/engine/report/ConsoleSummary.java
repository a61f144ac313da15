package dev.trainunit.engine.report;

import dev.trainunit.engine.config.Shard;
import dev.trainunit.engine.run.AbandonedThreads;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The lines printed at the end of a run, one per trainable and config: {@code TrainUnit:
 * BrokenMissingMomentum: 5 passed, 1 failed, 0 skipped; 74 steps (7.4× the run), 3.2 s; report:
 * /.../report/index.html}.
 */
final class ConsoleSummary {

  private ConsoleSummary() {}

  /**
   * @param where the HTML report's path, or what to say instead when it is turned off
   */
  static String lines(List<Section> sections, String where) {
    StringBuilder sb = new StringBuilder();
    for (Section s : sections) {
      sb.append(line(s, where)).append(System.lineSeparator());
    }
    return sb.toString();
  }

  static String line(Section s, String where) {
    String cost = s.cost() == null ? "" : "; " + s.cost().describe();
    String shard = s.shard() == null ? "" : "; " + s.shard().label();
    return "TrainUnit: "
        + s.title()
        + ": "
        + s.passed()
        + " passed, "
        + s.failed()
        + " failed, "
        + s.skipped()
        + " skipped"
        + cost
        + shard
        + "; report: "
        + where;
  }

  /**
   * The line of a shard that got nothing to run: without it the job says only "Tests run: 0".
   *
   * @param elsewhere the trainables × configs the other shards run
   */
  static String nothingInShard(Shard shard, int elsewhere) {
    return "TrainUnit: "
        + shard.label()
        + " ran nothing: the "
        + elsewhere
        + (elsewhere == 1
            ? " trainable × config of this run belongs to another shard"
            : " trainables × configs of this run belong to other shards");
  }

  /**
   * The warning about hook threads that ignored their interrupt: they outlive their check and slow
   * down everything after them in this JVM.
   */
  static String abandoned(List<AbandonedThreads.Abandoned> threads) {
    return "TrainUnit: warning: "
        + threads.size()
        + (threads.size() == 1 ? " hook thread" : " hook threads")
        + " ignored the interrupt after timing out and still run: "
        + threads.stream().map(AbandonedThreads.Abandoned::render).collect(Collectors.joining(", "))
        + ". Java cannot end a thread; this JVM is no longer clean, and what runs after in it may"
        + " be slower. Let long loops in hooks end when Thread.interrupted() is true.";
  }
}
