package io.github.atomfinder.grid;

import java.util.Arrays;

/**
 * A real-valued image on a {@link Grid}: row-major {@code data[y * nx + x]}.
 *
 * <p>The array is shared, not copied: treat an image as immutable once built; operations return new images.
 */
public record RealImage(Grid grid, float[] data) {

    public RealImage {
        if (data.length != grid.size()) {
            throw new IllegalArgumentException("data length " + data.length + " does not match grid " + grid.ny() + " x " + grid.nx());
        }
    }

    public static RealImage zeros(Grid grid) {
        return new RealImage(grid, new float[grid.size()]);
    }

    public static RealImage filled(Grid grid, float value) {
        float[] data = new float[grid.size()];
        Arrays.fill(data, value);
        return new RealImage(grid, data);
    }

    public int ny() {
        return grid.ny();
    }

    public int nx() {
        return grid.nx();
    }

    public float get(int y, int x) {
        return data[y * grid.nx() + x];
    }

    public RealImage copy() {
        return new RealImage(grid, data.clone());
    }

    public double mean() {
        double sum = 0;
        for (float v : data) {
            sum += v;
        }
        return sum / data.length;
    }

    public double min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : data) {
            m = Math.min(m, v);
        }
        return m;
    }

    public double max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    public double standardDeviation() {
        double mean = mean();
        double sum = 0;
        for (float v : data) {
            double d = v - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / data.length);
    }

    /** The same pixels with a different pixel size (e.g. once a calibration is known). */
    public RealImage withPixelSize(double dyAngstrom, double dxAngstrom) {
        return new RealImage(new Grid(grid.ny(), grid.nx(), dyAngstrom, dxAngstrom), data);
    }
}
