package dev.trainunit.benchmarks.engine;

/** Does nothing: the baseline of FreshJvmRestoreBenchmark starts a JVM that runs only this. */
public final class JvmStart {

  private JvmStart() {}

  public static void main(String[] args) {}
}
