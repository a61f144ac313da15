package dev.trainunit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainunit.TestTrainables.Counter;
import dev.trainunit.logging.ResultLoggers;
import dev.trainunit.storage.CheckpointFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers numbering checkpoints in one trial directory (two instances, or two processes) take
 * turns or race: each save finds the next free index, and none is lost. The next index used to be
 * cached, so after one collision every later save of the writer failed with "already exists".
 */
class CheckpointIndexTest {

  @TempDir Path tmp;

  private Counter start() {
    return TrainableFactory.create(
        Counter.class,
        Config.empty(),
        TestTrials.trial(tmp).loggerCreator(ResultLoggers.none()).build());
  }

  @Test
  void twoInstancesTakingTurnsInOneTrialDirectoryNeverCollide() {
    Counter a = start();
    Counter b = start();
    a.train();
    b.train();
    b.save(); // checkpoint_000000: a has not listed the directory yet, b has and knows 1 is next
    List<Path> saved = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      saved.add(a.save().path());
      saved.add(b.save().path());
    }
    assertThat(saved).doesNotHaveDuplicates();
    assertThat(saved).extracting(CheckpointFiles::indexOf).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void twoInstancesSavingAtTheSameTimeLoseNoSave() throws Exception {
    Counter a = start();
    Counter b = start();
    a.train();
    b.train();
    int saves = 25;
    CountDownLatch go = new CountDownLatch(1);
    List<Path> saved = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Counter t : List.of(a, b)) {
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < saves; i++) saved.add(t.save().path());
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(saved).hasSize(2 * saves).doesNotHaveDuplicates();
    assertThat(TestTrials.list(a.logdir()))
        .filteredOn(n -> n.startsWith("checkpoint_"))
        .hasSize(2 * saves);
  }
}
