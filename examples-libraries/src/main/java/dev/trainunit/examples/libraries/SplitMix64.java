package dev.trainunit.examples.libraries;

/**
 * A pseudo-random generator whose whole state is one {@code long}, so that a checkpoint can hold
 * it: after a restore the run draws exactly the numbers the uninterrupted run would have drawn.
 * {@link java.util.Random} cannot do that (its seed cannot be read back), and neither can the
 * generators the libraries use internally, which is why every example shuffles its data with this
 * one and leaves the libraries' own generators to initialisation only. This is Steele, Lea and
 * Flood's SplitMix64, the generator behind {@code java.util.SplittableRandom}, written out so that
 * {@link #state()} is available. Not thread-safe: one instance per model.
 */
public final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /** A generator starting from {@code seed} (any value, 0 included). */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** The whole state: save it in a checkpoint and give it back to {@link #setState}. */
  public long state() {
    return state;
  }

  /** Continues from a state that {@link #state()} returned. */
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
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** A standard normal draw (Box–Muller, no cached spare, so {@link #state()} is all there is). */
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble();
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
