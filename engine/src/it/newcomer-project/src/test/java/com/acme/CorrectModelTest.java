package com.acme;

import dev.trainunit.annotations.Trainable;

@Trainable(CorrectModel.class)
class CorrectModelTest {}
