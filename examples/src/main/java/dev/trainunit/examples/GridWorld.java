package dev.trainunit.examples;

/**
 * A small FrozenLake-like grid: start at the top-left, reach the goal at the bottom-right, avoid
 * the holes, walk around the walls. With probability {@code slip} the agent's action is replaced by
 * a random one. Each move costs 0.01, a hole ends the episode with -1, the goal with +1.
 *
 * <pre>
 *   S . . . .
 *   . # . H .
 *   . . . # .
 *   H # . . .
 *   . . . H G
 * </pre>
 *
 * <p>Immutable: the layout is fixed and episodes are played by {@link QLearningGridWorld}, which
 * owns all state (the agent's position only lives within one episode, and episodes never span two
 * iterations, so no environment state has to be checkpointed).
 */
final class GridWorld {

  static final int SIZE = 5;
  static final int STATES = SIZE * SIZE;
  static final int ACTIONS = 4; // 0 up, 1 right, 2 down, 3 left
  static final int START = 0;

  private static final String[] LAYOUT = {
    "S....", ".#.H.", "...#.", "H#...", "...HG",
  };

  /** The result of one move. */
  record Move(int next, double reward, boolean terminal) {}

  private final double slip;

  GridWorld(double slip) {
    this.slip = slip;
  }

  /** Applies {@code action} in {@code state}; draws from {@code rng} to decide whether it slips. */
  Move move(int state, int action, SplitMix64 rng) {
    if (rng.nextDouble() < slip) action = rng.nextInt(ACTIONS);
    return moveWithoutSlip(state, action);
  }

  /** The move {@code action} makes when it does not slip; used to evaluate the greedy policy. */
  static Move moveWithoutSlip(int state, int action) {
    int row = state / SIZE;
    int col = state % SIZE;
    switch (action) {
      case 0 -> row--;
      case 1 -> col++;
      case 2 -> row++;
      default -> col--;
    }
    if (row < 0 || row >= SIZE || col < 0 || col >= SIZE || cell(row, col) == '#') {
      return new Move(state, -0.01, false); // bumped into the edge or a wall: stay put
    }
    int next = row * SIZE + col;
    return switch (cell(row, col)) {
      case 'G' -> new Move(next, 1.0, true);
      case 'H' -> new Move(next, -1.0, true);
      default -> new Move(next, -0.01, false);
    };
  }

  private static char cell(int row, int col) {
    return LAYOUT[row].charAt(col);
  }
}
