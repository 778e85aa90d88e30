package io.github.atomfinder.nn;

import java.util.List;

/**
 * The eight symmetries of the square (90° rotations and mirrors) acting on {@code [y][x]} row-major arrays
 * (docs/conventions.md). An element is an optional transpose after optional flips: the output pixel
 * {@code (y', x')} of an {@code oy × ox} output reads the input at {@code (a, b)}, or {@code (b, a)} when
 * transposing, with {@code a = flipY ? oy−1−y' : y'} and {@code b = flipX ? ox−1−x' : x'}. Transposing
 * elements swap height and width.
 *
 * <p>Exact: every element only permutes pixels, so {@code inverse().apply(apply(d))} returns {@code d} bit for bit.
 */
enum DihedralTransform {
    IDENTITY(false, false, false),
    FLIP_Y(false, true, false),
    FLIP_X(false, false, true),
    ROTATE_180(false, true, true),
    TRANSPOSE(true, false, false),
    ROTATE_90(true, true, false),
    ROTATE_270(true, false, true),
    ANTI_TRANSPOSE(true, true, true);

    private final boolean transpose;
    private final boolean flipY;
    private final boolean flipX;

    DihedralTransform(boolean transpose, boolean flipY, boolean flipX) {
        this.transpose = transpose;
        this.flipY = flipY;
        this.flipX = flipX;
    }

    /** The four rotations by multiples of 90°: {@code numpy.rot90(d, k)} for k = 0, 1, 2, 3 on a {@code [y][x]} array. */
    static final List<DihedralTransform> ROTATIONS = List.of(IDENTITY, ROTATE_90, ROTATE_180, ROTATE_270);

    /** Whether the output is {@code nx × ny} for an {@code ny × nx} input. */
    boolean swapsAxes() {
        return transpose;
    }

    /**
     * The element undoing this one. Flips are involutions; for a transposing element the inverse transposes
     * back and so applies the x flip to rows and the y flip to columns: the flips trade places.
     */
    DihedralTransform inverse() {
        return transpose ? of(true, flipX, flipY) : this;
    }

    private static DihedralTransform of(boolean transpose, boolean flipY, boolean flipX) {
        for (DihedralTransform t : values()) {
            if (t.transpose == transpose && t.flipY == flipY && t.flipX == flipX) {
                return t;
            }
        }
        throw new AssertionError("all eight combinations are elements");
    }

    /**
     * The transformed {@code ny × nx} array, {@code nx × ny} when {@link #swapsAxes()}: a new array, except that
     * the identity returns {@code data} itself (no copy of a large image when nothing moves).
     */
    float[] apply(float[] data, int ny, int nx) {
        if (data.length != ny * nx) {
            throw new IllegalArgumentException("array of " + data.length + " values is not " + ny + " x " + nx);
        }
        if (this == IDENTITY) {
            return data;
        }
        int oy = transpose ? nx : ny;
        int ox = transpose ? ny : nx;
        float[] out = new float[data.length];
        for (int y = 0; y < oy; y++) {
            int a = flipY ? oy - 1 - y : y;
            for (int x = 0; x < ox; x++) {
                int b = flipX ? ox - 1 - x : x;
                out[y * ox + x] = transpose ? data[b * nx + a] : data[a * nx + b];
            }
        }
        return out;
    }
}
