package dev.trainunit;

import dev.trainunit.internal.ResultFields;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apiguardian.api.API;

/**
 * What one {@code train()} call reports: the metrics {@code step()} returned plus the metrics Tune
 * fills in automatically ({@code training_iteration}, {@code time_this_iter_s}, {@code
 * time_total_s}, {@code timestamp}, {@code date}, {@code done}, {@code trial_id}, {@code config},
 * ...). Immutable.
 *
 * <p>As in Tune, a {@code training_iteration}, {@code time_this_iter_s}, {@code done}, {@code
 * timesteps_total} or {@code episodes_total} that {@code step()} returned itself wins over the
 * auto-filled value; the other auto-filled keys always hold the framework's value.
 *
 * <p>The combined map is built only when asked for ({@link #asMap()}), so that {@code train()}
 * stays cheap for steps of a few microseconds.
 */
@API(status = API.Status.STABLE, since = "0.2.0")
public final class Result extends JsonMap {

  public static final String DONE = "done";
  public static final String SHOULD_CHECKPOINT = "should_checkpoint";
  public static final String TRAINING_ITERATION = "training_iteration";
  public static final String TIME_THIS_ITER_S = "time_this_iter_s";
  public static final String TIME_TOTAL_S = "time_total_s";
  public static final String TIME_SINCE_RESTORE = "time_since_restore";
  public static final String ITERATIONS_SINCE_RESTORE = "iterations_since_restore";
  public static final String TIMESTEPS_THIS_ITER = "timesteps_this_iter";
  public static final String TIMESTEPS_TOTAL = "timesteps_total";
  public static final String TIMESTEPS_SINCE_RESTORE = "timesteps_since_restore";
  public static final String EPISODES_THIS_ITER = "episodes_this_iter";
  public static final String EPISODES_TOTAL = "episodes_total";
  public static final String TIMESTAMP = "timestamp";
  public static final String DATE = "date";
  public static final String TRIAL_ID = "trial_id";
  public static final String PID = "pid";
  public static final String HOSTNAME = "hostname";
  public static final String NODE_IP = "node_ip";
  public static final String CONFIG = "config";

  /**
   * Keys that only the framework fills: a value {@code step()} returned under one is replaced.
   * ({@code time_this_iter_s} is among them because a value the step reported is already what the
   * framework recorded.)
   */
  static final Set<String> FRAMEWORK_KEYS =
      Set.of(
          TIME_THIS_ITER_S,
          TIME_TOTAL_S,
          TIME_SINCE_RESTORE,
          ITERATIONS_SINCE_RESTORE,
          TIMESTEPS_SINCE_RESTORE,
          TIMESTAMP,
          DATE,
          TRIAL_ID,
          PID,
          HOSTNAME,
          NODE_IP,
          CONFIG);

  /** Keys Tune's debug_metrics_only keeps. */
  static final Set<String> DEBUG_KEYS =
      Set.of(TRIAL_ID, DATE, TIMESTAMP, PID, HOSTNAME, NODE_IP, CONFIG);

  private static final DateTimeFormatter TUNE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

  private final Map<String, Object> metrics;

  /** The trainable's counters after this result's iteration. */
  private final TrainingCounters counters;

  private final double timeThisIterS;
  private final long epochMillis;
  private final Config config;
  private final String trialId;
  private Map<String, Object> combined;

  Result(
      Map<String, Object> metrics,
      TrainingCounters counters,
      double timeThisIterS,
      long epochMillis,
      Config config,
      String trialId) {
    this.metrics = metrics;
    this.counters = counters;
    this.timeThisIterS = timeThisIterS;
    this.epochMillis = epochMillis;
    this.config = config;
    this.trialId = trialId;
  }

  /** The metrics exactly as {@code step()} returned them, without the auto-filled ones. */
  public Map<String, Object> metrics() {
    return Collections.unmodifiableMap(metrics);
  }

  /** {@code training_iteration}: the user's value when {@code step()} reported one. */
  public long trainingIteration() {
    Object own = metrics.get(TRAINING_ITERATION);
    return own instanceof Number n ? n.longValue() : counters.iteration();
  }

  public double timeThisIterS() {
    return timeThisIterS;
  }

  public double timeTotalS() {
    return counters.timeTotal();
  }

  public double timeSinceRestore() {
    return counters.timeSinceRestore();
  }

  public long iterationsSinceRestore() {
    return counters.iterationsSinceRestore();
  }

  /** {@code done}: true when {@code step()} reported {@code "done": true}. */
  public boolean isDone() {
    return Boolean.TRUE.equals(metrics.get(DONE));
  }

  /** True when {@code step()} asked for a checkpoint with {@code "should_checkpoint": true}. */
  public boolean shouldCheckpoint() {
    return Boolean.TRUE.equals(metrics.get(SHOULD_CHECKPOINT));
  }

