package io.github.atomfinder.grid;

/**
 * Bilinear resampling between pixel sizes under the project's pixel-centre convention (docs/conventions.md):
 * destination pixel {@code i} sits at source coordinate {@code i · scale}. This is how {@code analyze} brings an
 * image to a model's pixel size, and training pairs are resampled the same way so the network sees at training
 * time what it sees in use (interpolation blur and, from finer pixels, aliased noise).
 */
public final class Resampling {

    private Resampling() {
    }

    /**
     * Destination {@code [dny][dnx]} sampled from source {@code [sny][snx]} at {@code (y·scaleY, x·scaleX)};
     * samples beyond the last pixel take the edge value.
     */
    public static float[] bilinear(float[] source, int sny, int snx, double scaleY, double scaleX, int dny, int dnx) {
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
                out[y * dnx + x] = (float) mix(source, snx, y0, y1, fy, x0, x1, fx);
            }
        }
        return out;
    }

    /**
     * A periodic image (the unit cell of a simulation) resampled to the same cell on {@code dny × dnx} pixels:
     * pixel size extent / n per axis, neighbours across the cell's edge wrap around.
     */
    public static RealImage periodicBilinear(RealImage image, int dny, int dnx) {
        int sny = image.ny();
        int snx = image.nx();
        double scaleY = (double) sny / dny;
        double scaleX = (double) snx / dnx;
        float[] source = image.data();
        float[] out = new float[dny * dnx];
        for (int y = 0; y < dny; y++) {
            double sy = y * scaleY;
            int y0 = (int) sy;
            double fy = sy - y0;
            int y1 = (y0 + 1) % sny;
            for (int x = 0; x < dnx; x++) {
                double sx = x * scaleX;
                int x0 = (int) sx;
                out[y * dnx + x] = (float) mix(source, snx, y0, y1, fy, x0, (x0 + 1) % snx, sx - x0);
            }
        }
        Grid grid = image.grid();
        return new RealImage(new Grid(dny, dnx, grid.extentYAngstrom() / dny, grid.extentXAngstrom() / dnx), out);
    }

    private static double mix(float[] source, int snx, int y0, int y1, double fy, int x0, int x1, double fx) {
        double top = source[y0 * snx + x0] * (1 - fx) + source[y0 * snx + x1] * fx;
        double bottom = source[y1 * snx + x0] * (1 - fx) + source[y1 * snx + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
