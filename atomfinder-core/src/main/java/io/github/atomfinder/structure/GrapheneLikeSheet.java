package io.github.atomfinder.structure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Graphene-like carbon sheets for training (method.md §5, after Madsen et al. 2018): Poisson-disc seeds in
 * a periodic cell, Lloyd-relaxed, whose Voronoi vertices become the carbon atoms and whose Voronoi edges
 * become the bonds. Seeds whose cells have fewer than five sides are dropped (no 3- or 4-membered rings), a
 * short bond-and-angle spring relaxation narrows the bond-length spread, and 0–N holes are cut. The sheet
 * is periodic in x and y (holes wrap around the border too).
 *
 * <p>Measured on 20 sheets of 43.2 Å with the defaults (GrapheneLikeSheetTest, docs/benchmarks.md): mean
 * bond 1.427 Å, standard deviation 0.034 Å, every atom 3-coordinated, about 60 % hexagons with 5-, 7- and
 * 8-membered rings. Without the springs the raw Voronoi bonds have a 0.46 Å spread and many pairs closer
 * than 0.1 Å.
 */
public final class GrapheneLikeSheet {

    /** Carbon. */
    public static final int CARBON = 6;

    /**
     * Generation parameters.
     *
     * @param widthAngstrom cell size along x (Å)
     * @param heightAngstrom cell size along y (Å)
     * @param bondAngstrom target C–C bond length (Å); sets the seed density (one seed per hexagon of area
     *        (3√3/2)·b²) and the spring rest length
     * @param lloydSteps Lloyd iterations on the seeds (more: fewer 5-7-8 rings)
     * @param relaxationSteps bond-spring relaxation iterations on the atoms (0 keeps raw Voronoi vertices)
     * @param maxHoles holes are drawn uniformly from 0..maxHoles
     * @param holeRadiusMinAngstrom smallest mean hole radius (Å)
     * @param holeRadiusMaxAngstrom largest mean hole radius (Å)
     * @param thicknessAngstrom cell size along the beam (z); atoms sit at its middle
     */
    public record Parameters(double widthAngstrom, double heightAngstrom, double bondAngstrom, int lloydSteps,
            int relaxationSteps, int maxHoles, double holeRadiusMinAngstrom, double holeRadiusMaxAngstrom,
            double thicknessAngstrom) {

        public Parameters {
            if (!(bondAngstrom > 0.5) || bondAngstrom > 5) {
                throw new IllegalArgumentException("bond length must be in (0.5, 5] Å, got " + bondAngstrom);
            }
            if (!(widthAngstrom >= 8 * bondAngstrom) || !(heightAngstrom >= 8 * bondAngstrom)) {
                throw new IllegalArgumentException("cell " + widthAngstrom + " x " + heightAngstrom
                        + " Å is too small: each side needs at least 8 bond lengths");
            }
            if (lloydSteps < 0 || relaxationSteps < 0 || maxHoles < 0) {
                throw new IllegalArgumentException("Lloyd steps, relaxation steps and holes must not be negative");
            }
            if (!(holeRadiusMinAngstrom > 0) || holeRadiusMaxAngstrom < holeRadiusMinAngstrom) {
                throw new IllegalArgumentException("hole radii must satisfy 0 < min <= max, got "
                        + holeRadiusMinAngstrom + ", " + holeRadiusMaxAngstrom);
            }
            if (!(thicknessAngstrom > 0)) {
                throw new IllegalArgumentException("cell thickness must be positive, got " + thicknessAngstrom);
            }
        }

        /**
         * The defaults: 1.42 Å bonds, 8 Lloyd steps, 60 spring steps, up to 4 holes of 2–6 Å mean radius in a
         * square cell (see docs/benchmarks.md, "Structures", for the measurements behind the step counts).
         */
        public static Parameters square(double sizeAngstrom) {
            return new Parameters(sizeAngstrom, sizeAngstrom, 1.42, 8, 60, 4, 2, 6, 10);
        }

        public Parameters withHoles(int holes) {
            return withHoles(holes, holeRadiusMinAngstrom, holeRadiusMaxAngstrom);
        }

        public Parameters withHoles(int holes, double radiusMinAngstrom, double radiusMaxAngstrom) {
            return new Parameters(widthAngstrom, heightAngstrom, bondAngstrom, lloydSteps, relaxationSteps, holes,
                    radiusMinAngstrom, radiusMaxAngstrom, thicknessAngstrom);
        }

        public Parameters withSteps(int lloyd, int relaxation) {
            return new Parameters(widthAngstrom, heightAngstrom, bondAngstrom, lloyd, relaxation, maxHoles,
                    holeRadiusMinAngstrom, holeRadiusMaxAngstrom, thicknessAngstrom);
        }
    }

    private GrapheneLikeSheet() {
    }

