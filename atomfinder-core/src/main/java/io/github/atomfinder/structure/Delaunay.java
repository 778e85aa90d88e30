package io.github.atomfinder.structure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 2-D Delaunay triangulation by Bowyer–Watson insertion in x order (Bourke's variant): a triangle whose
 * circumcircle lies wholly left of the current point can never be invalidated again and leaves the working
 * set, which keeps the cost close to O(n^1.5) for evenly spread points.
 */
public final class Delaunay {

    private Delaunay() {
    }

    /**
     * The triangles of the Delaunay triangulation of distinct points, each as three point indices in
     * counter-clockwise order. Cocircular points are split arbitrarily.
     */
    public static List<int[]> triangulate(double[] x, double[] y) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (n < 3) {
            return List.of();
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(x[a], x[b]));

        double minX = Arrays.stream(x).min().orElseThrow();
        double maxX = Arrays.stream(x).max().orElseThrow();
        double minY = Arrays.stream(y).min().orElseThrow();
        double maxY = Arrays.stream(y).max().orElseThrow();
        double span = Math.max(maxX - minX, maxY - minY);
        double midX = (minX + maxX) / 2;
        double midY = (minY + maxY) / 2;
        // A super-triangle far outside the points; its vertices are indices n, n+1, n+2.
        double[] px = Arrays.copyOf(x, n + 3);
        double[] py = Arrays.copyOf(y, n + 3);
        px[n] = midX - 20 * span;
        py[n] = midY - span;
        px[n + 1] = midX;
        py[n + 1] = midY + 20 * span;
        px[n + 2] = midX + 20 * span;
        py[n + 2] = midY - span;

        List<Tri> open = new ArrayList<>();
        List<Tri> closed = new ArrayList<>();
        open.add(new Tri(n, n + 1, n + 2, px, py));
        Map<Long, int[]> edges = new HashMap<>();
        for (int k = 0; k < n; k++) {
            int p = boxed[k];
            edges.clear();
            List<Tri> keep = new ArrayList<>(open.size() + 4);
            for (Tri t : open) {
                double ddx = px[p] - t.cx;
                if (ddx > 0 && ddx * ddx > t.r2) {
                    closed.add(t);
                } else if (ddx * ddx + (py[p] - t.cy) * (py[p] - t.cy) < t.r2) {
                    toggle(edges, t.a, t.b);
                    toggle(edges, t.b, t.c);
                    toggle(edges, t.c, t.a);
                } else {
                    keep.add(t);
                }
            }
            for (int[] e : edges.values()) {
                keep.add(new Tri(e[0], e[1], p, px, py));
            }
            open = keep;
        }
        closed.addAll(open);
        List<int[]> result = new ArrayList<>(closed.size());
        for (Tri t : closed) {
            if (t.a < n && t.b < n && t.c < n) {
                result.add(new int[] {t.a, t.b, t.c});
            }
        }
        return result;
    }

    /** Keeps an edge of the cavity boundary once; an edge shared by two removed triangles is interior. */
    private static void toggle(Map<Long, int[]> edges, int a, int b) {
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        if (edges.remove(key) == null) {
            edges.put(key, new int[] {a, b});
        }
    }

    private static final class Tri {
        final int a;
        final int b;
        final int c;
        final double cx;
        final double cy;
        final double r2;

        Tri(int a, int b, int c, double[] x, double[] y) {
            double orient = (x[b] - x[a]) * (y[c] - y[a]) - (y[b] - y[a]) * (x[c] - x[a]);
            this.a = a;
            this.b = orient >= 0 ? b : c;
            this.c = orient >= 0 ? c : b;
            double[] centre = circumcentre(x[a], y[a], x[b], y[b], x[c], y[c]);
            cx = centre[0];
            cy = centre[1];
            r2 = (x[a] - cx) * (x[a] - cx) + (y[a] - cy) * (y[a] - cy);
        }
    }

    /** The circumcentre (x, y) of a triangle; infinite for collinear corners. */
    public static double[] circumcentre(double ax, double ay, double bx, double by, double cx, double cy) {
        double bxr = bx - ax;
        double byr = by - ay;
        double cxr = cx - ax;
        double cyr = cy - ay;
        double d = 2 * (bxr * cyr - byr * cxr);
        double b2 = bxr * bxr + byr * byr;
        double c2 = cxr * cxr + cyr * cyr;
        return new double[] {ax + (cyr * b2 - byr * c2) / d, ay + (bxr * c2 - cxr * b2) / d};
    }
}
