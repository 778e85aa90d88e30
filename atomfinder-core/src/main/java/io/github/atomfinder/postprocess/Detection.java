package io.github.atomfinder.postprocess;

import java.util.Arrays;

/**
 * One detected atom or column.
 *
 * <p>Coordinates follow docs/conventions.md: pixel centres at integers, the first pixel's centre at (0, 0),
 * so {@code xAngstrom = xPx · dx} and {@code yAngstrom = yPx · dy}.
 *
 * @param xPx column coordinate in pixels (sub-pixel)
 * @param yPx row coordinate in pixels (sub-pixel)
 * @param xAngstrom x in Å
 * @param yAngstrom y in Å
 * @param classIndex index into {@link Detections#classNames()}; always ≥ 1 (0 is the background)
 * @param confidence in [0, 1]: the map value at the peak (single class) or the segment's probability of the
 *     predicted class (several classes)
 * @param probabilities one probability per class including the background at index 0, summing to 1
 */
public record Detection(double xPx, double yPx, double xAngstrom, double yAngstrom, int classIndex, double confidence,
        double[] probabilities) {

    public Detection {
        if (classIndex < 1 || classIndex >= probabilities.length) {
            throw new IllegalArgumentException("class index " + classIndex + " outside 1.." + (probabilities.length - 1));
        }
        probabilities = probabilities.clone();
    }

    /** A detection at a pixel position on a grid with pixel sizes {@code dy, dx} in Å. */
    public static Detection atPixel(double xPx, double yPx, double dyAngstrom, double dxAngstrom, int classIndex,
            double confidence, double[] probabilities) {
        return new Detection(xPx, yPx, xPx * dxAngstrom, yPx * dyAngstrom, classIndex, confidence, probabilities);
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    public double probability(int classIndex) {
        return probabilities[classIndex];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detection d && d.xPx == xPx && d.yPx == yPx && d.xAngstrom == xAngstrom
                && d.yAngstrom == yAngstrom && d.classIndex == classIndex && d.confidence == confidence
                && Arrays.equals(d.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(xPx) + 17 * Double.hashCode(yPx) + classIndex + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return String.format("Detection[x=%.3f px, y=%.3f px, class=%d, confidence=%.3f, p=%s]", xPx, yPx, classIndex,
                confidence, Arrays.toString(probabilities));
    }
}
