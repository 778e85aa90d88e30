package io.github.atomfinder.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResamplingTest {

    private static final double CELL_ANGSTROM = 43.2;

    /** A smooth periodic test image on n × n pixels of the 43.2 Å cell. */
    private static RealImage waves(int n) {
        float[] data = new float[n * n];
        double d = CELL_ANGSTROM / n;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                data[y * n + x] = (float) value(y * d, x * d);
            }
        }
        return new RealImage(Grid.of(n, n, d), data);
    }

    private static double value(double yAngstrom, double xAngstrom) {
        return Math.cos(2 * Math.PI * 3 * xAngstrom / CELL_ANGSTROM) + Math.sin(2 * Math.PI * 2 * yAngstrom / CELL_ANGSTROM);
    }

    @Test
    void periodicResamplingKeepsTheCellAndSamplesTheImageAtTheNewPixelCentres() {
        // 0.08 Å pixels to 0.12 Å and 0.16 Å to 0.12 Å; bilinear error ≤ (2π·3·0.16/43.2)² / 8 ≈ 6e-4 per unit amplitude.
        for (int[] sizes : new int[][] {{540, 360}, {270, 360}}) {
            RealImage resampled = Resampling.periodicBilinear(waves(sizes[0]), sizes[1], sizes[1]);
            assertEquals(sizes[1], resampled.nx());
            assertEquals(0.12, resampled.grid().dxAngstrom(), 1e-12);
            assertEquals(CELL_ANGSTROM, resampled.grid().extentXAngstrom(), 1e-9);
            double worst = 0;
            for (int y = 0; y < sizes[1]; y++) {
                for (int x = 0; x < sizes[1]; x++) {
                    worst = Math.max(worst, Math.abs(resampled.data()[y * sizes[1] + x] - value(y * 0.12, x * 0.12)));
                }
            }
            assertEquals(0, worst, 1.5e-3, sizes[0] + " → " + sizes[1] + " px");
        }
    }

    @Test
    void aPeakOnTheCellEdgeWrapsInsteadOfBeingClamped() {
        // A Gaussian (σ 0.3 Å) centred on x = 0 of a 0.16 Å grid: after resampling to 0.12 Å its periodic centroid
        // must still be at x = 0, i.e. the last column interpolates towards the first one.
        int n = 270;
        double d = CELL_ANGSTROM / n;
        float[] data = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double dx = Math.min(x, n - x) * d;
                double dy = (y - n / 2) * d;
                data[y * n + x] = (float) Math.exp(-(dx * dx + dy * dy) / (2 * 0.3 * 0.3));
            }
        }
        RealImage resampled = Resampling.periodicBilinear(new RealImage(Grid.of(n, n, d), data), 360, 360);
        double sum = 0;
        double moment = 0;
        for (int y = 0; y < 360; y++) {
            for (int x = 0; x < 360; x++) {
                double w = resampled.data()[y * 360 + x];
                double xAngstrom = (x < 180 ? x : x - 360) * 0.12;
                sum += w;
                moment += w * xAngstrom;
            }
        }
        assertEquals(0, moment / sum, 1e-3, "centroid of the wrapped peak (Å)");
        assertEquals(1.0, resampled.data()[180 * 360], 0.01, "peak value at the cell edge");
        assertEquals(resampled.data()[180 * 360 + 1], resampled.data()[180 * 360 + 359], 1e-6, "symmetric about x = 0");
    }
}
