package dev.trainunit.examples;

import dev.trainunit.annotations.Trainable;

/**
 * {@link SoftmaxIrisClassifier}: the export-model check asks for both formats it supports and
 * expects a non-empty file for each under the export directory.
 */
@Trainable(
    value = SoftmaxIrisClassifier.class,
    golden = "src/test/resources/golden/SoftmaxIrisClassifier",
    iterations = 10,
    exportFormats = {"json", "csv"})
class SoftmaxIrisClassifierTest {}
