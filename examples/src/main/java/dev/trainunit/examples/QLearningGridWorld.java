package dev.trainunit.examples;

import dev.trainunit.AbstractTrainable;
import dev.trainunit.Checkpoint;
import dev.trainunit.Config;
import dev.trainunit.JsonMap;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tabular Q-learning with an epsilon-greedy policy on a slippery {@link GridWorld}: the
 * reinforcement-learning shape of a trainable.
 *
 * <p>One {@code step()} plays {@code episodes_per_step} whole episodes and reports, as RLlib does,
 * {@code timesteps_this_iter} and {@code episodes_this_iter} (the framework sums them into {@code
 * timesteps_total} and {@code episodes_total}, and keeps those totals in the checkpoint metadata),
 * {@code episode_reward_mean}, the {@code success_rate} of the iteration's episodes and whether the
 * greedy policy now reaches the goal ({@code greedy_success}).
 *
 * <p><b>What the checkpoint holds, and why</b> (a map, stored as JSON):
 *
 * <ul>
 *   <li>{@code q} — the Q-table, the whole of what was learned;
 *   <li>{@code rng_state} — exploration and slipping draw from one generator; a restored run must
 *       explore exactly as the uninterrupted one;
 *   <li>{@code episodes} — the exploration schedule: epsilon decays with the number of episodes
 *       played. Without it a restored agent explores as if it had just started.
 * </ul>
 *
 * <p>Config: {@code alpha} (0.2), {@code gamma} (0.95), {@code epsilon} (1.0), {@code
 * epsilon_decay} (0.99 per episode), {@code epsilon_min} (0.05), {@code slip} (0.1), {@code
 * episodes_per_step} (25), {@code max_steps} (50), {@code seed} (1).
 */
public class QLearningGridWorld extends AbstractTrainable {

  private GridWorld world;
  private double alpha;
  private double gamma;
  private double epsilonStart;
  private double epsilonDecay;
  private double epsilonMin;
  private int episodesPerStep;
  private int maxSteps;

  // training state (all of it in the checkpoint)
  private double[] q; // q[state * ACTIONS + action]
  private SplitMix64 rng;
  private long episodes;

  @Override
  protected void setup(Config config) {
    init(config);
  }

  @Override
  protected boolean resetConfig(Config newConfig) {
    init(newConfig);
    return true;
  }

  private void init(Config config) {
    alpha = config.getDouble("alpha", 0.2);
    gamma = config.getDouble("gamma", 0.95);
    epsilonStart = config.getDouble("epsilon", 1.0);
    epsilonDecay = config.getDouble("epsilon_decay", 0.99);
    epsilonMin = config.getDouble("epsilon_min", 0.05);
    episodesPerStep = config.getInt("episodes_per_step", 25);
    maxSteps = config.getInt("max_steps", 50);
    world = new GridWorld(config.getDouble("slip", 0.1));
    q = new double[GridWorld.STATES * GridWorld.ACTIONS];
    rng = new SplitMix64(config.getLong("seed", 1));
    episodes = 0;
  }

  private double epsilon() {
    return Math.max(epsilonMin, epsilonStart * Math.pow(epsilonDecay, episodes));
  }

  @Override
  protected Map<String, Object> step() {
    long timesteps = 0;
    double totalReward = 0;
    int successes = 0;
    for (int e = 0; e < episodesPerStep; e++) {
      double eps = epsilon();
      int s = GridWorld.START;
      double episodeReward = 0;
      for (int t = 0; t < maxSteps; t++) {
        int a = rng.nextDouble() < eps ? rng.nextInt(GridWorld.ACTIONS) : greedy(s);
        GridWorld.Move move = world.move(s, a, rng);
        double target =
            move.reward()
                + (move.terminal()
                    ? 0
                    : gamma * q[move.next() * GridWorld.ACTIONS + greedy(move.next())]);
        int k = s * GridWorld.ACTIONS + a;
        q[k] += alpha * (target - q[k]);
        episodeReward += move.reward();
        timesteps++;
        s = move.next();
        if (move.terminal()) {
          if (move.reward() > 0) successes++;
          break;
        }
      }
      totalReward += episodeReward;
      episodes++;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("timesteps_this_iter", timesteps);
    metrics.put("episodes_this_iter", episodesPerStep);
    metrics.put("episode_reward_mean", totalReward / episodesPerStep);
    metrics.put("success_rate", successes / (double) episodesPerStep);
    metrics.put("epsilon", epsilon());
    metrics.put("greedy_success", greedyReachesGoal());
    return metrics;
  }

  /** The best action in {@code s}; ties go to the lowest action index, so it is deterministic. */
  private int greedy(int s) {
    int best = 0;
    for (int a = 1; a < GridWorld.ACTIONS; a++) {
      if (q[s * GridWorld.ACTIONS + a] > q[s * GridWorld.ACTIONS + best]) best = a;
    }
    return best;
  }

  private boolean greedyReachesGoal() {
    int s = GridWorld.START;
    for (int t = 0; t < maxSteps; t++) {
      GridWorld.Move move = GridWorld.moveWithoutSlip(s, greedy(s));
      if (move.terminal()) return move.reward() > 0;
      s = move.next();
    }
    return false;
  }

  @Override
  protected Map<String, Object> saveCheckpoint(Path checkpointDir) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("q", q.clone());
    state.put("rng_state", rng.state());
    state.put("episodes", episodes);
    return state;
  }

  @Override
  protected void loadCheckpoint(Checkpoint checkpoint) {
    JsonMap state = checkpoint.data();
    double[] table = state.getDoubleArray("q");
    if (table.length != q.length) {
      throw new IllegalArgumentException(
          "checkpoint Q-table has " + table.length + " entries, expected " + q.length);
    }
    q = table;
    rng.setState(state.getLong("rng_state"));
    episodes = state.getLong("episodes");
  }
}
