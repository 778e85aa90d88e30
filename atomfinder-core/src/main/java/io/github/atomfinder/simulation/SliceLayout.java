package io.github.atomfinder.simulation;

/** Equal slices along the beam (z): {@code count} slices of {@code thicknessAngstrom} covering [0, c). */
public record SliceLayout(int count, double thicknessAngstrom) {

    public SliceLayout {
        if (count < 1 || !(thicknessAngstrom > 0)) {
            throw new IllegalArgumentException("need at least one slice of positive thickness");
        }
    }

    /** {@code ceil(c / requested)} slices of thickness c / count. */
    public static SliceLayout of(double depthAngstrom, double requestedThicknessAngstrom) {
        int n = Math.max(1, (int) Math.ceil(depthAngstrom / requestedThicknessAngstrom - 1e-9));
        return new SliceLayout(n, depthAngstrom / n);
    }

    /**
     * z as a continuous slice index whose integers are the slice centres ((i + ½)·thickness), clamped to
     * [0, count − 1].
     */
    public double centreCoordinate(double zAngstrom) {
        double c = zAngstrom / thicknessAngstrom - 0.5;
        return Math.min(count - 1, Math.max(0, c));
    }
}
