package io.github.atomfinder.grid;

/** Discrete Fourier frequencies in the one convention used everywhere (docs/conventions.md). */
public final class Frequencies {

    private Frequencies() {
    }

    /**
     * Frequencies of an n-point DFT with spacing d, in cycles per unit of d, in FFT order:
     * {@code [0, 1, ..., ceil(n/2)-1, -floor(n/2), ..., -1] / (n d)}, identical to numpy.fft.fftfreq.
     */
    public static double[] fftFrequencies(int n, double d) {
        double[] k = new double[n];
        int positive = (n - 1) / 2 + 1;
        for (int i = 0; i < n; i++) {
            int index = i < positive ? i : i - n;
            k[i] = index / (n * d);
        }
        return k;
    }
}
