package com.acme;

import dev.trainunit.annotations.Trainable;

// Named *Check, so Surefire's default includes leave it out of every build that does not select it
// with -Dtest (the README's warning about test class names); the build that does checks that each
// config's test case says which config it is.
@Trainable(value = CorrectModel.class, iterations = 5, config = {"{\"lr\": 0.05}", "{\"lr\": 0.01}"})
class TwoConfigsCheck {}
