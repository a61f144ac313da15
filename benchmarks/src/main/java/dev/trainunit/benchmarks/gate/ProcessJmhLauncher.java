package dev.trainunit.benchmarks.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs JMH as a child process. If the gate's JVM is stopped while a run is going (a cancelled CI
 * job), a shutdown hook destroys the child, which takes its own fork down with it.
 */
final class ProcessJmhLauncher implements JmhLauncher {

  @Override
  public int run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    Thread killer = new Thread(() -> destroy(process), "regression-gate-stop-jmh");
    Runtime.getRuntime().addShutdownHook(killer);
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      destroy(process);
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is exiting: the hook is running or about to, which is what it is for.
      }
    }
  }

  private static void destroy(Process process) {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
  }
}
