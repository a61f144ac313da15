package dev.trainunit.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Iris data set (Fisher 1936, via the UCI repository, CC BY 4.0; see {@code README.md} beside
 * {@code iris.csv}), read from the classpath and standardised.
 *
 * <p>Each call reads the resource afresh and returns new arrays: a model owns its copy, and no
 * state lives in a static field (a restore in a fresh JVM must not depend on one).
 *
 * @param features one row per flower, each column standardised to mean 0 and standard deviation 1
 * @param labels 0 = setosa, 1 = versicolor, 2 = virginica
 * @param means the column means used for standardising, so an exported model can be applied to raw
 *     measurements
 * @param stdDevs the column standard deviations used for standardising
 */
public record IrisData(double[][] features, int[] labels, double[] means, double[] stdDevs) {

  public static final String[] FEATURE_NAMES = {
    "sepal_length", "sepal_width", "petal_length", "petal_width"
  };
  public static final String[] CLASS_NAMES = {"Iris-setosa", "Iris-versicolor", "Iris-virginica"};
  public static final int ROWS = 150;

  /** Reads {@code iris.csv} from the classpath and standardises its four columns. */
  public static IrisData load() {
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream in = IrisData.class.getResourceAsStream("iris.csv")) {
      if (in == null) throw new IllegalStateException("iris.csv is missing from the classpath");
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      reader.readLine(); // header
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank()) continue;
        String[] cells = line.split(",");
        double[] row = new double[4];
        for (int j = 0; j < 4; j++) row[j] = Double.parseDouble(cells[j]);
        rows.add(row);
        labels.add(classIndex(cells[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read iris.csv", e);
    }
    if (rows.size() != ROWS)
      throw new IllegalStateException("iris.csv should have 150 rows, has " + rows.size());
    double[][] x = rows.toArray(new double[0][]);
    double[] mean = new double[4];
    double[] std = new double[4];
    for (double[] row : x) for (int j = 0; j < 4; j++) mean[j] += row[j] / x.length;
    for (double[] row : x)
      for (int j = 0; j < 4; j++) std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / x.length;
    for (int j = 0; j < 4; j++) std[j] = Math.sqrt(std[j]);
    for (double[] row : x) for (int j = 0; j < 4; j++) row[j] = (row[j] - mean[j]) / std[j];
    return new IrisData(x, labels.stream().mapToInt(Integer::intValue).toArray(), mean, std);
  }

  private static int classIndex(String name) {
    for (int k = 0; k < CLASS_NAMES.length; k++) if (CLASS_NAMES[k].equals(name)) return k;
    throw new IllegalStateException("unknown Iris species '" + name + "'");
  }

  public int size() {
    return labels.length;
  }
}