    /** A sheet drawn from {@code random}: the same generator state gives the same sheet. */
    public static Atoms generate(Parameters p, RandomGenerator random) {
        PeriodicBox box = new PeriodicBox(p.widthAngstrom(), p.heightAngstrom());
        double b = p.bondAngstrom();
        double seedSpacing = Math.sqrt(3) * b;
        int seeds = (int) Math.round(p.widthAngstrom() * p.heightAngstrom() / (1.5 * Math.sqrt(3) * b * b));
        double[][] s = poissonDisc(box, seeds, 0.78 * seedSpacing, random);
        double margin = Math.min(3 * seedSpacing, Math.min(p.widthAngstrom(), p.heightAngstrom()));
        PeriodicVoronoi voronoi = PeriodicVoronoi.of(s[0], s[1], box, margin);
        for (int step = 0; step < p.lloydSteps(); step++) {
            voronoi = PeriodicVoronoi.of(wrap(voronoi.centroidX(), box::wrapX), wrap(voronoi.centroidY(), box::wrapY),
                    box, margin);
        }
        // Cells of three or four sides would become 3- and 4-membered rings, which graphene does not have
        // and which the springs cannot open: their seeds are dropped and their neighbours share the area.
        int[] sides = voronoi.cellSides();
        while (Arrays.stream(sides).anyMatch(k -> k < 5)) {
            int[] sidesNow = sides;
            double[] keptX = filter(voronoi.centroidX(), i -> sidesNow[i] >= 5);
            double[] keptY = filter(voronoi.centroidY(), i -> sidesNow[i] >= 5);
            voronoi = PeriodicVoronoi.of(wrap(keptX, box::wrapX), wrap(keptY, box::wrapY), box, margin);
            sides = voronoi.cellSides();
        }
        double[] x = voronoi.vertexX();
        double[] y = voronoi.vertexY();
        int[][] bonds = voronoi.edges();
        relaxBonds(x, y, bonds, box, b, p.relaxationSteps());
        boolean[] keep = new boolean[x.length];
        Arrays.fill(keep, true);
        int holes = p.maxHoles() == 0 ? 0 : random.nextInt(p.maxHoles() + 1);
        for (int h = 0; h < holes; h++) {
            cutHole(x, y, keep, box, p.holeRadiusMinAngstrom(), p.holeRadiusMaxAngstrom(), random);
        }
        pruneDangling(keep, bonds);
        double[] z = new double[x.length];
        Arrays.fill(z, p.thicknessAngstrom() / 2);
        int[] numbers = new int[x.length];
        Arrays.fill(numbers, CARBON);
        Cell cell = Cell.periodicXY(p.widthAngstrom(), p.heightAngstrom(), p.thicknessAngstrom());
        return new Atoms(x, y, z, numbers, cell).select(i -> keep[i]);
    }

    private static double[] wrap(double[] values, java.util.function.DoubleUnaryOperator wrapper) {
        return Arrays.stream(values).map(wrapper).toArray();
    }

    private static double[] filter(double[] values, java.util.function.IntPredicate keep) {
        return java.util.stream.IntStream.range(0, values.length).filter(keep).mapToDouble(i -> values[i]).toArray();
    }

    /**
     * Dart throwing in the periodic box: {@code count} points no closer than {@code minDistance}; the
     * distance shrinks by 2 % after a run of misses so dense requests still finish.
     */
    static double[][] poissonDisc(PeriodicBox box, int count, double minDistance, RandomGenerator random) {
        double w = box.widthAngstrom();
        double h = box.heightAngstrom();
        int gx = Math.max(1, (int) (w / minDistance));
        int gy = Math.max(1, (int) (h / minDistance));
        List<List<Integer>> grid = new ArrayList<>();
        for (int k = 0; k < gx * gy; k++) {
            grid.add(new ArrayList<>(2));
        }
        double[] x = new double[count];
        double[] y = new double[count];
        double d = minDistance;
        int placed = 0;
        int misses = 0;
        while (placed < count) {
            double px = random.nextDouble() * w;
            double py = random.nextDouble() * h;
            int cx = Math.min(gx - 1, (int) (px / w * gx));
            int cy = Math.min(gy - 1, (int) (py / h * gy));
            boolean free = true;
            for (int ox = -1; ox <= 1 && free; ox++) {
                for (int oy = -1; oy <= 1 && free; oy++) {
                    for (int j : grid.get(Math.floorMod(cx + ox, gx) * gy + Math.floorMod(cy + oy, gy))) {
                        double ddx = box.dx(x[j] - px);
                        double ddy = box.dy(y[j] - py);
                        if (ddx * ddx + ddy * ddy < d * d) {
                            free = false;
                            break;
                        }
                    }
                }
            }
            if (free) {
                x[placed] = px;
                y[placed] = py;
                grid.get(cx * gy + cy).add(placed);
                placed++;
                misses = 0;
            } else if (++misses > 200) {
                d *= 0.98;
                misses = 0;
            }
        }
        return new double[][] {x, y};
    }

