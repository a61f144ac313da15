package com.acme;

import dev.trainunit.annotations.Trainable;

// A newcomer's typo: the build must fail on it, naming this class and the position.
@Trainable(value = CorrectModel.class, config = "{\"lr\": 0.05,, }")
class MalformedConfigTest {}
