package io.github.atomfinder.optics;

/** Operations on spectra stored as interleaved complex arrays in FFT order (docs/conventions.md). */
final class Spectra {

    private Spectra() {
    }

    /**
     * Copies the frequencies of a spectrum on an (sny, snx) grid onto a (dny, dnx) grid of the same extent, both
     * in FFT order, times {@code scale}: a crop where the destination is smaller, zeros where it is larger.
     */
    static float[] resize(float[] source, int sny, int snx, int dny, int dnx, float scale) {
        float[] dest = new float[2 * dny * dnx];
        for (int y = 0; y < dny; y++) {
            int sy = sourceIndex(y, dny, sny);
            if (sy < 0) {
                continue;
            }
            for (int x = 0; x < dnx; x++) {
                int sx = sourceIndex(x, dnx, snx);
                if (sx < 0) {
                    continue;
                }
                int d = 2 * (y * dnx + x);
                int s = 2 * (sy * snx + sx);
                dest[d] = source[s] * scale;
                dest[d + 1] = source[s + 1] * scale;
            }
        }
        return dest;
    }

    /** Index in an n-point FFT-ordered axis of the frequency at index i of an m-point axis, or −1 if absent. */
    private static int sourceIndex(int i, int m, int n) {
        int f = i < (m + 1) / 2 ? i : i - m;
        if (f > (n - 1) / 2 || f < -(n / 2)) {
            return -1;
        }
        return f >= 0 ? f : f + n;
    }
}
