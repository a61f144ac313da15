package dev.trainunit.examples;

/**
 * A tiny pseudo-random generator whose whole state is one {@code long}, so a checkpoint can save it
 * and a restored run draws exactly the numbers the uninterrupted run would have drawn.
 *
 * <p>Why not {@link java.util.Random}? Its seed cannot be read back, so a model that shuffles with
 * it cannot be checkpointed: after a restore the shuffle order differs and the run diverges. This
 * is Steele, Lea and Flood's SplitMix64 (the generator behind {@code java.util.SplittableRandom}),
 * written out so that {@link #state()} is available.
 *
 * <p>Not thread-safe; one instance per model.
 */
public final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /** A generator starting from {@code seed} (any value, 0 included). */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The whole state: save this in a checkpoint, and give it to {@link #setState} on restore. */
  public long state() {
    return state;
  }

  /** Continues from a state {@link #state()} returned. */
  public void setState(long state) {
    this.state = state;
  }

  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1), with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound); {@code bound} must be positive. */
  public int nextInt(int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be positive, was " + bound);
    // Lemire's multiply-shift; the tiny bias (< 2^-32 for small bounds) does not matter here.
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /**
   * A standard normal draw (Box–Muller). Both uniforms are consumed on every call and no spare
   * value is cached, so {@link #state()} stays the only state.
   */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // in (0, 1], so log is finite
    double u2 = nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** Shuffles {@code a} in place (Fisher–Yates). */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
