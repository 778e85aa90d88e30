package io.github.atomfinder.data;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.optics.WaveSpectrum;
import java.util.random.RandomGenerator;

/**
 * A symmetry of a periodic cell applied to an exit wave and its sites together: an optional mirror
 * (x → −x), then a rotation by {@code quarterTurns}·90° about the origin, then a translation by whole
 * pixels with periodic wrap. Because all three map the pixel lattice onto itself, the wave is permuted, not
 * interpolated, so augmentation costs one copy.
 *
 * <p>Pixel (iy, ix) sits at (iy·dy, ix·dx) (docs/conventions.md). A quarter turn maps (x, y) → (−y, x)
 * (counter-clockwise for y pointing down the rows) and swaps the grid's axes.
 */
public record Symmetry(boolean mirror, int quarterTurns, int shiftYPixels, int shiftXPixels) {

    public Symmetry {
        quarterTurns = Math.floorMod(quarterTurns, 4);
    }

    public static Symmetry identity() {
        return new Symmetry(false, 0, 0, 0);
    }

    /** A uniformly random symmetry of a grid: mirror, quarter turn and shift each drawn independently. */
    public static Symmetry random(Grid grid, RandomGenerator random) {
        boolean mirror = random.nextBoolean();
        int turns = random.nextInt(4);
        int outNy = turns % 2 == 0 ? grid.ny() : grid.nx();
        int outNx = turns % 2 == 0 ? grid.nx() : grid.ny();
        return new Symmetry(mirror, turns, random.nextInt(outNy), random.nextInt(outNx));
    }

    /** The grid after this symmetry (axes swapped by odd quarter turns). */
    public Grid apply(Grid grid) {
        return quarterTurns % 2 == 0 ? grid
                : new Grid(grid.nx(), grid.ny(), grid.dxAngstrom(), grid.dyAngstrom());
    }

    public ComplexField apply(ComplexField wave) {
        Grid in = wave.grid();
        Grid out = apply(in);
        float[] source = wave.data();
        float[] target = new float[source.length];
        int[] pixel = new int[2];
        for (int iy = 0; iy < in.ny(); iy++) {
            for (int ix = 0; ix < in.nx(); ix++) {
                mapIndexAboutOrigin(in, iy, ix, pixel);
                pixel[0] = Math.floorMod(pixel[0] + shiftYPixels, out.ny());
                pixel[1] = Math.floorMod(pixel[1] + shiftXPixels, out.nx());
                int from = 2 * (iy * in.nx() + ix);
                int to = 2 * (pixel[0] * out.nx() + pixel[1]);
                target[to] = source[from];
                target[to + 1] = source[from + 1];
            }
        }
        return new ComplexField(out, target);
    }

    /**
     * The spectrum of {@code apply(wave)} computed from the wave's spectrum, without a transform: mirror and quarter
     * turns fix the origin, so they permute frequencies exactly as they permute pixels, and the shift by s pixels
     * multiplies each component by exp(−2πi k·s/n).
     */
    public WaveSpectrum apply(WaveSpectrum spectrum) {
        Grid in = spectrum.grid();
        Grid out = apply(in);
        float[] source = spectrum.data();
        float[] target = new float[source.length];
        double[] rampYRe = new double[out.ny()];
        double[] rampYIm = new double[out.ny()];
        double[] rampXRe = new double[out.nx()];
        double[] rampXIm = new double[out.nx()];
        shiftRamp(shiftYPixels, rampYRe, rampYIm);
        shiftRamp(shiftXPixels, rampXRe, rampXIm);
        int[] frequency = new int[2];
        for (int iy = 0; iy < in.ny(); iy++) {
            for (int ix = 0; ix < in.nx(); ix++) {
                mapIndexAboutOrigin(in, iy, ix, frequency);
                int ky = frequency[0];
                int kx = frequency[1];
                double re = rampYRe[ky] * rampXRe[kx] - rampYIm[ky] * rampXIm[kx];
                double im = rampYRe[ky] * rampXIm[kx] + rampYIm[ky] * rampXRe[kx];
                int from = 2 * (iy * in.nx() + ix);
                int to = 2 * (ky * out.nx() + kx);
                target[to] = (float) (source[from] * re - source[from + 1] * im);
                target[to + 1] = (float) (source[from] * im + source[from + 1] * re);
            }
        }
        return new WaveSpectrum(out, target);
    }

    /** exp(−2πi k s / n) for k = 0 … n−1 (the FFT's index order; only k s mod n matters). */
    private static void shiftRamp(int shift, double[] re, double[] im) {
        int n = re.length;
        for (int k = 0; k < n; k++) {
            double angle = -2 * Math.PI * Math.floorMod((long) k * shift, n) / n;
            re[k] = Math.cos(angle);
            im[k] = Math.sin(angle);
        }
    }

    /** Maps sites of a cell covered by {@code grid} (positions wrapped into the transformed cell). */
    public Sites apply(Sites sites, Grid grid) {
        Grid out = apply(grid);
        double[] x = new double[sites.size()];
        double[] y = new double[sites.size()];
        for (int i = 0; i < sites.size(); i++) {
            double lx = grid.extentXAngstrom();
            double ly = grid.extentYAngstrom();
            double px = mirror ? lx - sites.x(i) : sites.x(i);
            double py = sites.y(i);
            for (int t = 0; t < quarterTurns; t++) {
                double rotatedX = ly - py;
                py = px;
                px = rotatedX;
                double swap = lx;
                lx = ly;
                ly = swap;
            }
            x[i] = wrap(px + shiftXPixels * out.dxAngstrom(), out.extentXAngstrom());
            y[i] = wrap(py + shiftYPixels * out.dyAngstrom(), out.extentYAngstrom());
        }
        return new Sites(x, y, sites.classIndex());
    }

    /** Mirror and quarter turns of index (iy, ix), modulo the grid, without the shift. */
    private void mapIndexAboutOrigin(Grid in, int iy, int ix, int[] result) {
        int ny = in.ny();
        int nx = in.nx();
        int x = mirror ? Math.floorMod(-ix, nx) : ix;
        int y = iy;
        for (int t = 0; t < quarterTurns; t++) {
            int rotatedX = Math.floorMod(-y, ny);
            y = x;
            x = rotatedX;
            int swap = nx;
            nx = ny;
            ny = swap;
        }
        result[0] = y;
        result[1] = x;
    }

    private static double wrap(double v, double length) {
        double w = v % length;
        if (w < 0) {
            w += length;
        }
        return w >= length ? w - length : w;
    }
}
