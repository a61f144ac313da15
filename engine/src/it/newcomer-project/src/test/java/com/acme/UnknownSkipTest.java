package com.acme;

import dev.trainunit.annotations.Trainable;

// A misspelt check id would otherwise skip nothing and say nothing.
@Trainable(value = CorrectModel.class, skip = "save-restroe")
class UnknownSkipTest {}
