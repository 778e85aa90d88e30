package io.github.atomfinder.structure;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Atoms in a cell: positions in Å and atomic numbers, index-aligned. Arrays are copied in and never exposed
 * for writing, so an {@code Atoms} is immutable.
 */
public final class Atoms {

    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final int[] atomicNumbers;
    private final Cell cell;

    public Atoms(double[] x, double[] y, double[] z, int[] atomicNumbers, Cell cell) {
        int n = x.length;
        if (y.length != n || z.length != n || atomicNumbers.length != n) {
            throw new IllegalArgumentException("coordinate and atomic-number arrays differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || !Double.isFinite(z[i])) {
                throw new IllegalArgumentException("atom " + i + " has a non-finite position");
            }
            if (!Elements.isKnown(atomicNumbers[i])) {
                throw new IllegalArgumentException("atom " + i + " has unknown atomic number " + atomicNumbers[i]);
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.z = z.clone();
        this.atomicNumbers = atomicNumbers.clone();
        this.cell = cell;
    }

    public int size() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public double z(int i) {
        return z[i];
    }

    public int atomicNumber(int i) {
        return atomicNumbers[i];
    }

    public Cell cell() {
        return cell;
    }

    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    public double[] zs() {
        return z.clone();
    }

    public int[] atomicNumbers() {
        return atomicNumbers.clone();
    }

    /** The distinct atomic numbers present, ascending. */
    public int[] species() {
        return Arrays.stream(atomicNumbers).distinct().sorted().toArray();
    }

    public Atoms withCell(Cell newCell) {
        return new Atoms(x, y, z, atomicNumbers, newCell);
    }

    public Atoms translated(double dx, double dy, double dz) {
        double[] nx = x.clone();
        double[] ny = y.clone();
        double[] nz = z.clone();
        for (int i = 0; i < nx.length; i++) {
            nx[i] += dx;
            ny[i] += dy;
            nz[i] += dz;
        }
        return new Atoms(nx, ny, nz, atomicNumbers, cell);
    }

    /** The atoms whose index passes {@code keep}, in their original order. */
    public Atoms select(IntPredicate keep) {
        int[] indices = java.util.stream.IntStream.range(0, size()).filter(keep).toArray();
        double[] sx = new double[indices.length];
        double[] sy = new double[indices.length];
        double[] sz = new double[indices.length];
        int[] sz2 = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            sx[j] = x[i];
            sy[j] = y[i];
            sz[j] = z[i];
            sz2[j] = atomicNumbers[i];
        }
        return new Atoms(sx, sy, sz, sz2, cell);
    }

    /** Positions wrapped into the cell along its periodic axes. */
    public Atoms wrapped() {
        double[] nx = x.clone();
        double[] ny = y.clone();
        double[] nz = z.clone();
        for (int i = 0; i < nx.length; i++) {
            if (cell.periodicX()) {
                nx[i] = wrap(nx[i], cell.aAngstrom());
            }
            if (cell.periodicY()) {
                ny[i] = wrap(ny[i], cell.bAngstrom());
            }
            if (cell.periodicZ()) {
                nz[i] = wrap(nz[i], cell.cAngstrom());
            }
        }
        return new Atoms(nx, ny, nz, atomicNumbers, cell);
    }

    private static double wrap(double v, double length) {
        double w = v % length;
        return w < 0 ? w + length : (w >= length ? w - length : w);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Atoms other && Arrays.equals(x, other.x) && Arrays.equals(y, other.y)
                && Arrays.equals(z, other.z) && Arrays.equals(atomicNumbers, other.atomicNumbers)
                && cell.equals(other.cell);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(atomicNumbers);
    }

    @Override
    public String toString() {
        return "Atoms[" + size() + " atoms, cell " + cell + "]";
    }
}
