package io.github.atomfinder.nn;

/**
 * Scores of a model on the fixed validation set.
 *
 * @param loss the training loss on the validation pairs (inference mode)
 * @param precision found atoms that match a true atom / found atoms
 * @param recall true atoms matched / true atoms
 * @param f1 harmonic mean of precision and recall
 * @param positionRmsePixels root-mean-square distance of matched pairs, in pixels of the model's input
 */
public record ValidationScores(double loss, double precision, double recall, double f1, double positionRmsePixels) {
}
