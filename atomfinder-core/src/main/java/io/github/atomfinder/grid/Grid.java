package io.github.atomfinder.grid;

/**
 * A regular 2-D sampling of a rectangle: {@code ny} rows by {@code nx} columns with pixel sizes in Å.
 *
 * <p>Conventions (docs/conventions.md): arrays are row-major {@code [y][x]} flattened as
 * {@code data[y * nx + x]}; the centre of pixel {@code (iy, ix)} lies at {@code (y, x) = (iy·dy, ix·dx)}
 * Å, so the first pixel's centre is the origin and a periodic cell of extent {@code nx·dx} wraps exactly.
 */
public record Grid(int ny, int nx, double dyAngstrom, double dxAngstrom) {

    public Grid {
        if (ny <= 0 || nx <= 0) {
            throw new IllegalArgumentException("grid must have at least one pixel, got " + ny + " x " + nx);
        }
        if ((long) ny * nx > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("grid " + ny + " x " + nx + " is too large for one array");
        }
        if (!(dyAngstrom > 0) || !(dxAngstrom > 0) || Double.isInfinite(dyAngstrom) || Double.isInfinite(dxAngstrom)) {
            throw new IllegalArgumentException("pixel sizes must be positive and finite, got " + dyAngstrom + ", " + dxAngstrom);
        }
    }

    /** Square pixels. */
    public static Grid of(int ny, int nx, double pixelSizeAngstrom) {
        return new Grid(ny, nx, pixelSizeAngstrom, pixelSizeAngstrom);
    }

    /**
     * The grid covering a cell of the given extent with pixels no larger than {@code samplingAngstrom}:
     * {@code n = ceil(extent / sampling)}, then {@code d = extent / n} so the grid spans the cell exactly
     * (the same rule as abTEM, so grids agree with its output).
     */
    public static Grid covering(double extentYAngstrom, double extentXAngstrom, double samplingAngstrom) {
        int ny = (int) Math.ceil(extentYAngstrom / samplingAngstrom - 1e-9);
        int nx = (int) Math.ceil(extentXAngstrom / samplingAngstrom - 1e-9);
        return new Grid(ny, nx, extentYAngstrom / ny, extentXAngstrom / nx);
    }

    public int size() {
        return ny * nx;
    }

    public double extentYAngstrom() {
        return ny * dyAngstrom;
    }

    public double extentXAngstrom() {
        return nx * dxAngstrom;
    }

    public boolean hasSquarePixels() {
        return Math.abs(dyAngstrom - dxAngstrom) <= 1e-9 * Math.max(dyAngstrom, dxAngstrom);
    }

    /** Spatial frequencies along y in 1/Å, in FFT order (numpy.fft.fftfreq(ny, dy)). */
    public double[] frequenciesY() {
        return Frequencies.fftFrequencies(ny, dyAngstrom);
    }

    /** Spatial frequencies along x in 1/Å, in FFT order (numpy.fft.fftfreq(nx, dx)). */
    public double[] frequenciesX() {
        return Frequencies.fftFrequencies(nx, dxAngstrom);
    }

    /** Nyquist frequency of the coarser axis in 1/Å. */
    public double nyquistInverseAngstrom() {
        return 0.5 / Math.max(dyAngstrom, dxAngstrom);
    }

    public Grid withShape(int newNy, int newNx) {
        return new Grid(newNy, newNx, dyAngstrom, dxAngstrom);
    }
}
