package dev.trainunit.benchmarks.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Starts one JMH run; the interleaved mode's only contact with processes, so tests can fake it. */
interface JmhLauncher {

  /**
   * Runs {@code command} to completion with its standard output and error written to {@code log}.
   *
   * @return the process's exit code
   * @throws IOException when the process cannot be started
   * @throws InterruptedException when the wait is interrupted (the process is destroyed first)
   */
  int run(List<String> command, Path log) throws IOException, InterruptedException;
}
