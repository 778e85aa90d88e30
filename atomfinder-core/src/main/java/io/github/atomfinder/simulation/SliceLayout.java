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

    /** The slice containing depth z; depths outside [0, c) belong to the first or last slice. */
    public int indexOf(double zAngstrom) {
        return (int) Math.min(count - 1, Math.max(0, Math.floor(zAngstrom / thicknessAngstrom)));
    }

    /** Depth of the centre of slice {@code index}, Å. */
    public double centreAngstrom(int index) {
        return (index + 0.5) * thicknessAngstrom;
    }

    /** Total depth c, Å. */
    public double depthAngstrom() {
        return count * thicknessAngstrom;
    }
}
