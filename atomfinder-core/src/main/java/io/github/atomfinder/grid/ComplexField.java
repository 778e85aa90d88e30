package io.github.atomfinder.grid;

/**
 * A complex field on a {@link Grid} (a wave function or its Fourier transform), stored interleaved:
 * {@code data[2 * (y * nx + x)]} is the real part and {@code data[2 * (y * nx + x) + 1]} the imaginary part.
 * This is the layout the FFT works on in place.
 *
 * <p>The array is shared, not copied: treat a field as immutable once built; operations return new fields.
 */
public record ComplexField(Grid grid, float[] data) {

    public ComplexField {
        if (data.length != 2 * grid.size()) {
            throw new IllegalArgumentException("interleaved data length " + data.length + " does not match grid "
                    + grid.ny() + " x " + grid.nx());
        }
    }

    public static ComplexField zeros(Grid grid) {
        return new ComplexField(grid, new float[2 * grid.size()]);
    }

    /** The incident plane wave: ψ = 1 at every pixel. */
    public static ComplexField planeWave(Grid grid) {
        float[] data = new float[2 * grid.size()];
        for (int i = 0; i < data.length; i += 2) {
            data[i] = 1f;
        }
        return new ComplexField(grid, data);
    }

    public static ComplexField fromReal(RealImage image) {
        float[] data = new float[2 * image.grid().size()];
        float[] source = image.data();
        for (int i = 0; i < source.length; i++) {
            data[2 * i] = source[i];
        }
        return new ComplexField(image.grid(), data);
    }

    public int ny() {
        return grid.ny();
    }

    public int nx() {
        return grid.nx();
    }

    public float real(int y, int x) {
        return data[2 * (y * grid.nx() + x)];
    }

    public float imag(int y, int x) {
        return data[2 * (y * grid.nx() + x) + 1];
    }

    public ComplexField copy() {
        return new ComplexField(grid, data.clone());
    }

    /** |ψ|² per pixel. */
    public RealImage intensity() {
        float[] out = new float[grid.size()];
        for (int i = 0; i < out.length; i++) {
            float re = data[2 * i];
            float im = data[2 * i + 1];
            out[i] = re * re + im * im;
        }
        return new RealImage(grid, out);
    }

    public RealImage realPart() {
        float[] out = new float[grid.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = data[2 * i];
        }
        return new RealImage(grid, out);
    }

    /** Phase in radians, in (-π, π]. */
    public RealImage phase() {
        float[] out = new float[grid.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.atan2(data[2 * i + 1], data[2 * i]);
        }
        return new RealImage(grid, out);
    }

    /** Σ |ψ|² over all pixels (the discrete norm that unitary propagation conserves). */
    public double sumOfSquares() {
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += (double) data[i] * data[i];
        }
        return sum;
    }
}
