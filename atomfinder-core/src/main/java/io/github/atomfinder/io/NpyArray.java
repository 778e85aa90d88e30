package io.github.atomfinder.io;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.Arrays;

/**
 * An array read from a NumPy .npy file, in C (row-major) order whatever the file's order, widened to double.
 * {@code imag} is null for real data types.
 */
public record NpyArray(int[] shape, String dtype, double[] real, double[] imag) {

    public boolean isComplex() {
        return imag != null;
    }

    public long elementCount() {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    /** A 2-D real array {@code [rows][cols]} as an image on {@code grid} (shape must match). */
    public RealImage toImage(Grid grid) {
        require2d(grid);
        float[] data = new float[grid.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) real[i];
        }
        return new RealImage(grid, data);
    }

    /** A 2-D complex array {@code [rows][cols]} as a field on {@code grid} (shape must match). */
    public ComplexField toComplexField(Grid grid) {
        require2d(grid);
        float[] data = new float[2 * grid.size()];
        for (int i = 0; i < grid.size(); i++) {
            data[2 * i] = (float) real[i];
            data[2 * i + 1] = imag == null ? 0f : (float) imag[i];
        }
        return new ComplexField(grid, data);
    }

    /** The 2-D array with its axes swapped, e.g. an abTEM {@code [ix][iy]} array into {@code [y][x]}. */
    public NpyArray transposed2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose needs a 2-D array, shape is " + Arrays.toString(shape));
        }
        int rows = shape[0];
        int cols = shape[1];
        double[] re = new double[real.length];
        double[] im = imag == null ? null : new double[imag.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                re[c * rows + r] = real[r * cols + c];
                if (im != null) {
                    im[c * rows + r] = imag[r * cols + c];
                }
            }
        }
        return new NpyArray(new int[] {cols, rows}, dtype, re, im);
    }

    private void require2d(Grid grid) {
        if (shape.length != 2 || shape[0] != grid.ny() || shape[1] != grid.nx()) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " does not fit grid "
                    + grid.ny() + " x " + grid.nx());
        }
    }
}
