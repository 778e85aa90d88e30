package io.github.atomfinder.postprocess;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Single-class post-processing (method.md §9): regional maxima of an atom-probability map at or above a
 * threshold, refined to sub-pixel precision, thinned so no two atoms are closer than a minimum distance.
 *
 * <p>Refinement: a three-point parabola through the logarithm of the map along the row and along the column
 * of the maximum. The logarithm of a Gaussian is exactly a parabola, so isolated Gaussian peaks (the shape of
 * the training labels, method.md §6) are located without bias; where a value is not positive the parabola
 * goes through the values themselves. A plateau (saturated map) is placed at its centroid. On the image
 * border there is no pixel beyond the maximum, so that axis is not refined.
 *
 * <p>Confidence is the map value at the maximum (the network's probability that an atom sits there), which
 * is what the threshold is compared with; the probabilities reported are {@code [1 − v, v]}.
 */
public final class PeakFinder {

    /**
     * @param threshold minimum map value of a maximum (0.5 typical, 0.01 shows faint candidates)
     * @param minDistanceAngstrom of two maxima closer than this, only the higher is kept (≈ 2 Å typical;
     *     0 keeps all)
     */
    public record Parameters(double threshold, double minDistanceAngstrom) {

        public Parameters {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, got " + threshold);
            }
            if (!(minDistanceAngstrom >= 0) || Double.isInfinite(minDistanceAngstrom)) {
                throw new IllegalArgumentException("minimum distance must be ≥ 0 Å, got " + minDistanceAngstrom);
            }
        }

        public static Parameters defaults() {
            return new Parameters(0.5, 2.0);
        }
    }

    private PeakFinder() {
    }

    /** Atoms of class {@code className} (index 1; the background is index 0) in {@code map}. */
    public static Detections find(RealImage map, String className, Parameters parameters) {
        Grid grid = map.grid();
        int ny = map.ny();
        int nx = map.nx();
        float[] v = map.data();
        float threshold = (float) parameters.threshold();
        List<RegionalMaxima.Region> regions = RegionalMaxima.find(v, ny, nx, i -> v[i] >= threshold);
        regions.sort(Comparator.comparingDouble((RegionalMaxima.Region r) -> -r.value())
                .thenComparingInt(RegionalMaxima.Region::anchor));
        double dx = grid.dxAngstrom();
        double dy = grid.dyAngstrom();
        double minDistance = parameters.minDistanceAngstrom();
        SpatialBins accepted = new SpatialBins(minDistance);
        List<Detection> detections = new ArrayList<>();
        for (RegionalMaxima.Region region : regions) {
            double xPx;
            double yPx;
            if (region.pixels().length == 1) {
                int i = region.anchor();
                int y = i / nx;
                int x = i % nx;
                xPx = x + (x > 0 && x < nx - 1 ? vertexOffset(v[i - 1], v[i], v[i + 1]) : 0);
                yPx = y + (y > 0 && y < ny - 1 ? vertexOffset(v[i - nx], v[i], v[i + nx]) : 0);
            } else {
                xPx = region.centroidX(nx);
                yPx = region.centroidY(nx);
            }
            if (minDistance > 0 && accepted.anyWithin(xPx * dx, yPx * dy, minDistance)) {
                continue;
            }
            accepted.add(xPx * dx, yPx * dy);
            double p = Math.min(1, Math.max(0, region.value()));
            detections.add(Detection.atPixel(xPx, yPx, dy, dx, 1, p, new double[] {1 - p, p}));
        }
        return new Detections(grid, List.of("background", className), detections);
    }

    /**
     * Vertex of the parabola through (−1, a), (0, b), (1, c) with b the largest, in [−0.5, 0.5]; through the
     * logarithms when all three are positive.
     */
    static double vertexOffset(float a, float b, float c) {
        double left = a;
        double centre = b;
        double right = c;
        if (a > 0 && b > 0 && c > 0) {
            left = Math.log(a);
            centre = Math.log(b);
            right = Math.log(c);
        }
        double curvature = left - 2 * centre + right;
        if (!(curvature < 0)) {
            return 0;
        }
        double offset = 0.5 * (left - right) / curvature;
        return Math.max(-0.5, Math.min(0.5, offset));
    }

    /** Points in square bins of a given width in Å, for "is any point within r?" queries with r ≤ width. */
    private static final class SpatialBins {
        private final double width;
        private final Map<Long, List<double[]>> bins = new HashMap<>();

        SpatialBins(double width) {
            this.width = width;
        }

        void add(double x, double y) {
            if (width > 0) {
                bins.computeIfAbsent(key(bin(x), bin(y)), k -> new ArrayList<>()).add(new double[] {x, y});
            }
        }

        boolean anyWithin(double x, double y, double r) {
            long bx = bin(x);
            long by = bin(y);
            for (long j = by - 1; j <= by + 1; j++) {
                for (long i = bx - 1; i <= bx + 1; i++) {
                    for (double[] p : bins.getOrDefault(key(i, j), List.of())) {
                        double ddx = p[0] - x;
                        double ddy = p[1] - y;
                        if (ddx * ddx + ddy * ddy < r * r) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private long bin(double c) {
            return (long) Math.floor(c / width);
        }

        private static long key(long i, long j) {
            // Multiplying by an odd constant is a bijection that spreads the bits: Long.hashCode of the plain
            // packing is i ^ j, which collides along diagonals.
            return ((i << 32) | (j & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
        }
    }
}
