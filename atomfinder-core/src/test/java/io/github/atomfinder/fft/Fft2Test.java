package io.github.atomfinder.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.atomfinder.grid.Frequencies;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Fft2Test {

    @Test
    void forwardTransformMatchesDirectSumWithNumpySignConvention() {
        int ny = 5;
        int nx = 7;
        Random random = new Random(3);
        float[] data = new float[2 * ny * nx];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        float[] transformed = data.clone();
        Fft2.forwardInPlace(transformed, ny, nx);
        for (int ky = 0; ky < ny; ky++) {
            for (int kx = 0; kx < nx; kx++) {
                double re = 0;
                double im = 0;
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double angle = -2 * Math.PI * ((double) ky * y / ny + (double) kx * x / nx);
                        double a = data[2 * (y * nx + x)];
                        double b = data[2 * (y * nx + x) + 1];
                        re += a * Math.cos(angle) - b * Math.sin(angle);
                        im += a * Math.sin(angle) + b * Math.cos(angle);
                    }
                }
                assertEquals(re, transformed[2 * (ky * nx + kx)], 1e-4);
                assertEquals(im, transformed[2 * (ky * nx + kx) + 1], 1e-4);
            }
        }
    }

    @Test
    void inverseUndoesForward() {
        float[] data = new float[2 * 12 * 9];
        Random random = new Random(5);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        float[] roundTrip = data.clone();
        Fft2.forwardInPlace(roundTrip, 12, 9);
        Fft2.inverseInPlace(roundTrip, 12, 9);
        assertArrayEquals(data, roundTrip, 1e-5f);
    }

    @Test
    void frequenciesFollowNumpyFftfreq() {
        assertArrayEquals(new double[] {0, 0.5, -1.0, -0.5}, Frequencies.fftFrequencies(4, 0.5), 1e-12);
        assertArrayEquals(new double[] {0, 0.2, 0.4, -0.4, -0.2}, Frequencies.fftFrequencies(5, 1.0), 1e-12);
    }

    @Test
    void bandLimitedTransformsAgreeWithFullOnesInsideTheKeptColumns() {
        int ny = 12;
        int nx = 15;
        int keep = 4;
        java.util.Random random = new java.util.Random(3);
        float[] data = new float[2 * ny * nx];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        float[] full = data.clone();
        Fft2.forwardInPlace(full, ny, nx);
        float[] pruned = data.clone();
        Fft2.forwardBandLimitedInPlace(pruned, ny, nx, keep);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int index = x < (nx + 1) / 2 ? x : x - nx;
                int i = 2 * (y * nx + x);
                float expectRe = Math.abs(index) <= keep ? full[i] : 0f;
                float expectIm = Math.abs(index) <= keep ? full[i + 1] : 0f;
                org.junit.jupiter.api.Assertions.assertEquals(expectRe, pruned[i], 1e-4);
                org.junit.jupiter.api.Assertions.assertEquals(expectIm, pruned[i + 1], 1e-4);
            }
        }
        float[] back = pruned.clone();
        Fft2.inverseBandLimitedInPlace(back, ny, nx, keep);
        float[] reference = pruned.clone();
        Fft2.inverseInPlace(reference, ny, nx);
        for (int i = 0; i < back.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(reference[i], back[i], 1e-5);
        }
    }
}
