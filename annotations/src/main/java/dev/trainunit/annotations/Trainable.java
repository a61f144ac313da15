package dev.trainunit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.platform.commons.annotation.Testable;

/**
 * Marks a trainable for the TrainUnit test engine.
 *
 * <p>On a class that extends {@code dev.trainunit.AbstractTrainable}, the class itself is tested.
 * On any other class (typically a test class in {@code src/test}), {@link #value()} names the
 * trainable under test:
 *
 * <pre>{@code
 * @Trainable(value = LogReg.class, iterations = 20, config = {"{\"lr\": 0.1}", "{\"lr\": 0.01}"})
 * class LogRegTest {}
 * }</pre>
 *
 * <p>Every check of the catalogue runs against each config; see the README for the check ids.
 */
@Documented
@Inherited
@Testable
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Trainable {

  /**
   * The trainable under test, when the annotated class is not itself a trainable. Leave unset on a
   * class that extends {@code AbstractTrainable}.
   */
  Class<?> value() default void.class;

  /**
   * How many {@code train()} calls one run makes; a run also ends at the first {@code done}. Left
   * unset ({@code -1}), it is the engine's {@code trainunit.iterations}, else 10; a value set here
   * always wins, also when it is 10.
   */
  int iterations() default -1;

  /**
   * Configs as JSON objects; each one is a variant tested separately. The default is one empty
   * config.
   */
  String[] config() default {"{}"};

  /**
   * The name of a static method on the annotated class that returns the configs to test: a {@code
   * dev.trainunit.Config}, a JSON {@code String}, or a {@code Collection} or array of either. Used
   * instead of {@link #config()} when set.
   */
  String configFactory() default "";

  /**
   * Whether two fresh instances with the same config must produce identical metrics. Set to false
   * for a trainable that really is not reproducible; the {@code determinism} check is then skipped
   * with that reason, and comparisons across instances are not made.
   */
  boolean deterministic() default true;

  /**
   * Relative tolerance for floating-point metrics when two runs are compared; 0 means exact. Use it
   * only for state that legitimately loses precision in a checkpoint.
   */
  double tolerance() default 0.0;

  /** Check ids to leave out, for example {@code "export-model"}; an unknown id is an error. */
  String[] skip() default {};

  /** Why the checks in {@link #skip()} are left out; shown in the skipped test's reason. */
  String skipReason() default "";

  /** Export formats the {@code export-model} check asks {@code exportModel} for. */
  String[] exportFormats() default {};

  /**
   * The longest one {@code step()} may take, as a duration such as {@code "30s"}, {@code "500ms"}
   * or {@code "2m"}; empty uses the engine-wide {@code trainunit.step.timeout}.
   */
  String stepTimeout() default "";

  /**
   * The most {@code step()} calls the whole check catalogue may make per config, as a multiple of
   * one run's steps (fresh JVMs included); {@code lifecycle-fuzz} spends what the other checks
   * leave. Unset ({@code -1}): the engine's {@code trainunit.step.budget}, else 8. Raise it to fuzz
   * longer; every other check always runs in full.
   */
  double stepBudget() default -1;

  /**
   * Metrics that are allowed to be NaN or infinite; the {@code lifecycle} check refuses non-finite
   * values in every other metric.
   */
  String[] allowNonFinite() default {};

  /**
   * Metrics left out of every comparison between runs, for example a wall-clock measurement the
   * model reports itself. Auto-filled timing metrics are never compared.
   */
  String[] ignoreMetrics() default {};

  /**
   * Fields rebuilt from others after a restore; left out of the field comparison. When a restored
   * run diverges, TrainUnit names the fields in which the restored instance differs from the one
   * that saved the checkpoint; a cache or a scratch buffer that {@code loadCheckpoint} rebuilds, or
   * that refills itself, is not lost state and would only hide the field that is. Name a field of
   * the trainable or of a superclass ({@code "cache"}), or a field of a nested object by its dotted
   * path ({@code "net.scratch"}); a name that is not such a field is an error. Static and transient
   * fields are left out without being named here.
   */
  String[] derivedFields() default {};

  /**
   * A directory (relative to the working directory: the module's directory under Maven) that keeps
   * golden checkpoints of this trainable, one per config, for later builds to restore: the {@code
   * checkpoint-compat} check restores each with today's code and compares how it continues with
   * what was recorded, so that a change which breaks old checkpoints (a {@code serialVersionUID}, a
   * renamed key) fails the build instead of a resumed tuning job. Record them once with {@code
   * -Dtrainunit.golden.record=true} and commit the directory, e.g. {@code
   * "src/test/resources/golden/LogReg"}. Empty (the default): not checked.
   */
  String golden() default "";
}
