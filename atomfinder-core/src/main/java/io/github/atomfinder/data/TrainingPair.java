package io.github.atomfinder.data;

/**
 * One training example: a normalised input image (one channel per focal-series image) and its label maps
 * (one channel per class, background first, summing to 1 per pixel). Channel-major {@code [c][y][x]}.
 *
 * @param input {@code inputChannels × height × width} values
 * @param labels {@code classes × height × width} values
 */
public record TrainingPair(int inputChannels, int classes, int height, int width, float[] input, float[] labels) {

    public TrainingPair {
        if (input.length != inputChannels * height * width) {
            throw new IllegalArgumentException("input length does not match " + inputChannels + "x" + height + "x" + width);
        }
        if (labels.length != classes * height * width) {
            throw new IllegalArgumentException("labels length does not match " + classes + "x" + height + "x" + width);
        }
    }
}
