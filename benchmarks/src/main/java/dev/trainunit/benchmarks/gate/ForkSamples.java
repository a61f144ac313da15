package dev.trainunit.benchmarks.gate;

import java.util.List;

/**
 * What one JMH fork measured, iteration by iteration.
 *
 * @param scores the primary score of each measurement iteration ({@code rawData}); for {@code
 *     sample} mode, which writes histograms instead, the mean of each iteration's histogram
 * @param histograms each iteration's samples ({@code rawDataHistogram}), {@code sample} mode only;
 *     empty otherwise
 * @param allocBytes bytes allocated per operation in each iteration ({@code gc.alloc.rate.norm},
 *     written with {@code -prof gc}); empty without the profiler
 */
record ForkSamples(double[] scores, List<Histogram> histograms, double[] allocBytes) {

  ForkSamples {
    histograms = List.copyOf(histograms);
    if (!histograms.isEmpty() && histograms.size() != scores.length) {
      throw new IllegalArgumentException(
          scores.length + " iteration scores but " + histograms.size() + " histograms");
    }
  }

  static ForkSamples ofHistograms(List<Histogram> histograms, double[] allocBytes) {
    return new ForkSamples(
        histograms.stream().mapToDouble(Histogram::mean).toArray(), histograms, allocBytes);
  }

  /** The same fork with its primary values (not the bytes allocated) multiplied by {@code f}. */
  ForkSamples scaled(double f) {
    if (f == 1.0) return this;
    double[] s = scores.clone();
    for (int i = 0; i < s.length; i++) s[i] *= f;
    return new ForkSamples(s, histograms.stream().map(h -> h.scaled(f)).toList(), allocBytes);
  }
}
