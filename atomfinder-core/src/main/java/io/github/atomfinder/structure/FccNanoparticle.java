package io.github.atomfinder.structure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Faceted, roughened fcc nanoparticles for training (method.md §5, after Madsen et al. 2018): cut by
 * {100}/{110}/{111} planes at random distances, roughened by adding atoms on empty neighbour sites with
 * probability ∝ exp(n_i/T) (n_i = occupied neighbours), oriented into a <110> or <111> zone axis, rotated
 * randomly about it and tilted a few degrees, placed in a cell with a vacuum margin. Columns are grouped
 * along the zone axis before the tilt.
 *
 * <p>Sites are integer coordinates in units of a/2 with an even sum (the fcc lattice); their 12 nearest
 * neighbours are the permutations of (±1, ±1, 0), at distance a/√2.
 */
public final class FccNanoparticle {

    /** Gold. */
    public static final int GOLD = 79;
    /** Gold's lattice constant at room temperature (Å), method.md §5. */
    public static final double GOLD_LATTICE_CONSTANT = 4.08;

    /** Zone axes along the beam. */
    public enum ZoneAxis {
        Z110(new int[] {1, 1, 0}), Z111(new int[] {1, 1, 1});

        private final int[] direction;

        ZoneAxis(int[] direction) {
            this.direction = direction;
        }

        public int[] direction() {
            return direction.clone();
        }
    }

    /**
     * Generation parameters.
     *
     * @param atomicNumber element of every atom (79 = gold)
     * @param latticeConstantAngstrom fcc lattice constant a (Å)
     * @param radiusMinAngstrom smallest mean facet distance R (Å); the paper used 5–14 Å
     * @param radiusMaxAngstrom largest mean facet distance (Å)
     * @param facetJitter each facet sits at R·(1 ± facetJitter·u), u uniform in [0, 1]
     * @param addedFractionMax roughening adds a uniform fraction in [0, this] of the cut particle's atoms
     * @param temperatureMin smallest roughening temperature T (in units of one neighbour bond)
     * @param temperatureMax largest roughening temperature T
     * @param zoneAxis the zone axis, or null for <110> or <111> at random
     * @param maxTiltRad tilt off the zone axis is uniform in [0, this] (rad)
     * @param vacuumAngstrom smallest gap between the particle and the cell border (Å)
     * @param cellAngstrom side of the square cell (Å), or 0 for the particle's extent plus the vacuum
     * @param columnToleranceAngstrom atoms closer than this in projection (before the tilt) share a column
     */
    public record Parameters(int atomicNumber, double latticeConstantAngstrom, double radiusMinAngstrom,
            double radiusMaxAngstrom, double facetJitter, double addedFractionMax, double temperatureMin,
            double temperatureMax, ZoneAxis zoneAxis, double maxTiltRad, double vacuumAngstrom, double cellAngstrom,
            double columnToleranceAngstrom) {

        public Parameters {
            if (!Elements.isKnown(atomicNumber)) {
                throw new IllegalArgumentException("unknown atomic number " + atomicNumber);
            }
            if (!(latticeConstantAngstrom > 0)) {
                throw new IllegalArgumentException("lattice constant must be positive, got " + latticeConstantAngstrom);
            }
            if (!(radiusMinAngstrom > 0) || radiusMaxAngstrom < radiusMinAngstrom || radiusMaxAngstrom > 200) {
                throw new IllegalArgumentException("radius range must satisfy 0 < min <= max <= 200 Å, got "
                        + radiusMinAngstrom + ", " + radiusMaxAngstrom);
            }
            if (facetJitter < 0 || facetJitter >= 1 || addedFractionMax < 0) {
                throw new IllegalArgumentException("facet jitter must be in [0, 1) and added fraction >= 0");
            }
            if (!(temperatureMin > 0) || temperatureMax < temperatureMin) {
                throw new IllegalArgumentException("temperatures must satisfy 0 < min <= max, got "
                        + temperatureMin + ", " + temperatureMax);
            }
            if (maxTiltRad < 0 || vacuumAngstrom < 0 || cellAngstrom < 0 || !(columnToleranceAngstrom > 0)) {
                throw new IllegalArgumentException("tilt, vacuum and cell must be >= 0 and column tolerance > 0");
            }
        }

        /**
         * Gold, a = 4.08 Å, R in 5–14 Å, facets ±20 %, up to 20 % added atoms at T in 0.5–4, random zone axis,
         * tilt up to 5°, 5 Å vacuum, automatic cell, 1 Å column tolerance.
         */
        public static Parameters gold() {
            return new Parameters(GOLD, GOLD_LATTICE_CONSTANT, 5, 14, 0.2, 0.2, 0.5, 4, null, Math.toRadians(5), 5, 0,
                    1.0);
        }

        public Parameters withRadius(double min, double max) {
            return new Parameters(atomicNumber, latticeConstantAngstrom, min, max, facetJitter, addedFractionMax,
                    temperatureMin, temperatureMax, zoneAxis, maxTiltRad, vacuumAngstrom, cellAngstrom,
                    columnToleranceAngstrom);
        }

        public Parameters withRoughening(double addedFraction, double tMin, double tMax) {
            return new Parameters(atomicNumber, latticeConstantAngstrom, radiusMinAngstrom, radiusMaxAngstrom,
                    facetJitter, addedFraction, tMin, tMax, zoneAxis, maxTiltRad, vacuumAngstrom, cellAngstrom,
                    columnToleranceAngstrom);
        }

        public Parameters withOrientation(ZoneAxis zone, double maxTilt) {
            return new Parameters(atomicNumber, latticeConstantAngstrom, radiusMinAngstrom, radiusMaxAngstrom,
                    facetJitter, addedFractionMax, temperatureMin, temperatureMax, zone, maxTilt, vacuumAngstrom,
                    cellAngstrom, columnToleranceAngstrom);
        }

        public Parameters withCell(double vacuum, double cell) {
            return new Parameters(atomicNumber, latticeConstantAngstrom, radiusMinAngstrom, radiusMaxAngstrom,
                    facetJitter, addedFractionMax, temperatureMin, temperatureMax, zoneAxis, maxTiltRad, vacuum, cell,
                    columnToleranceAngstrom);
        }

        public Parameters withElement(int z, double latticeConstant) {
            return new Parameters(z, latticeConstant, radiusMinAngstrom, radiusMaxAngstrom, facetJitter,
                    addedFractionMax, temperatureMin, temperatureMax, zoneAxis, maxTiltRad, vacuumAngstrom,
                    cellAngstrom, columnToleranceAngstrom);
        }
    }

