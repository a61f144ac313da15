package dev.trainunit.engine.run;

import org.apiguardian.api.API;

/**
 * The name of something true or false about a subject that the checks find out only when they need
 * it, to explain a failure (two fresh runs agree; a restore continues exactly), and then share:
 * {@link TrialSubject#fact} finds each out at most once. Compared by identity: declare each fact
 * once, as a constant.
 *
 * @param <T> what finding it out gives
 */
@API(status = API.Status.INTERNAL)
public final class Fact<T> {

  private final String description;

  public Fact(String description) {
    this.description = description;
  }

  @Override
  public String toString() {
    return description;
  }
}
