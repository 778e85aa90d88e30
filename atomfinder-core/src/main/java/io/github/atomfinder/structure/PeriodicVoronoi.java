package io.github.atomfinder.structure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Voronoi tessellation of seeds in a periodic 2-D box: vertices (each once, inside the box), edges
 * between vertices (pairs of Delaunay triangles sharing a side) and the centroid of every seed's cell. Built
 * from a Delaunay triangulation of the seeds plus their periodic images within a margin, which is exact as
 * long as no Delaunay circumradius exceeds the margin.
 */
public final class PeriodicVoronoi {

    private final PeriodicBox box;
    private final double[] vertexX;
    private final double[] vertexY;
    private final int[][] edges;
    private final double[] centroidX;
    private final double[] centroidY;
    private final int[] cellSides;

    private PeriodicVoronoi(PeriodicBox box, double[] vertexX, double[] vertexY, int[][] edges,
            double[] centroidX, double[] centroidY, int[] cellSides) {
        this.cellSides = cellSides;
        this.box = box;
        this.vertexX = vertexX;
        this.vertexY = vertexY;
        this.edges = edges;
        this.centroidX = centroidX;
        this.centroidY = centroidY;
    }

    /**
     * Tessellates seeds lying in the box. {@code marginAngstrom} should exceed the largest empty circle
     * between seeds (a few seed spacings for Poisson-disc seeds); when it does not, the tessellation is
     * recomputed with a margin that does, up to the box size.
     */
    public static PeriodicVoronoi of(double[] seedX, double[] seedY, PeriodicBox box, double marginAngstrom) {
        int n = seedX.length;
        double w = box.widthAngstrom();
        double h = box.heightAngstrom();
        if (!(marginAngstrom > 0) || marginAngstrom > Math.min(w, h)) {
            throw new IllegalArgumentException("margin " + marginAngstrom + " Å exceeds the box " + box);
        }
        List<double[]> points = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new double[] {seedX[i], seedY[i]});
            origin.add(i);
        }
        for (int sx = -1; sx <= 1; sx++) {
            for (int sy = -1; sy <= 1; sy++) {
                if (sx == 0 && sy == 0) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    double x = seedX[i] + sx * w;
                    double y = seedY[i] + sy * h;
                    if (x > -marginAngstrom && x < w + marginAngstrom && y > -marginAngstrom && y < h + marginAngstrom) {
                        points.add(new double[] {x, y});
                        origin.add(i);
                    }
                }
            }
        }
        double[] px = new double[points.size()];
        double[] py = new double[points.size()];
        for (int k = 0; k < px.length; k++) {
            px[k] = points.get(k)[0];
            py[k] = points.get(k)[1];
        }
        List<int[]> triangles = Delaunay.triangulate(px, py);
        int nt = triangles.size();
        double[] cx = new double[nt];
        double[] cy = new double[nt];
        double[] reach = new double[nt];
        for (int t = 0; t < nt; t++) {
            int[] tri = triangles.get(t);
            double[] c = Delaunay.circumcentre(px[tri[0]], py[tri[0]], px[tri[1]], py[tri[1]], px[tri[2]], py[tri[2]]);
            cx[t] = c[0];
            cy[t] = c[1];
            double r = Math.hypot(px[tri[0]] - cx[t], py[tri[0]] - cy[t]);
            // How far the circumcircle reaches out of the box: the images must cover it for a true Delaunay.
            reach[t] = Math.max(Math.max(r - cx[t], cx[t] + r - w), Math.max(r - cy[t], cy[t] + r - h));
        }
        Map<Long, List<Integer>> trianglesOfSide = new HashMap<>();
        for (int t = 0; t < nt; t++) {
            int[] tri = triangles.get(t);
            for (int s = 0; s < 3; s++) {
                trianglesOfSide.computeIfAbsent(sideKey(tri[s], tri[(s + 1) % 3]), k -> new ArrayList<>(2)).add(t);
            }
        }
        // Triangles with a circumcentre in the box and their neighbours (the far ends of the edges) must be
        // exact; otherwise widen the margin and start again.
        double needed = 0;
        for (int t = 0; t < nt; t++) {
            if (cx[t] >= 0 && cx[t] < w && cy[t] >= 0 && cy[t] < h) {
                needed = Math.max(needed, reach[t]);
                int[] tri = triangles.get(t);
                for (int s = 0; s < 3; s++) {
                    for (int u : trianglesOfSide.get(sideKey(tri[s], tri[(s + 1) % 3]))) {
                        needed = Math.max(needed, reach[u]);
                    }
                }
            }
        }
        if (needed >= marginAngstrom) {
            // Too thin an imaged border also makes bogus hull triangles, so grow geometrically, not to `needed`.
            if (marginAngstrom >= Math.min(w, h)) {
                throw new IllegalArgumentException("seeds leave an empty circle reaching " + needed
                        + " Å out of the periodic box " + box + ", more than the box itself");
            }
            return of(seedX, seedY, box, Math.min(2 * marginAngstrom, Math.min(w, h)));
        }

        // Vertices: circumcentres inside the box, merged when they coincide (cocircular seeds).
        double tolerance = 1e-9 * Math.max(w, h);
        VertexIndex index = new VertexIndex(box, tolerance);
        int[] vertexOfTriangle = new int[nt];
        List<double[]> vertices = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            vertexOfTriangle[t] = -1;
            if (cx[t] >= 0 && cx[t] < w && cy[t] >= 0 && cy[t] < h) {
                int existing = index.find(cx[t], cy[t]);
                if (existing < 0) {
                    existing = vertices.size();
                    vertices.add(new double[] {cx[t], cy[t]});
                    index.add(cx[t], cy[t], existing);
                }
                vertexOfTriangle[t] = existing;
            }
        }
        // Edges: neighbouring triangles; a neighbour outside the box is the periodic copy of a vertex inside.
        Set<Long> edgeSet = new LinkedHashSet<>();
        for (int t = 0; t < nt; t++) {
            int v = vertexOfTriangle[t];
            if (v < 0) {
                continue;
            }
            int[] tri = triangles.get(t);
            for (int s = 0; s < 3; s++) {
                for (int u : trianglesOfSide.get(sideKey(tri[s], tri[(s + 1) % 3]))) {
                    if (u == t) {
                        continue;
                    }
                    int other = vertexOfTriangle[u] >= 0 ? vertexOfTriangle[u]
                            : index.find(box.wrapX(cx[u]), box.wrapY(cy[u]));
                    if (other < 0) {
                        throw new IllegalStateException("Voronoi vertex outside the box has no periodic copy;"
                                + " margin " + marginAngstrom + " Å is too small");
                    }
                    if (other != v) {
                        edgeSet.add(v < other ? ((long) v << 32) | other : ((long) other << 32) | v);
                    }
                }
            }
        }
        int[][] edgeArray = edgeSet.stream().map(k -> new int[] {(int) (k >>> 32), (int) (k & 0xffffffffL)})
                .toArray(int[][]::new);

        // Cell of seed i: the circumcentres of the triangles around it, in angular order (a convex polygon).
        List<List<Integer>> around = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            around.add(new ArrayList<>(8));
        }
        for (int t = 0; t < nt; t++) {
            for (int k : triangles.get(t)) {
                if (k < n) {
                    around.get(k).add(t);
                }
            }
        }
        double[] gx = new double[n];
        double[] gy = new double[n];
        int[] sides = new int[n];
        for (int i = 0; i < n; i++) {
            sides[i] = around.get(i).size();
            double[] g = centroid(seedX[i], seedY[i], around.get(i), cx, cy);
            gx[i] = g[0];
            gy[i] = g[1];
        }
        double[] vx = new double[vertices.size()];
        double[] vy = new double[vertices.size()];
        for (int k = 0; k < vx.length; k++) {
            vx[k] = vertices.get(k)[0];
            vy[k] = vertices.get(k)[1];
        }
        return new PeriodicVoronoi(box, vx, vy, edgeArray, gx, gy, sides);
    }

    private static double[] centroid(double sx, double sy, List<Integer> cellTriangles, double[] cx, double[] cy) {
        int m = cellTriangles.size();
        double[] ox = new double[m];
        double[] oy = new double[m];
        double[] angle = new double[m];
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            int t = cellTriangles.get(k);
            ox[k] = cx[t] - sx;
            oy[k] = cy[t] - sy;
            angle[k] = Math.atan2(oy[k], ox[k]);
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(angle[a], angle[b]));
        double area = 0;
        double mx = 0;
        double my = 0;
        for (int k = 0; k < m; k++) {
            int a = order[k];
            int b = order[(k + 1) % m];
            double cross = ox[a] * oy[b] - ox[b] * oy[a];
            area += cross;
            mx += (ox[a] + ox[b]) * cross;
            my += (oy[a] + oy[b]) * cross;
        }
        return new double[] {sx + mx / (3 * area), sy + my / (3 * area)};
    }

    private static long sideKey(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }

    public PeriodicBox box() {
        return box;
    }

    public int vertexCount() {
        return vertexX.length;
    }

    public double[] vertexX() {
        return vertexX.clone();
    }

    public double[] vertexY() {
        return vertexY.clone();
    }

    /** Edges as pairs of vertex indices (a &lt; b), each once. */
    public int[][] edges() {
        int[][] copy = new int[edges.length][];
        for (int i = 0; i < edges.length; i++) {
            copy[i] = edges[i].clone();
        }
        return copy;
    }

    /** Centroid x of each seed's Voronoi cell (Å, not wrapped into the box). */
    public double[] centroidX() {
        return centroidX.clone();
    }

    public double[] centroidY() {
        return centroidY.clone();
    }

    /** The number of sides (= Voronoi neighbours) of each seed's cell. */
    public int[] cellSides() {
        return cellSides.clone();
    }

    /** Finds points in the box by position (periodic), with a bucket grid. */
    private static final class VertexIndex {
        private final PeriodicBox box;
        private final double tolerance;
        private final Map<Long, List<double[]>> buckets = new HashMap<>();
        private final double bucket;

        VertexIndex(PeriodicBox box, double tolerance) {
            this.box = box;
            this.tolerance = tolerance;
            this.bucket = 1.0;
        }

        void add(double x, double y, int id) {
            buckets.computeIfAbsent(key((long) Math.floor(x / bucket), (long) Math.floor(y / bucket)),
                    k -> new ArrayList<>(4)).add(new double[] {x, y, id});
        }

        int find(double x, double y) {
            long bx = (long) Math.floor(x / bucket);
            long by = (long) Math.floor(y / bucket);
            long nbx = (long) Math.ceil(box.widthAngstrom() / bucket);
            long nby = (long) Math.ceil(box.heightAngstrom() / bucket);
            for (long ix = bx - 1; ix <= bx + 1; ix++) {
                for (long iy = by - 1; iy <= by + 1; iy++) {
                    List<double[]> list = buckets.get(key(Math.floorMod(ix, nbx), Math.floorMod(iy, nby)));
                    if (list == null) {
                        continue;
                    }
                    for (double[] p : list) {
                        if (Math.abs(box.dx(p[0] - x)) <= tolerance && Math.abs(box.dy(p[1] - y)) <= tolerance) {
                            return (int) p[2];
                        }
                    }
                }
            }
            return -1;
        }

        private static long key(long ix, long iy) {
            return (ix << 32) ^ (iy & 0xffffffffL);
        }
    }
}
