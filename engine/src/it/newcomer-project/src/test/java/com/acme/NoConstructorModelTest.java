package com.acme;

import dev.trainunit.annotations.Trainable;

// The framework builds every instance itself, so a trainable needs a no-argument constructor.
@Trainable
class NoConstructorModelTest extends CorrectModel {
  NoConstructorModelTest(double seed) {}
}