    private static final int[][] NEIGHBOURS = nearestNeighbourOffsets();

    private FccNanoparticle() {
    }

    /** A particle drawn from {@code random}: the same generator state gives the same particle. */
    public static Nanoparticle generate(Parameters p, RandomGenerator random) {
        double a = p.latticeConstantAngstrom();
        double radius = uniform(random, p.radiusMinAngstrom(), p.radiusMaxAngstrom());
        Set<Long> occupied = cut(a, radius, p.facetJitter(), random);
        int added = (int) Math.round(uniform(random, 0, p.addedFractionMax()) * occupied.size());
        roughen(occupied, added, uniform(random, p.temperatureMin(), p.temperatureMax()), random);
        int[][] sites = occupied.stream().map(FccNanoparticle::unpack).toArray(int[][]::new);

        ZoneAxis zone = p.zoneAxis() != null ? p.zoneAxis() : (random.nextBoolean() ? ZoneAxis.Z110 : ZoneAxis.Z111);
        double[][] align = zoneAxisFrame(zone.direction());
        double[][] spin = rotationZ(random.nextDouble() * 2 * Math.PI);
        double[][] mirror = {{random.nextBoolean() ? -1 : 1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        double[][] onAxis = multiply(mirror, multiply(spin, align));
        double tilt = random.nextDouble() * p.maxTiltRad();
        double tiltAxis = random.nextDouble() * 2 * Math.PI;
        double[][] rotation = multiply(rotationAbout(Math.cos(tiltAxis), Math.sin(tiltAxis), tilt), onAxis);

        int n = sites.length;
        double[][] untilted = new double[n][];
        double[][] placed = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] r = {sites[i][0] * a / 2, sites[i][1] * a / 2, sites[i][2] * a / 2};
            untilted[i] = apply(onAxis, r);
            placed[i] = apply(rotation, r);
        }
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] r : placed) {
            for (int d = 0; d < 3; d++) {
                min[d] = Math.min(min[d], r[d]);
                max[d] = Math.max(max[d], r[d]);
            }
        }
        double vacuum = p.vacuumAngstrom();
        double needed = Math.max(max[0] - min[0], max[1] - min[1]) + 2 * vacuum;
        double side = p.cellAngstrom() > 0 ? p.cellAngstrom() : needed;
        if (side < needed - 1e-9) {
            throw new IllegalArgumentException(String.format("cell %.2f Å is too small for a %.2f Å particle with"
                    + " %.2f Å vacuum", side, needed - 2 * vacuum, vacuum));
        }
        double depth = max[2] - min[2] + 2 * Math.max(vacuum, 1);
        double[] translation = new double[3];
        for (int d = 0; d < 2; d++) {
            double slack = side - (max[d] - min[d]) - 2 * vacuum;
            translation[d] = vacuum - min[d] + random.nextDouble() * slack;
        }
        translation[2] = (depth - (max[2] - min[2])) / 2 - min[2];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = placed[i][0] + translation[0];
            y[i] = placed[i][1] + translation[1];
            z[i] = placed[i][2] + translation[2];
            numbers[i] = p.atomicNumber();
        }
        Atoms atoms = new Atoms(x, y, z, numbers, Cell.periodicXY(side, side, depth));
        List<Column> columns = columns(untilted, x, y, p.columnToleranceAngstrom());
        return new Nanoparticle(atoms, columns, sites, rotation, translation, a, zone.direction(), tilt);
    }

    /**
     * The sites of a particle centred on a lattice site, inside planes of the 26 {100}, {110} and {111}
     * directions, each at distance R·(1 + jitter·u), u uniform in [−1, 1].
     */
    static Set<Long> cut(double a, double radius, double jitter, RandomGenerator random) {
        List<double[]> planes = new ArrayList<>();
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                for (int k = -1; k <= 1; k++) {
                    if (i == 0 && j == 0 && k == 0) {
                        continue;
                    }
                    double norm = Math.sqrt(i * i + j * j + k * k);
                    double distance = radius * (1 + jitter * (2 * random.nextDouble() - 1));
                    planes.add(new double[] {i / norm, j / norm, k / norm, distance});
                }
            }
        }
        int reach = (int) Math.ceil(2 * radius * (1 + jitter) / a) + 1;
        Set<Long> sites = new LinkedHashSet<>();
        for (int i = -reach; i <= reach; i++) {
            for (int j = -reach; j <= reach; j++) {
                for (int k = -reach; k <= reach; k++) {
                    if (((i + j + k) & 1) != 0) {
                        continue;
                    }
                    boolean inside = true;
                    for (double[] plane : planes) {
                        if ((plane[0] * i + plane[1] * j + plane[2] * k) * a / 2 > plane[3]) {
                            inside = false;
                            break;
                        }
                    }
                    if (inside) {
                        sites.add(pack(i, j, k));
                    }
                }
            }
        }
        return sites;
    }

    /**
     * Adds {@code count} atoms one at a time on empty sites next to the particle, site i chosen with
     * probability exp(n_i/T) / Σ_j exp(n_j/T) over empty sites with n_j ≥ 1 occupied neighbours. Low T fills
     * hollows (smooth facets); high T adds adatoms anywhere (rough surface).
     */
    static void roughen(Set<Long> occupied, int count, double temperature, RandomGenerator random) {
        Map<Long, Integer> candidates = new LinkedHashMap<>();
        for (long s : occupied) {
            for (long nb : neighbourKeys(s)) {
                if (!occupied.contains(nb)) {
                    candidates.merge(nb, 1, Integer::sum);
                }
            }
        }
        double[] weightOfCount = new double[13];
        for (int c = 0; c <= 12; c++) {
            weightOfCount[c] = Math.exp((c - 12) / temperature);
        }
        for (int added = 0; added < count && !candidates.isEmpty(); added++) {
            double total = 0;
            for (int c : candidates.values()) {
                total += weightOfCount[c];
            }
            double pick = random.nextDouble() * total;
            long chosen = 0;
            for (Map.Entry<Long, Integer> e : candidates.entrySet()) {
                chosen = e.getKey();
                pick -= weightOfCount[e.getValue()];
                if (pick < 0) {
                    break;
                }
            }
            candidates.remove(chosen);
            occupied.add(chosen);
            for (long nb : neighbourKeys(chosen)) {
                if (!occupied.contains(nb)) {
                    candidates.merge(nb, 1, Integer::sum);
                }
            }
        }
    }

    /** The number of occupied nearest-neighbour sites of each site (12 in the bulk). */
    public static int[] coordinationNumbers(int[][] sites) {
        Set<Long> all = new java.util.HashSet<>();
        for (int[] s : sites) {
            all.add(pack(s[0], s[1], s[2]));
        }
        int[] counts = new int[sites.length];
        for (int i = 0; i < sites.length; i++) {
            for (long nb : neighbourKeys(pack(sites[i][0], sites[i][1], sites[i][2]))) {
                if (all.contains(nb)) {
                    counts[i]++;
                }
            }
        }
        return counts;
    }

    /**
     * Groups atoms into columns by their untilted projected positions (union of pairs closer than the
     * tolerance); each column's position is the mean of its atoms' final projected positions.
     */
    private static List<Column> columns(double[][] untilted, double[] x, double[] y, double tolerance) {
        int n = untilted.length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < n; i++) {
            grid.computeIfAbsent(cellKey(untilted[i], tolerance, 0, 0), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < n; i++) {
            for (int ox = -1; ox <= 1; ox++) {
                for (int oy = -1; oy <= 1; oy++) {
                    for (int j : grid.getOrDefault(cellKey(untilted[i], tolerance, ox, oy), List.of())) {
                        double dx = untilted[i][0] - untilted[j][0];
                        double dy = untilted[i][1] - untilted[j][1];
                        if (j > i && dx * dx + dy * dy < tolerance * tolerance) {
                            parent[find(parent, i)] = find(parent, j);
                        }
                    }
                }
            }
        }
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double[] s = sums.computeIfAbsent(find(parent, i), k -> new double[3]);
            s[0] += x[i];
            s[1] += y[i];
            s[2]++;
        }
        return sums.values().stream().map(s -> new Column(s[0] / s[2], s[1] / s[2], (int) s[2])).toList();
    }

    private static long cellKey(double[] r, double size, int ox, int oy) {
        long ix = (long) Math.floor(r[0] / size) + ox;
        long iy = (long) Math.floor(r[1] / size) + oy;
        return (ix << 32) ^ (iy & 0xffffffffL);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Rows: unit vectors of the cell axes in lattice coordinates, z along the zone axis. */
    static double[][] zoneAxisFrame(int[] zone) {
        double[] e3 = normalise(new double[] {zone[0], zone[1], zone[2]});
        double[] e1 = normalise(new double[] {1, -1, 0});
        double[] e2 = cross(e3, e1);
        return new double[][] {e1, e2, e3};
    }

    private static double[][] rotationZ(double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[][] {{c, -s, 0}, {s, c, 0}, {0, 0, 1}};
    }

    /** Rodrigues rotation by {@code angle} about the in-plane unit axis (ux, uy, 0). */
    private static double[][] rotationAbout(double ux, double uy, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new double[][] {
            {t * ux * ux + c, t * ux * uy, s * uy},
            {t * ux * uy, t * uy * uy + c, -s * ux},
            {-s * uy, s * ux, c},
        };
    }

    static double[][] multiply(double[][] m, double[][] n) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += m[i][k] * n[k][j];
                }
            }
        }
        return r;
    }

    static double[] apply(double[][] m, double[] v) {
        return new double[] {
            m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
        };
    }

    private static double[] normalise(double[] v) {
        double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }

    private static double[] cross(double[] u, double[] v) {
        return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    }

    private static double uniform(RandomGenerator random, double min, double max) {
        return min == max ? min : min + random.nextDouble() * (max - min);
    }

    private static int[][] nearestNeighbourOffsets() {
        List<int[]> offsets = new ArrayList<>();
        for (int i = -1; i <= 1; i++) {
            for (int j = -1; j <= 1; j++) {
                for (int k = -1; k <= 1; k++) {
                    if (Math.abs(i) + Math.abs(j) + Math.abs(k) == 2) {
                        offsets.add(new int[] {i, j, k});
                    }
                }
            }
        }
        return offsets.toArray(int[][]::new);
    }

    private static long[] neighbourKeys(long site) {
        int[] s = unpack(site);
        long[] keys = new long[NEIGHBOURS.length];
        for (int k = 0; k < NEIGHBOURS.length; k++) {
            keys[k] = pack(s[0] + NEIGHBOURS[k][0], s[1] + NEIGHBOURS[k][1], s[2] + NEIGHBOURS[k][2]);
        }
        return keys;
    }

    private static long pack(int i, int j, int k) {
        return ((long) (i + (1 << 20)) << 42) | ((long) (j + (1 << 20)) << 21) | (k + (1 << 20));
    }

    private static int[] unpack(long key) {
        int mask = (1 << 21) - 1;
        return new int[] {
            (int) ((key >>> 42) & mask) - (1 << 20), (int) ((key >>> 21) & mask) - (1 << 20),
            (int) (key & mask) - (1 << 20),
        };
    }

}