    /**
     * Gradient steps on Σ (|r_ij| − b)² over the bonds plus 0.2·Σ (|r_ik| − √3·b)² over bond pairs sharing
     * an atom, with minimum-image vectors. Each atom moves by a
     * fixed fraction of its net spring force, which contracts short bonds from near-degenerate Voronoi
     * vertices and stretches long ones without changing the bond topology.
     */
    static void relaxBonds(double[] x, double[] y, int[][] bonds, PeriodicBox box, double b, int steps) {
        int n = x.length;
        List<int[]> angles = secondNeighbours(n, bonds);
        // Soft 120° angle springs (0.2 of the bond stiffness) keep non-bonded neighbours from folding in.
        double angleWeight = 0.2;
        double secondRest = Math.sqrt(3) * b;
        double[] fx = new double[n];
        double[] fy = new double[n];
        for (int step = 0; step < steps; step++) {
            Arrays.fill(fx, 0);
            Arrays.fill(fy, 0);
            for (int[] bond : bonds) {
                addSpring(x, y, fx, fy, box, bond[0], bond[1], b, 1);
            }
            for (int[] pair : angles) {
                addSpring(x, y, fx, fy, box, pair[0], pair[1], secondRest, angleWeight);
            }
            for (int i = 0; i < n; i++) {
                // 0.2 keeps the explicit steps stable for 3 bonds plus 6 weaker second-neighbour springs.
                x[i] = box.wrapX(x[i] + 0.2 * fx[i]);
                y[i] = box.wrapY(y[i] + 0.2 * fy[i]);
            }
        }
    }

    private static void addSpring(double[] x, double[] y, double[] fx, double[] fy, PeriodicBox box, int i, int j,
            double rest, double weight) {
        double dx = box.dx(x[j] - x[i]);
        double dy = box.dy(y[j] - y[i]);
        double r = Math.sqrt(dx * dx + dy * dy);
        double f = weight * (r - rest) / Math.max(r, 1e-9);
        fx[i] += f * dx;
        fy[i] += f * dy;
        fx[j] -= f * dx;
        fy[j] -= f * dy;
    }

    /** Pairs (i, k) bonded to a common atom: their distance sets the bond angle at it. */
    private static List<int[]> secondNeighbours(int n, int[][] bonds) {
        List<List<Integer>> adjacency = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adjacency.add(new ArrayList<>(3));
        }
        for (int[] bond : bonds) {
            adjacency.get(bond[0]).add(bond[1]);
            adjacency.get(bond[1]).add(bond[0]);
        }
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> around : adjacency) {
            for (int a = 0; a < around.size(); a++) {
                for (int c = a + 1; c < around.size(); c++) {
                    pairs.add(new int[] {around.get(a), around.get(c)});
                }
            }
        }
        return pairs;
    }

    /**
     * Removes the atoms inside a random star-shaped polygon: radius r(θ) = R·(1 + 0.3·Σ random harmonics),
     * centred anywhere, with periodic distances so a hole over the border cuts both sides.
     */
    private static void cutHole(double[] x, double[] y, boolean[] keep, PeriodicBox box, double rMin, double rMax,
            RandomGenerator random) {
        double cx = random.nextDouble() * box.widthAngstrom();
        double cy = random.nextDouble() * box.heightAngstrom();
        double radius = rMin + random.nextDouble() * (rMax - rMin);
        int harmonics = 3;
        double[] amp = new double[harmonics];
        double[] phase = new double[harmonics];
        for (int k = 0; k < harmonics; k++) {
            amp[k] = 0.3 * random.nextDouble() / harmonics;
            phase[k] = random.nextDouble() * 2 * Math.PI;
        }
        for (int i = 0; i < x.length; i++) {
            double dx = box.dx(x[i] - cx);
            double dy = box.dy(y[i] - cy);
            double theta = Math.atan2(dy, dx);
            double r = radius;
            for (int k = 0; k < harmonics; k++) {
                r += radius * amp[k] * Math.cos((k + 2) * theta + phase[k]);
            }
            if (dx * dx + dy * dy < r * r) {
                keep[i] = false;
            }
        }
    }

    /** Repeatedly drops atoms left with fewer than two bonds: such atoms would not be bound to the sheet. */
    private static void pruneDangling(boolean[] keep, int[][] bonds) {
        boolean changed = true;
        while (changed) {
            changed = false;
            int[] degree = new int[keep.length];
            for (int[] bond : bonds) {
                if (keep[bond[0]] && keep[bond[1]]) {
                    degree[bond[0]]++;
                    degree[bond[1]]++;
                }
            }
            for (int i = 0; i < keep.length; i++) {
                if (keep[i] && degree[i] < 2) {
                    keep[i] = false;
                    changed = true;
                }
            }
        }
    }
}