  /** When the result was produced. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(epochMillis);
  }

  public Config config() {
    return config;
  }

  /**
   * Visits every key of the combined result once, in Tune's order: the step's own metrics, the
   * defaults it did not set, then the auto-filled metrics. Lets result loggers stream a result
   * without building the map.
   */
  public void forEach(BiConsumer<String, Object> visitor) {
    forEachField(new Boxing(visitor));
  }

  /**
   * As {@link #forEach(BiConsumer)}, with the numbers the framework fills in given unboxed: for
   * TrainUnit's result loggers.
   */
  @API(status = API.Status.INTERNAL, since = "0.2.0")
  public void forEachField(ResultFields visitor) {
    for (Map.Entry<String, Object> e : metrics.entrySet()) {
      if (!FRAMEWORK_KEYS.contains(e.getKey())) visitor.field(e.getKey(), e.getValue());
    }
    visitDefaults(visitor);
    visitAutoFilled(visitor, false);
  }

  /** {@link ResultFields} for a {@link BiConsumer}: every value boxed. */
  private record Boxing(BiConsumer<String, Object> visitor) implements ResultFields {
    @Override
    public void field(String key, Object value) {
      visitor.accept(key, value);
    }

    @Override
    public void field(String key, long value) {
      visitor.accept(key, value);
    }

    @Override
    public void field(String key, double value) {
      visitor.accept(key, value);
    }
  }

  private void visitDefaults(ResultFields visitor) {
    if (!metrics.containsKey(DONE)) visitor.field(DONE, Boolean.FALSE);
    if (!metrics.containsKey(TIMESTEPS_TOTAL)
        && counters.timestepsTotal() != TrainingCounters.ABSENT) {
      visitor.field(TIMESTEPS_TOTAL, counters.timestepsTotal());
    }
    if (!metrics.containsKey(EPISODES_TOTAL)
        && counters.episodesTotal() != TrainingCounters.ABSENT) {
      visitor.field(EPISODES_TOTAL, counters.episodesTotal());
    }
    if (!metrics.containsKey(TRAINING_ITERATION))
      visitor.field(TRAINING_ITERATION, counters.iteration());
  }

  /** The auto-filled metrics of Tune's {@code get_auto_filled_metrics}, in Tune's order. */
  Map<String, Object> autoFilledMetrics(boolean debugOnly) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    visitAutoFilled(new Boxing(metrics::put), debugOnly);
    return metrics;
  }

  private void visitAutoFilled(ResultFields visitor, boolean debugOnly) {
    visitor.field(TRIAL_ID, trialId);
    visitor.field(DATE, tuneDate(epochMillis));
    visitor.field(TIMESTAMP, epochMillis / 1000);
    if (!debugOnly) {
      visitor.field(TIME_THIS_ITER_S, timeThisIterS);
      visitor.field(TIME_TOTAL_S, counters.timeTotal());
    }
    visitor.field(PID, Host.PROCESS_ID);
    visitor.field(HOSTNAME, Host.HOST_NAME);
    visitor.field(NODE_IP, Host.NODE_IP_ADDRESS);
    visitor.field(CONFIG, config.asMap());
    if (!debugOnly) {
      visitor.field(TIME_SINCE_RESTORE, counters.timeSinceRestore());
      visitor.field(ITERATIONS_SINCE_RESTORE, counters.iterationsSinceRestore());
      if (counters.timestepsSinceRestore() != 0) {
        visitor.field(TIMESTEPS_SINCE_RESTORE, counters.timestepsSinceRestore());
      }
    }
  }

  /**
   * {@code date} in Tune's format, in the default time zone. Formatting costs about 140 ns and 450
   * bytes, once per logged result, while the text changes once a second: the last one is kept and
   * reused for results of the same second (OverheadBenchmark, loggers=json). The default zone is
   * read when the second changes (reading it copies the zone, 50 bytes a call): a result of the
   * second in which the default zone was changed may still carry the old zone's date.
   */
  static String tuneDate(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    FormattedDate last = lastDate;
    if (last != null && last.epochSecond() == second) return last.text();
    ZoneId zone = ZoneId.systemDefault();
    String text =
        LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), zone).format(TUNE_DATE);
    lastDate = new FormattedDate(second, text);
    return text;
  }

  /** Immutable, so a racy read from another thread sees a complete entry or an older one. */
  private record FormattedDate(long epochSecond, String text) {}

  private static volatile FormattedDate lastDate;

  @Override
  public Map<String, Object> asMap() {
    Map<String, Object> map = combined;
    if (map == null) {
      Map<String, Object> built = new LinkedHashMap<>();
      forEach(built::putIfAbsent);
      map = Collections.unmodifiableMap(built);
      combined = map;
    }
    return map;
  }

  @Override
  String kind() {
    return "result of iteration " + counters.iteration();
  }
}
