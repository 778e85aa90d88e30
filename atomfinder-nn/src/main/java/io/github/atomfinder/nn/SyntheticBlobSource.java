package io.github.atomfinder.nn;

import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.data.TrainingPairSource;
import java.util.SplittableRandom;

/**
 * A demonstration training source (no simulation): Gaussian blobs ("atoms") of random brightness at random
 * positions on white noise, labels a Gaussian map per blob (max-combined, clipped to 1) and a background map
 * {@code 1 − atoms}. Each pair is a pure function of (seed, step, index), as {@link TrainingPairSource} requires.
 *
 * @param size crop side in pixels
 * @param blobs atoms per crop
 * @param blobSigmaPixels blob and label width
 * @param noise standard deviation of the additive noise relative to a blob's peak
 * @param seed base seed
 */
public record SyntheticBlobSource(int size, int blobs, double blobSigmaPixels, double noise, long seed)
        implements TrainingPairSource {

    /** Two classes: background and atom. */
    @Override
    public int classes() {
        return 2;
    }

    @Override
    public int inputChannels() {
        return 1;
    }

    @Override
    public TrainingPair pair(long step, int indexInBatch) {
        SplittableRandom random = new SplittableRandom(seed ^ (step * 0x9E3779B97F4A7C15L) ^ ((long) indexInBatch << 48));
        int n = size * size;
        float[] input = new float[n];
        float[] labels = new float[2 * n];
        int reach = (int) Math.ceil(4 * blobSigmaPixels);
        for (int b = 0; b < blobs; b++) {
            double cy = random.nextDouble(size);
            double cx = random.nextDouble(size);
            double brightness = 0.5 + random.nextDouble();
            for (int y = Math.max(0, (int) cy - reach); y <= Math.min(size - 1, (int) cy + reach); y++) {
                for (int x = Math.max(0, (int) cx - reach); x <= Math.min(size - 1, (int) cx + reach); x++) {
                    double g = Math.exp(-((y - cy) * (y - cy) + (x - cx) * (x - cx)) / (2 * blobSigmaPixels * blobSigmaPixels));
                    input[y * size + x] += (float) (brightness * g);
                    labels[n + y * size + x] = (float) Math.max(labels[n + y * size + x], g);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            input[i] += (float) (noise * random.nextGaussian());
            labels[i] = 1 - labels[n + i];
        }
        return new TrainingPair(1, 2, size, size, input, labels);
    }
}
