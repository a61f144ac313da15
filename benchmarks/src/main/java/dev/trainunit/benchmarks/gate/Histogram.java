package dev.trainunit.benchmarks.gate;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The samples of one {@code Mode.SampleTime} measurement iteration as JMH writes them in {@code
 * rawDataHistogram}: distinct values, ascending, each with how many samples had it.
 */
record Histogram(double[] values, long[] counts) {

  Histogram {
    if (values.length != counts.length) {
      throw new IllegalArgumentException(
          values.length + " values but " + counts.length + " counts in a histogram");
    }
    for (int i = 0; i < values.length; i++) {
      if (counts[i] < 0) throw new IllegalArgumentException("negative count " + counts[i]);
      if (i > 0 && !(values[i] > values[i - 1])) {
        throw new IllegalArgumentException("histogram values are not ascending at " + values[i]);
      }
    }
  }

  /** A histogram of any (value, count) pairs: equal values are added up, the order is sorted. */
  static Histogram of(double[] values, long[] counts) {
    TreeMap<Double, Long> sorted = new TreeMap<>();
    for (int i = 0; i < values.length; i++) sorted.merge(values[i], counts[i], Long::sum);
    return fromSorted(sorted);
  }

  /** All samples of several histograms in one. */
  static Histogram merge(List<Histogram> histograms) {
    TreeMap<Double, Long> sorted = new TreeMap<>();
    for (Histogram h : histograms) {
      for (int i = 0; i < h.values.length; i++) sorted.merge(h.values[i], h.counts[i], Long::sum);
    }
    return fromSorted(sorted);
  }

  private static Histogram fromSorted(TreeMap<Double, Long> sorted) {
    double[] v = new double[sorted.size()];
    long[] c = new long[sorted.size()];
    int i = 0;
    for (var e : sorted.entrySet()) {
      v[i] = e.getKey();
      c[i++] = e.getValue();
    }
    return new Histogram(v, c);
  }

  long count() {
    return Arrays.stream(counts).sum();
  }

  /** The mean of the samples; NaN when there are none. */
  double mean() {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i] * counts[i];
      n += counts[i];
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /**
   * The nearest-rank percentile: the smallest value at or below which at least {@code percent}% of
   * the samples lie (p50 of 1, 2, 3, 4 is 2; p100 is the maximum). NaN when there are no samples.
   */
  double percentile(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percent);
    }
    long n = count();
    if (n == 0) return Double.NaN;
    long rank = (long) Math.ceil(percent / 100 * n);
    long seen = 0;
    for (int i = 0; i < values.length; i++) {
      seen += counts[i];
      if (seen >= rank) return values[i];
    }
    return values[values.length - 1];
  }

  /** The same samples with every value multiplied by {@code factor} (a unit conversion). */
  Histogram scaled(double factor) {
    if (factor == 1.0) return this;
    double[] v = new double[values.length];
    for (int i = 0; i < v.length; i++) v[i] = values[i] * factor;
    return factor > 0 ? new Histogram(v, counts.clone()) : of(v, counts);
  }
}
