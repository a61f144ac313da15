/**
 * Result logs, as Tune's loggers: {@code result.json}, {@code params.json} and {@code progress.csv}
 * by default. Model code uses this package only to choose a trial's logs or to plug in its own:
 * pass {@link dev.trainunit.logging.ResultLoggers#tuneDefaults()}, {@link
 * dev.trainunit.logging.ResultLoggers#json() json()} or {@link
 * dev.trainunit.logging.ResultLoggers#none() none()} to {@code Trial.Builder.loggerCreator}, or a
 * {@link dev.trainunit.logging.LoggerCreator} of its own that makes a {@link
 * dev.trainunit.logging.ResultLogger} (combined with the shipped ones by {@link
 * dev.trainunit.logging.ResultLoggers#all ResultLoggers.all}). The JSON and CSV writers themselves
 * are package-private.
 *
 * <p>Written against the types of {@code dev.trainunit} ({@code Config}, {@code Result}) and {@code
 * dev.trainunit.internal}; never against the runtime ({@code AbstractTrainable}, {@code Trial}) nor
 * {@code dev.trainunit.storage}.
 */
package dev.trainunit.logging;
