package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * The TrainUnit engine runs every check on {@link LogisticRegressionSgd} (in {@code src/main}),
 * once per config: the defaults, a smaller learning rate with a batch size that does not divide the
 * 150 flowers (so checkpoints land in the middle of an epoch, on a partial batch), and plain SGD
 * without momentum.
 */
@Trainable(
    value = LogisticRegressionSgd.class,
    golden = "src/test/resources/golden/LogisticRegressionSgd",
    iterations = 12,
    config = {
      "{}",
      "{\"lr\": 0.05, \"batch_size\": 7, \"batches_per_step\": 3}",
      "{\"momentum\": 0.0, \"seed\": 42}"
    })
class LogisticRegressionSgdTest {}
