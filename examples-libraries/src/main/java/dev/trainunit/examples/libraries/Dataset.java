package dev.trainunit.examples.libraries;

import dev.trainunit.examples.SplitMix64;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tiny labelled data set generated in code from a fixed seed, so that every example runs without
 * a download and every run sees the same numbers. Rows are feature vectors, labels are class
 * indices {@code 0..classes-1}.
 *
 * @param features one row per example
 * @param labels the class of each row
 * @param classes the number of classes
 */
public record Dataset(double[][] features, int[] labels, int classes) {

  /** Equal when the numbers are: a record compares array components by identity otherwise. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Dataset d
        && classes == d.classes
        && Arrays.equals(labels, d.labels)
        && Arrays.deepEquals(features, d.features);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classes, Arrays.hashCode(labels), Arrays.deepHashCode(features));
  }

  @Override
  public String toString() {
    return "Dataset["
        + size()
        + " points, "
        + dimensions()
        + " dimensions, "
        + classes
        + " classes]";
  }

  public int size() {
    return labels.length;
  }

  public int dimensions() {
    return features[0].length;
  }

  /**
   * {@code n} points of {@code classes} Gaussian clouds in {@code dims} dimensions whose centres
   * lie {@code separation} standard deviations apart on the first two axes: a linear model
   * separates them well but not perfectly.
   */
  public static Dataset gaussianClouds(int n, int classes, int dims, double separation, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    double[][] x = new double[n][dims];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      double angle = 2 * Math.PI * c / classes;
      for (int d = 0; d < dims; d++) x[i][d] = rng.nextGaussian();
      x[i][0] += separation * Math.cos(angle);
      x[i][1] += separation * Math.sin(angle);
      y[i] = c;
    }
    return new Dataset(x, y, classes);
  }

  /**
   * {@code n} points on {@code classes} interleaved spiral arms in the plane, with Gaussian noise
   * {@code noise}: no linear model separates them, a small MLP does.
   */
  public static Dataset spirals(int n, int classes, double noise, long seed) {
    SplitMix64 rng = new SplitMix64(seed);
    double[][] x = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      double t = rng.nextDouble();
      double radius = 0.1 + 0.9 * t;
      double angle = 2 * Math.PI * c / classes + Math.PI * t;
      x[i][0] = radius * Math.cos(angle) + noise * rng.nextGaussian();
      x[i][1] = radius * Math.sin(angle) + noise * rng.nextGaussian();
      y[i] = c;
    }
    return new Dataset(x, y, classes);
  }
}
