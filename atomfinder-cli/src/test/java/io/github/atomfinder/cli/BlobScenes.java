package io.github.atomfinder.cli;

import io.github.atomfinder.data.LocalNormalization;
import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.data.TrainingPairSource;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simple simulated "HRTEM" scenes for CLI tests: Gaussian atoms of σ = {@link #SIGMA_PX} on a jittered grid,
 * random brightness, a brightness gradient and white noise, with the atom positions known exactly.
 */
final class BlobScenes {

    /** Model and image pixel size, Å. */
    static final double PIXEL_SIZE_A = 0.2;
    /** Atom (and label) width in pixels. */
    static final double SIGMA_PX = 1.5;
    /** Local-normalisation window of the test model, Å (8 px). */
    static final double NORMALISATION_SIGMA_A = 1.6;

    /** A scene: the image and its atom positions {@code {x, y}} in pixels. */
    record Scene(RealImage image, List<double[]> atomsPx) {
    }

    private BlobScenes() {
    }

    /**
     * Atoms on a square grid of {@code spacingPx} (each dropped with probability 0.1), jittered by up to ±1 px,
     * kept at least {@code 2 σ} from the edges.
     */
    static Scene scene(int size, double spacingPx, double noise, SplittableRandom random) {
        List<double[]> atoms = new ArrayList<>();
        double offset = 3 + random.nextDouble(spacingPx / 2);
        for (double y = offset; y < size - 3; y += spacingPx) {
            for (double x = offset; x < size - 3; x += spacingPx) {
                if (random.nextDouble() < 0.1) {
                    continue;
                }
                double ax = Math.min(size - 3, Math.max(3, x + random.nextDouble(-1, 1)));
                double ay = Math.min(size - 3, Math.max(3, y + random.nextDouble(-1, 1)));
                atoms.add(new double[] {ax, ay});
            }
        }
        float[] data = new float[size * size];
        double gx = random.nextDouble(-0.01, 0.01);
        double gy = random.nextDouble(-0.01, 0.01);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                data[y * size + x] = (float) (gx * x + gy * y + noise * random.nextGaussian());
            }
        }
        for (double[] a : atoms) {
            double brightness = 0.7 + 0.6 * random.nextDouble();
            addGaussian(data, size, a[0], a[1], brightness, false);
        }
        return new Scene(new RealImage(Grid.of(size, size, PIXEL_SIZE_A), data), atoms);
    }

    /** Training pairs: normalised scenes of side {@code size} with [background, atom] Gaussian label maps. */
    static TrainingPairSource trainingSource(int size, long seed) {
        return new TrainingPairSource() {
            @Override
            public int inputChannels() {
                return 1;
            }

            @Override
            public int classes() {
                return 2;
            }

            @Override
            public TrainingPair pair(long step, int indexInBatch) {
                SplittableRandom random = new SplittableRandom(seed ^ (step * 0x9E3779B97F4A7C15L) ^ ((long) indexInBatch << 48));
                Scene s = scene(size, 6 + random.nextDouble(4), 0.05 + random.nextDouble(0.15), random);
                RealImage input = LocalNormalization.normalize(s.image(), NORMALISATION_SIGMA_A);
                int n = size * size;
                float[] labels = new float[2 * n];
                float[] atom = new float[n];
                for (double[] a : s.atomsPx()) {
                    addGaussian(atom, size, a[0], a[1], 1, true);
                }
                for (int i = 0; i < n; i++) {
                    labels[i] = 1 - atom[i];
                    labels[n + i] = atom[i];
                }
                return new TrainingPair(1, 2, size, size, input.data(), labels);
            }
        };
    }

    private static void addGaussian(float[] data, int size, double cx, double cy, double amplitude, boolean max) {
        int reach = (int) Math.ceil(4 * SIGMA_PX);
        for (int y = Math.max(0, (int) cy - reach); y <= Math.min(size - 1, (int) cy + reach); y++) {
            for (int x = Math.max(0, (int) cx - reach); x <= Math.min(size - 1, (int) cx + reach); x++) {
                double g = amplitude * Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * SIGMA_PX * SIGMA_PX));
                int i = y * size + x;
                data[i] = max ? (float) Math.max(data[i], g) : (float) (data[i] + g);
            }
        }
    }
}
