package io.github.atomfinder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalNormalizationTest {

    private static RealImage noise(Grid grid, long seed) {
        Random random = new Random(seed);
        float[] d = new float[grid.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
        }
        return new RealImage(grid, d);
    }

    @Test
    void matchesDirectNormalisedGaussianSumsAtInteriorAndBorderPixels() {
        Grid grid = Grid.of(40, 50, 0.5);
        RealImage image = noise(grid, 1);
        double sigmaAngstrom = 2.0;
        RealImage h = LocalNormalization.normalize(image, sigmaAngstrom);
        // Reference: method.md §7 with the window renormalised over existing pixels, by direct summation.
        double s = sigmaAngstrom / 0.5;
        double[] mean = new double[grid.size()];
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                mean[y * 50 + x] = window(image.data(), null, y, x, s);
            }
        }
        for (int[] p : new int[][] {{20, 25}, {0, 0}, {39, 10}, {5, 49}}) {
            double[] g = new double[grid.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = image.data()[i] - mean[i];
            }
            double variance = window(null, g, p[0], p[1], s);
            double expected = g[p[0] * 50 + p[1]] / Math.sqrt(variance);
            assertEquals(expected, h.get(p[0], p[1]), 1e-3, "pixel " + p[0] + "," + p[1]);
        }
    }

    private static double window(float[] values, double[] squares, int y0, int x0, double s) {
        double sum = 0;
        double weight = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 50; x++) {
                double w = Math.exp(-((y - y0) * (y - y0) + (x - x0) * (x - x0)) / (2 * s * s));
                double v = values != null ? values[y * 50 + x] : squares[y * 50 + x] * squares[y * 50 + x];
                sum += w * v;
                weight += w;
            }
        }
        return sum / weight;
    }

    @Test
    void periodicWindowEqualsTheCentreOfATiledImage() {
        // σ = 1 Å on a 9.6 Å cell: beyond the 3 × 3 tiling the window's weight is below exp(-9.6²/2), negligible.
        Grid cell = Grid.of(48, 48, 0.2);
        RealImage image = noise(cell, 5);
        Grid tiledGrid = Grid.of(3 * 48, 3 * 48, 0.2);
        float[] tiled = new float[tiledGrid.size()];
        for (int y = 0; y < 3 * 48; y++) {
            for (int x = 0; x < 3 * 48; x++) {
                tiled[y * 3 * 48 + x] = image.data()[(y % 48) * 48 + x % 48];
            }
        }
        RealImage periodic = LocalNormalization.normalizePeriodicSeries(List.of(image), 1.0).get(0);
        RealImage reference = LocalNormalization.normalize(new RealImage(tiledGrid, tiled), 1.0);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                assertEquals(reference.data()[(y + 48) * 3 * 48 + x + 48], periodic.data()[y * 48 + x], 1e-4,
                        "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void isInvariantToGainAndOffsetOfTheImage() {
        Grid grid = Grid.of(64, 64, 0.2);
        RealImage image = noise(grid, 2);
        float[] scaled = image.data().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = 37f * scaled[i] + 1200f;
        }
        RealImage a = LocalNormalization.normalize(image, 3.0);
        RealImage b = LocalNormalization.normalize(new RealImage(grid, scaled), 3.0);
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(a.data()[i], b.data()[i], 1e-3);
        }
    }

    @Test
    void focalSeriesSharesOneLocalMeanAndVariance() {
        Grid grid = Grid.of(32, 32, 0.5);
        RealImage a = noise(grid, 3);
        float[] negated = a.data().clone();
        for (int i = 0; i < negated.length; i++) {
            negated[i] = -negated[i];
        }
        // Series (I, -I): the shared mean is 0, so each image is divided by the same sqrt(w*I²): H1 = -H0.
        // A single image would subtract its own local mean instead, so H0 differs from normalize(I).
        List<RealImage> out = LocalNormalization.normalizeSeries(List.of(a, new RealImage(grid, negated)), 4.0);
        RealImage single = LocalNormalization.normalize(a, 4.0);
        double differenceFromSingle = 0;
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(-out.get(0).data()[i], out.get(1).data()[i], 1e-5);
            differenceFromSingle = Math.max(differenceFromSingle, Math.abs(out.get(0).data()[i] - single.data()[i]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(differenceFromSingle > 1e-2);
        // A series of identical images is the single-image normalisation.
        List<RealImage> twice = LocalNormalization.normalizeSeries(List.of(a, a), 4.0);
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(single.data()[i], twice.get(1).data()[i], 1e-5);
        }
    }
}
