package com.acme;

import dev.trainunit.annotations.Trainable;

@Trainable(BrokenModel.class)
class BrokenModelTest {}
