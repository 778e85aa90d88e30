package io.github.atomfinder.nn;

/**
 * How to train.
 *
 * @param batch pairs per step
 * @param steps total steps (a resumed run continues up to this count)
 * @param learningRate Adam step size
 * @param weightDecay L2 weight decay coefficient (added to the gradients by Adam)
 * @param loss MSE (the paper's) or cross-entropy
 * @param validateEvery steps between validations (and log rows)
 * @param checkpointEvery steps between checkpoints
 * @param validationPairs size of the fixed validation set
 * @param matchRadiusPixels distance within which a found atom matches a true one in validation
 * @param seed weight-initialisation seed
 */
public record TrainingSettings(int batch, long steps, double learningRate, double weightDecay, ProbabilityLoss.Kind loss,
        int validateEvery, int checkpointEvery, int validationPairs, double matchRadiusPixels, long seed) {

    public TrainingSettings {
        if (batch < 1 || steps < 0 || !(learningRate > 0) || weightDecay < 0 || validateEvery < 1 || checkpointEvery < 1
                || validationPairs < 1 || !(matchRadiusPixels > 0)) {
            throw new IllegalArgumentException("invalid training settings " + batch + ", " + steps + ", " + learningRate);
        }
    }

    /** Adam 1e-3, weight decay 1e-5, MSE, validation every 100 steps on 16 pairs, checkpoint every 500. */
    public static TrainingSettings defaults(int batch, long steps) {
        return new TrainingSettings(batch, steps, 1e-3, 1e-5, ProbabilityLoss.Kind.MSE, 100, 500, 16, 3.0, 1);
    }
}
