package dev.trainunit.benchmarks.gate;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mann–Whitney U (Wilcoxon rank-sum) test of whether the candidate's observations tend to be
 * greater, or smaller, than the baseline's, with no assumption about their distribution.
 *
 * <p>Ties get the mean of the ranks they span. Up to {@value #EXACT_LIMIT} observations in all, the
 * p-values are exact: the distribution of the candidate's rank sum over every way of choosing which
 * of the pooled observations are the candidate's, ties included. Beyond that they come from the
 * normal approximation with the tie-corrected variance and a continuity correction.
 */
final class MannWhitney {

  /** Observations in all (both sides) up to which the p-values are exact. */
  static final int EXACT_LIMIT = 60;

  private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

  /**
   * @param u the candidate's U: over all pairs, how often the candidate's value is the greater (a
   *     tie counts one half); it ranges from 0 to n·m
   * @param pGreater one-sided p-value of "the candidate's values tend to be greater"
   * @param pLess one-sided p-value of "the candidate's values tend to be smaller"
   * @param exact whether the p-values are exact or from the normal approximation
   */
  record Result(double u, double pGreater, double pLess, boolean exact) {}

  private MannWhitney() {}

  /**
   * @throws IllegalArgumentException when a side is empty or a value is NaN
   */
  static Result test(double[] baseline, double[] candidate) {
    int n = baseline.length;
    int m = candidate.length;
    if (n == 0 || m == 0) {
      throw new IllegalArgumentException("Mann-Whitney needs observations on both sides");
    }
    int total = n + m;
    double[] values = new double[total];
    boolean[] isCandidate = new boolean[total];
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      values[i] = i < n ? baseline[i] : candidate[i - n];
      isCandidate[i] = i >= n;
      order[i] = i;
      if (Double.isNaN(values[i])) {
        throw new IllegalArgumentException("NaN among the " + (i < n ? "baseline" : "candidate"));
      }
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));

    // Ranks are 1..total; a group of ties from position i to j (0-based) shares the rank
    // (i + j + 2) / 2. Doubled ranks stay integers.
    int[] groupSizes = new int[total];
    int[] groupDoubledRanks = new int[total];
    int groups = 0;
    long doubledRankSum = 0;
    double tieTerm = 0;
    for (int i = 0; i < total; ) {
      int j = i;
      while (j + 1 < total && values[order[j + 1]] == values[order[i]]) j++;
      int doubledRank = i + j + 2;
      int size = j - i + 1;
      for (int k = i; k <= j; k++) if (isCandidate[order[k]]) doubledRankSum += doubledRank;
      groupSizes[groups] = size;
      groupDoubledRanks[groups++] = doubledRank;
      tieTerm += (double) size * size * size - size;
      i = j + 1;
    }
    double u = (doubledRankSum - (long) m * (m + 1)) / 2.0;

    if (total <= EXACT_LIMIT) {
      double[] distribution = rankSumDistribution(groupSizes, groupDoubledRanks, groups, m, total);
      double all = 0;
      double atLeast = 0;
      double atMost = 0;
      for (int s = 0; s < distribution.length; s++) {
        all += distribution[s];
        if (s >= doubledRankSum) atLeast += distribution[s];
        if (s <= doubledRankSum) atMost += distribution[s];
      }
      return new Result(u, Math.min(1, atLeast / all), Math.min(1, atMost / all), true);
    }
    double mean = (double) n * m / 2;
    double variance =
        (double) n * m / 12 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
    if (!(variance > 0)) return new Result(u, 1, 1, false);
    double sd = Math.sqrt(variance);
    double pGreater = 1 - NORMAL.cumulativeProbability((u - 0.5 - mean) / sd);
    double pLess = NORMAL.cumulativeProbability((u + 0.5 - mean) / sd);
    return new Result(u, Math.min(1, pGreater), Math.min(1, pLess), false);
  }

  /**
   * How many ways of choosing {@code m} of the pooled observations give each doubled rank sum:
   * element s counts the choices whose doubled ranks add up to s. Choosing j of a tie group of size
   * t can be done in C(t, j) ways, each adding j times the group's doubled rank.
   */
  private static double[] rankSumDistribution(
      int[] sizes, int[] doubledRanks, int groups, int m, int total) {
    int maxSum = total * (total + 1);
    double[][] ways = new double[m + 1][maxSum + 1];
    ways[0][0] = 1;
    for (int g = 0; g < groups; g++) {
      double[][] next = new double[m + 1][maxSum + 1];
      int size = sizes[g];
      int rank = doubledRanks[g];
      for (int chosen = 0; chosen <= m; chosen++) {
        for (int s = 0; s <= maxSum; s++) {
          double w = ways[chosen][s];
          if (w == 0) continue;
          double binomial = 1;
          for (int j = 0; j <= size && chosen + j <= m; j++) {
            next[chosen + j][s + j * rank] += w * binomial;
            binomial = binomial * (size - j) / (j + 1);
          }
        }
      }
      ways = next;
    }
    return ways[m];
  }

  /**
   * The smallest one-sided p-value that any data with {@code n} and {@code m} observations can
   * give: 1 / C(n + m, n), when every candidate value lies beyond every baseline value.
   */
  static double smallestPossibleP(int n, int m) {
    double combinations = 1;
    for (int i = 1; i <= Math.min(n, m); i++) combinations = combinations * (n + m - i + 1) / i;
    return 1 / combinations;
  }
}
