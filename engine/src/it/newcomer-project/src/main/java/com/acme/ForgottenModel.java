package com.acme;

import dev.trainunit.annotations.Trainable;

/**
 * Annotated in main code, where Surefire never looks: the engine must warn that it is not tested
 * (nothing under src/test names it).
 */
@Trainable
public class ForgottenModel extends CorrectModel {}
