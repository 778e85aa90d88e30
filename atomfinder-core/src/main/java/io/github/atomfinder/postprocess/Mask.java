package io.github.atomfinder.postprocess;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Pixels to ignore (a substrate, a hole, a label burnt into the image): detections whose nearest pixel is
 * ignored are removed with {@link Detections#without(Mask)}. Pixel coordinates follow docs/conventions.md.
 */
public final class Mask {

    private final int ny;
    private final int nx;
    private final boolean[] ignored;

    private Mask(int ny, int nx, boolean[] ignored) {
        this.ny = ny;
        this.nx = nx;
        this.ignored = ignored;
    }

    /** A mask image: every nonzero pixel is ignored. */
    public static Mask fromImage(RealImage image) {
        float[] data = image.data();
        boolean[] ignored = new boolean[data.length];
        for (int i = 0; i < data.length; i++) {
            ignored[i] = data[i] != 0;
        }
        return new Mask(image.ny(), image.nx(), ignored);
    }

    /**
     * Ignores the pixels whose centres lie inside a polygon (even-odd rule).
     *
     * @param vertices polygon vertices {@code {x, y}} in pixel coordinates, at least three
     */
    public static Mask fromPolygon(int ny, int nx, List<double[]> vertices) {
        if (vertices.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 vertices, got " + vertices.size());
        }
        boolean[] ignored = new boolean[ny * nx];
        int n = vertices.size();
        double[] crossings = new double[n];
        for (int y = 0; y < ny; y++) {
            // Scan line through the pixel centres of row y: x positions where it crosses an edge.
            int count = 0;
            for (int e = 0; e < n; e++) {
                double[] a = vertices.get(e);
                double[] b = vertices.get((e + 1) % n);
                if ((a[1] > y) != (b[1] > y)) {
                    crossings[count++] = a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
                }
            }
            java.util.Arrays.sort(crossings, 0, count);
            for (int c = 0; c + 1 < count; c += 2) {
                int from = Math.max(0, (int) Math.ceil(crossings[c]));
                int to = Math.min(nx - 1, (int) Math.ceil(crossings[c + 1]) - 1);
                for (int x = from; x <= to; x++) {
                    ignored[y * nx + x] = true;
                }
            }
        }
        return new Mask(ny, nx, ignored);
    }

    /**
     * Parses {@code "x1,y1;x2,y2;x3,y3;..."} (pixel coordinates) as polygon vertices.
     *
     * @param parameter the option or field the text came from, named in error messages
     */
    public static List<double[]> parsePolygon(String text, String parameter) {
        List<double[]> vertices = new ArrayList<>();
        for (String vertex : text.trim().split("\\s*;\\s*")) {
            String[] parts = vertex.split("\\s*,\\s*");
            if (parts.length != 2) {
                throw new AtomfinderException(parameter + ": vertex '" + vertex + "' is not 'x,y' (expected x1,y1;x2,y2;...)");
            }
            try {
                double x = Double.parseDouble(parts[0]);
                double y = Double.parseDouble(parts[1]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new NumberFormatException();
                }
                vertices.add(new double[] {x, y});
            } catch (NumberFormatException e) {
                throw new AtomfinderException(parameter + ": vertex '" + vertex + "' has a coordinate that is not a finite number");
            }
        }
        if (vertices.size() < 3) {
            throw new AtomfinderException(parameter + ": a polygon needs at least 3 vertices, got " + vertices.size());
        }
        return vertices;
    }

    /** Pixels ignored by either mask. */
    public Mask or(Mask other) {
        if (other.ny != ny || other.nx != nx) {
            throw new IllegalArgumentException("masks differ in shape: " + ny + " x " + nx + " vs " + other.ny + " x " + other.nx);
        }
        boolean[] union = new boolean[ignored.length];
        for (int i = 0; i < union.length; i++) {
            union[i] = ignored[i] || other.ignored[i];
        }
        return new Mask(ny, nx, union);
    }

    public int ny() {
        return ny;
    }

    public int nx() {
        return nx;
    }

    public boolean ignores(int y, int x) {
        return ignored[y * nx + x];
    }

    /** Whether the pixel nearest to a sub-pixel position (clamped into the image) is ignored. */
    public boolean ignoresPosition(double xPx, double yPx) {
        int x = (int) Math.max(0, Math.min(nx - 1, Math.round(xPx)));
        int y = (int) Math.max(0, Math.min(ny - 1, Math.round(yPx)));
        return ignored[y * nx + x];
    }

    public int ignoredCount() {
        int count = 0;
        for (boolean b : ignored) {
            count += b ? 1 : 0;
        }
        return count;
    }
}
