package io.github.atomfinder.structure;

/**
 * An orthorhombic simulation cell [0, a) x [0, b) x [0, c) in Å, with periodicity flags. The beam travels
 * along +z; a is along x and b along y. Non-orthogonal cells are rejected where they are read.
 */
public record Cell(double aAngstrom, double bAngstrom, double cAngstrom, boolean periodicX, boolean periodicY,
        boolean periodicZ) {

    public Cell {
        if (!(aAngstrom > 0) || !(bAngstrom > 0) || !(cAngstrom > 0)
                || Double.isInfinite(aAngstrom) || Double.isInfinite(bAngstrom) || Double.isInfinite(cAngstrom)) {
            throw new IllegalArgumentException("cell lengths must be positive and finite, got "
                    + aAngstrom + ", " + bAngstrom + ", " + cAngstrom);
        }
    }

    /** A cell periodic in x and y (a sheet or a particle in vacuum seen along z), not along the beam. */
    public static Cell periodicXY(double aAngstrom, double bAngstrom, double cAngstrom) {
        return new Cell(aAngstrom, bAngstrom, cAngstrom, true, true, false);
    }
}
