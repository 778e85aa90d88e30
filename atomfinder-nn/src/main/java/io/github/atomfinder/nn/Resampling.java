package io.github.atomfinder.nn;

/**
 * Bilinear resampling between pixel sizes under the project's pixel-centre convention (docs/conventions.md):
 * destination pixel {@code i} sits at source coordinate {@code i · scale}; samples beyond the last pixel take
 * the edge value.
 */
final class Resampling {

    private Resampling() {
    }

    /** Destination {@code [dny][dnx]} sampled from source {@code [sny][snx]} at {@code (y·scaleY, x·scaleX)}. */
    static float[] bilinear(float[] source, int sny, int snx, double scaleY, double scaleX, int dny, int dnx) {
        float[] out = new float[dny * dnx];
        for (int y = 0; y < dny; y++) {
            double sy = Math.min(y * scaleY, sny - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, sny - 1);
            double fy = sy - y0;
            for (int x = 0; x < dnx; x++) {
                double sx = Math.min(x * scaleX, snx - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, snx - 1);
                double fx = sx - x0;
                double top = source[y0 * snx + x0] * (1 - fx) + source[y0 * snx + x1] * fx;
                double bottom = source[y1 * snx + x0] * (1 - fx) + source[y1 * snx + x1] * fx;
                out[y * dnx + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
