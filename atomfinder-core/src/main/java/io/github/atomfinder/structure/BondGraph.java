package io.github.atomfinder.structure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bonds between points in the plane (atoms as generated, or atoms detected in an image), with optional
 * periodic minimum-image distances. Bonds come from a distance cutoff or are given explicitly. The graph
 * answers coordination numbers, bond lengths and ring statistics ({@link #rings}).
 */
public final class BondGraph {

    /** A bond between points {@code i < j} with its (minimum-image) length in Å. */
    public record Bond(int i, int j, double lengthAngstrom) {
    }

    private final double[] x;
    private final double[] y;
    private final PeriodicBox box;
    private final int[][] neighbours;
    private final List<Bond> bonds;

    private BondGraph(double[] x, double[] y, PeriodicBox box, List<int[]> pairs) {
        this.x = x.clone();
        this.y = y.clone();
        this.box = box;
        int n = x.length;
        int[] count = new int[n];
        List<Bond> list = new ArrayList<>(pairs.size());
        for (int[] p : pairs) {
            int i = Math.min(p[0], p[1]);
            int j = Math.max(p[0], p[1]);
            if (i == j || i < 0 || j >= n) {
                throw new IllegalArgumentException("invalid bond " + p[0] + "-" + p[1] + " for " + n + " points");
            }
            count[i]++;
            count[j]++;
            list.add(new Bond(i, j, distance(i, j)));
        }
        neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            neighbours[i] = new int[count[i]];
        }
        int[] fill = new int[n];
        for (Bond b : list) {
            neighbours[b.i()][fill[b.i()]++] = b.j();
            neighbours[b.j()][fill[b.j()]++] = b.i();
        }
        this.bonds = List.copyOf(list);
    }

    /**
     * Bonds every pair closer than {@code cutoffAngstrom}; {@code box} (or null) makes distances periodic.
     * A cell-list search keeps this linear in the number of points.
     */
    public static BondGraph byCutoff(double[] x, double[] y, PeriodicBox box, double cutoffAngstrom) {
        if (!(cutoffAngstrom > 0)) {
            throw new IllegalArgumentException("bond cutoff must be positive, got " + cutoffAngstrom);
        }
        int n = x.length;
        double minX = 0;
        double minY = 0;
        double spanX;
        double spanY;
        if (box != null) {
            spanX = box.widthAngstrom();
            spanY = box.heightAngstrom();
        } else {
            minX = n == 0 ? 0 : Arrays.stream(x).min().orElseThrow();
            minY = n == 0 ? 0 : Arrays.stream(y).min().orElseThrow();
            spanX = (n == 0 ? 0 : Arrays.stream(x).max().orElseThrow() - minX) + cutoffAngstrom;
            spanY = (n == 0 ? 0 : Arrays.stream(y).max().orElseThrow() - minY) + cutoffAngstrom;
        }
        int nbx = Math.max(1, (int) Math.floor(spanX / cutoffAngstrom));
        int nby = Math.max(1, (int) Math.floor(spanY / cutoffAngstrom));
        Map<Integer, List<Integer>> cells = new HashMap<>();
        int[] cellX = new int[n];
        int[] cellY = new int[n];
        for (int i = 0; i < n; i++) {
            double px = box != null ? box.wrapX(x[i]) : x[i] - minX;
            double py = box != null ? box.wrapY(y[i]) : y[i] - minY;
            cellX[i] = Math.min(nbx - 1, (int) (px / spanX * nbx));
            cellY[i] = Math.min(nby - 1, (int) (py / spanY * nby));
            cells.computeIfAbsent(cellX[i] * nby + cellY[i], k -> new ArrayList<>()).add(i);
        }
        BondGraph probe = new BondGraph(x, y, box, List.of());
        double cutoff2 = cutoffAngstrom * cutoffAngstrom;
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            java.util.Set<Integer> visited = new java.util.HashSet<>();
            for (int ox = -1; ox <= 1; ox++) {
                for (int oy = -1; oy <= 1; oy++) {
                    int cx = cellX[i] + ox;
                    int cy = cellY[i] + oy;
                    if (box != null) {
                        cx = Math.floorMod(cx, nbx);
                        cy = Math.floorMod(cy, nby);
                    } else if (cx < 0 || cy < 0 || cx >= nbx || cy >= nby) {
                        continue;
                    }
                    int key = cx * nby + cy;
                    if (!visited.add(key)) {
                        continue;
                    }
                    for (int j : cells.getOrDefault(key, List.of())) {
                        if (j > i && probe.distanceSquared(i, j) < cutoff2) {
                            pairs.add(new int[] {i, j});
                        }
                    }
                }
            }
        }
        return new BondGraph(x, y, box, pairs);
    }

    /** A graph with the given bonds (pairs of point indices). */
    public static BondGraph withBonds(double[] x, double[] y, PeriodicBox box, int[][] bonds) {
        return new BondGraph(x, y, box, Arrays.asList(bonds));
    }

    /** The graph of an {@code Atoms} projected on xy, periodic if its cell is periodic in x and y. */
    public static BondGraph byCutoff(Atoms atoms, double cutoffAngstrom) {
        Cell cell = atoms.cell();
        PeriodicBox box = cell.periodicX() && cell.periodicY() ? PeriodicBox.of(cell) : null;
        return byCutoff(atoms.xs(), atoms.ys(), box, cutoffAngstrom);
    }

    public int size() {
        return x.length;
    }

    public Optional<PeriodicBox> box() {
        return Optional.ofNullable(box);
    }

    public double x(int i) {
        return x[i];
    }

    public double y(int i) {
        return y[i];
    }

    public int[] neighbours(int i) {
        return neighbours[i].clone();
    }

    public int coordination(int i) {
        return neighbours[i].length;
    }

    public List<Bond> bonds() {
        return bonds;
    }

    public double[] bondLengths() {
        return bonds.stream().mapToDouble(Bond::lengthAngstrom).toArray();
    }

    /** Minimum-image vector from i to j, x component (Å). */
    public double dx(int i, int j) {
        double d = x[j] - x[i];
        return box == null ? d : box.dx(d);
    }

    public double dy(int i, int j) {
        double d = y[j] - y[i];
        return box == null ? d : box.dy(d);
    }

    public double distance(int i, int j) {
        return Math.sqrt(distanceSquared(i, j));
    }

    private double distanceSquared(int i, int j) {
        double ddx = dx(i, j);
        double ddy = dy(i, j);
        return ddx * ddx + ddy * ddy;
    }

    /**
     * The rings of the graph taken as a plane drawing: the faces found by walking each bond with the next
     * bond clockwise at every atom. Faces longer than {@code maxRingSize} (the outside of a flake, the rim
     * of a hole) are not rings and are left out.
     */
    public RingStatistics rings(int maxRingSize) {
        int n = size();
        int[][] ordered = new int[n][];
        for (int i = 0; i < n; i++) {
            int fi = i;
            ordered[i] = Arrays.stream(neighbours[i]).boxed()
                    .sorted((a, b) -> Double.compare(Math.atan2(dy(fi, a), dx(fi, a)), Math.atan2(dy(fi, b), dx(fi, b))))
                    .mapToInt(Integer::intValue).toArray();
        }
        Map<Long, Boolean> used = new HashMap<>();
        List<int[]> faces = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            for (int first : ordered[start]) {
                if (used.containsKey(directed(start, first))) {
                    continue;
                }
                List<Integer> face = new ArrayList<>();
                int u = start;
                int v = first;
                while (used.putIfAbsent(directed(u, v), Boolean.TRUE) == null) {
                    face.add(u);
                    int[] around = ordered[v];
                    int k = indexOf(around, u);
                    // The previous neighbour counter-clockwise = next clockwise: keeps the face on our left.
                    int w = around[(k - 1 + around.length) % around.length];
                    u = v;
                    v = w;
                }
                if (face.size() >= 3 && face.size() <= maxRingSize) {
                    faces.add(face.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
        return new RingStatistics(faces);
    }

    private static long directed(int a, int b) {
        return ((long) a << 32) | b;
    }

    private static int indexOf(int[] values, int v) {
        for (int k = 0; k < values.length; k++) {
            if (values[k] == v) {
                return k;
            }
        }
        throw new IllegalStateException("bond lists are not symmetric");
    }
}
