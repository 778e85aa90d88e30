package io.github.atomfinder.data;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
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
                mapPixel(in, iy, ix, pixel);
                int from = 2 * (iy * in.nx() + ix);
                int to = 2 * (pixel[0] * out.nx() + pixel[1]);
                target[to] = source[from];
                target[to + 1] = source[from + 1];
            }
        }
        return new ComplexField(out, target);
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

    private void mapPixel(Grid in, int iy, int ix, int[] result) {
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
        result[0] = Math.floorMod(y + shiftYPixels, ny);
        result[1] = Math.floorMod(x + shiftXPixels, nx);
    }

    private static double wrap(double v, double length) {
        double w = v % length;
        if (w < 0) {
            w += length;
        }
        return w >= length ? w - length : w;
    }
}
