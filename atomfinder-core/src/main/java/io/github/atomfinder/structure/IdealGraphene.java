package io.github.atomfinder.structure;

import java.util.ArrayList;
import java.util.List;

/** Perfect honeycomb sheets: a periodic orthorhombic supercell, or any rectangle at any rotation. */
public final class IdealGraphene {

    private IdealGraphene() {
    }

    /**
     * The sheet clipped to a {@code width x height} Å rectangle after rotating the lattice by
     * {@code rotationRad} about the rectangle centre. The cell is periodic in x and y only when the lattice
     * fits it exactly (rotation 0, width a multiple of 3b, height a multiple of √3·b).
     */
    public static Atoms sheet(double widthAngstrom, double heightAngstrom, double bondAngstrom, double rotationRad,
            double thicknessAngstrom) {
        if (!(bondAngstrom > 0)) {
            throw new IllegalArgumentException("bond length must be positive, got " + bondAngstrom);
        }
        double b = bondAngstrom;
        double cellX = 3 * b;
        double cellY = Math.sqrt(3) * b;
        double[][] basis = {{0, 0}, {b, 0}, {1.5 * b, cellY / 2}, {2.5 * b, cellY / 2}};
        double cx = widthAngstrom / 2;
        double cy = heightAngstrom / 2;
        double reach = Math.hypot(widthAngstrom, heightAngstrom) / 2 + cellX;
        double cos = Math.cos(rotationRad);
        double sin = Math.sin(rotationRad);
        double eps = 1e-9 * b;
        List<double[]> kept = new ArrayList<>();
        // Lattice anchored at the origin and rotated about the centre, so rotation 0 gives exact fits.
        for (int i = (int) Math.floor((cx - reach) / cellX); i <= (int) Math.ceil((cx + reach) / cellX); i++) {
            for (int j = (int) Math.floor((cy - reach) / cellY); j <= (int) Math.ceil((cy + reach) / cellY); j++) {
                for (double[] p : basis) {
                    double lx = i * cellX + p[0] - cx;
                    double ly = j * cellY + p[1] - cy;
                    double x = cx + cos * lx - sin * ly;
                    double y = cy + sin * lx + cos * ly;
                    if (x >= -eps && x < widthAngstrom - eps && y >= -eps && y < heightAngstrom - eps) {
                        kept.add(new double[] {Math.max(0, x), Math.max(0, y)});
                    }
                }
            }
        }
        boolean fits = rotationRad == 0 && isMultiple(widthAngstrom, cellX) && isMultiple(heightAngstrom, cellY);
        Cell cell = new Cell(widthAngstrom, heightAngstrom, thicknessAngstrom, fits, fits, false);
        int n = kept.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int k = 0; k < n; k++) {
            x[k] = kept.get(k)[0];
            y[k] = kept.get(k)[1];
            z[k] = thicknessAngstrom / 2;
            numbers[k] = GrapheneLikeSheet.CARBON;
        }
        return new Atoms(x, y, z, numbers, cell);
    }

    /** A periodic sheet of {@code nx x ny} orthorhombic 4-atom cells (3b x √3·b each). */
    public static Atoms periodic(int nx, int ny, double bondAngstrom, double thicknessAngstrom) {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("need at least one cell each way, got " + nx + " x " + ny);
        }
        return sheet(nx * 3 * bondAngstrom, ny * Math.sqrt(3) * bondAngstrom, bondAngstrom, 0, thicknessAngstrom);
    }

    private static boolean isMultiple(double length, double unit) {
        double q = length / unit;
        return Math.abs(q - Math.rint(q)) < 1e-6 && Math.rint(q) >= 1;
    }
}
