package io.github.atomfinder.structure;

/**
 * A 2-D periodic box [0, width) x [0, height) in Å, for minimum-image distances in the xy plane (the
 * projection seen by the beam).
 */
public record PeriodicBox(double widthAngstrom, double heightAngstrom) {

    public PeriodicBox {
        if (!(widthAngstrom > 0) || !(heightAngstrom > 0) || Double.isInfinite(widthAngstrom)
                || Double.isInfinite(heightAngstrom)) {
            throw new IllegalArgumentException("periodic box lengths must be positive and finite, got "
                    + widthAngstrom + " x " + heightAngstrom);
        }
    }

    /** The xy box of a cell periodic in x and y. */
    public static PeriodicBox of(Cell cell) {
        if (!cell.periodicX() || !cell.periodicY()) {
            throw new IllegalArgumentException("cell " + cell + " is not periodic in both x and y");
        }
        return new PeriodicBox(cell.aAngstrom(), cell.bAngstrom());
    }

    /** The minimum-image x difference (Å). */
    public double dx(double dx) {
        return dx - widthAngstrom * Math.rint(dx / widthAngstrom);
    }

    /** The minimum-image y difference (Å). */
    public double dy(double dy) {
        return dy - heightAngstrom * Math.rint(dy / heightAngstrom);
    }

    public double wrapX(double x) {
        return wrap(x, widthAngstrom);
    }

    public double wrapY(double y) {
        return wrap(y, heightAngstrom);
    }

    private static double wrap(double v, double length) {
        double w = v - length * Math.floor(v / length);
        return w >= length ? 0 : w;
    }
}
