package io.github.atomfinder.analysis;

import io.github.atomfinder.structure.Cell;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detections against ground truth (method.md §9): an optimal one-to-one matching within a tolerance (0.5 Å
 * for atoms, ≈ 1 Å for columns), then precision, recall, F1, position RMSE in Å over matched pairs and the
 * class accuracy of matched pairs.
 *
 * <p>The matching maximises the number of pairs and, among those, minimises the summed distance. Sites only
 * interact through pairs closer than the tolerance, so the bipartite graph is split into connected components
 * and each is solved exactly with the Hungarian method (O(m³) for a component of m sites; components hold
 * one or two sites when the tolerance is below half the atomic spacing). A greedy nearest-first match is not
 * enough: it can take a pair that blocks two others.
 */
public final class Scoring {

    /**
     * The area in which errors count, for ground truth from a simulation cell.
     *
     * @param widthAngstrom cell extent along x
     * @param heightAngstrom cell extent along y
     * @param marginAngstrom sites closer than this to the cell border are not scored (edge atoms are cut by
     *     the border or share their probability with a periodic image); a prediction near the border matched
     *     to an interior truth still counts as a hit
     * @param periodic whether distances use the nearest periodic image (positions are wrapped into the cell)
     */
    public record Region(double widthAngstrom, double heightAngstrom, double marginAngstrom, boolean periodic) {

        public Region {
            if (!(widthAngstrom > 0) || !(heightAngstrom > 0) || !(marginAngstrom >= 0)) {
                throw new IllegalArgumentException("region needs a positive size and a margin ≥ 0, got "
                        + widthAngstrom + " x " + heightAngstrom + " margin " + marginAngstrom);
            }
        }

        /** The xy extent of a simulation cell; periodic when the cell is periodic along both x and y. */
        public static Region of(Cell cell, double marginAngstrom) {
            return new Region(cell.aAngstrom(), cell.bAngstrom(), marginAngstrom, cell.periodicX() && cell.periodicY());
        }

        boolean contains(Site site) {
            double x = periodic ? wrap(site.xAngstrom(), widthAngstrom) : site.xAngstrom();
            double y = periodic ? wrap(site.yAngstrom(), heightAngstrom) : site.yAngstrom();
            return x >= marginAngstrom && x < widthAngstrom - marginAngstrom && y >= marginAngstrom
                    && y < heightAngstrom - marginAngstrom;
        }
    }

    /** A predicted site (index into the predictions) paired with a ground-truth site. */
    public record Match(int predicted, int truth, double distanceAngstrom) {
    }

    /**
     * The counts and rates. With nothing predicted precision is 1, with nothing to find recall is 1; F1 is 0
     * when both rates are 0; RMSE and class accuracy are NaN without matches.
     *
     * @param matches the scored pairs (truth inside the region)
     */
    public record Score(int truePositives, int falsePositives, int falseNegatives, double precision, double recall,
            double f1, double rmseAngstrom, double classAccuracy, List<Match> matches) {

        public Score {
            matches = List.copyOf(matches);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "TP %d, FP %d, FN %d, precision %.4f, recall %.4f, F1 %.4f, RMSE %.4f Å, class accuracy %.4f",
                    truePositives, falsePositives, falseNegatives, precision, recall, f1, rmseAngstrom, classAccuracy);
        }
    }

    private Scoring() {
    }

    /** Scores everything, with plain Euclidean distances. */
    public static Score score(List<Site> predicted, List<Site> truth, double toleranceAngstrom) {
        return count(predicted, truth, match(predicted, truth, toleranceAngstrom, null), null);
    }

    /** Scores only the interior of {@code region}, with periodic distances if the region is periodic. */
    public static Score score(List<Site> predicted, List<Site> truth, double toleranceAngstrom, Region region) {
        return count(predicted, truth, match(predicted, truth, toleranceAngstrom, region), region);
    }

    /**
     * The optimal one-to-one matching within {@code toleranceAngstrom} (inclusive): most pairs, then least
     * summed distance. {@code region} may be null; when periodic, distances use the nearest image.
     */
    public static List<Match> match(List<Site> predicted, List<Site> truth, double toleranceAngstrom, Region region) {
        if (!(toleranceAngstrom > 0) || Double.isInfinite(toleranceAngstrom)) {
            throw new IllegalArgumentException("matching tolerance must be positive, got " + toleranceAngstrom);
        }
        boolean periodic = region != null && region.periodic();
        List<double[]> edges = candidatePairs(predicted, truth, toleranceAngstrom, periodic ? region : null);
        int p = predicted.size();
        int[] parent = new int[p + truth.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (double[] e : edges) {
            parent[find(parent, (int) e[0])] = find(parent, p + (int) e[1]);
        }
        Map<Integer, List<double[]>> components = new HashMap<>();
        for (double[] e : edges) {
            components.computeIfAbsent(find(parent, (int) e[0]), k -> new ArrayList<>()).add(e);
        }
        List<Match> matches = new ArrayList<>();
        for (List<double[]> component : components.values()) {
            matches.addAll(solveComponent(component, toleranceAngstrom));
        }
        matches.sort(java.util.Comparator.comparingInt(Match::predicted));
        return matches;
    }

    private static List<Match> solveComponent(List<double[]> edges, double tolerance) {
        if (edges.size() == 1) {
            double[] e = edges.get(0);
            return List.of(new Match((int) e[0], (int) e[1], e[2]));
        }
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> columns = new HashMap<>();
        List<Integer> rowSites = new ArrayList<>();
        List<Integer> columnSites = new ArrayList<>();
        for (double[] e : edges) {
            rows.computeIfAbsent((int) e[0], k -> { rowSites.add(k); return rowSites.size() - 1; });
            columns.computeIfAbsent((int) e[1], k -> { columnSites.add(k); return columnSites.size() - 1; });
        }
        int n = Math.max(rowSites.size(), columnSites.size());
        // Any assignment with one more real pair costs less than one with fewer: real pairs cost ≤ tolerance.
        double absent = (n + 1) * tolerance + 1;
        double[][] cost = new double[n][n];
        for (double[] row : cost) {
            java.util.Arrays.fill(row, absent);
        }
        for (double[] e : edges) {
            cost[rows.get((int) e[0])][columns.get((int) e[1])] = e[2];
        }
        int[] assigned = Assignment.solve(cost);
        List<Match> matches = new ArrayList<>();
        for (int r = 0; r < rowSites.size(); r++) {
            int c = assigned[r];
            if (c < columnSites.size() && cost[r][c] < absent) {
                matches.add(new Match(rowSites.get(r), columnSites.get(c), cost[r][c]));
            }
        }
        return matches;
    }

    /** Pairs {predicted index, truth index, distance} within the tolerance, found through bins of that width. */
    private static List<double[]> candidatePairs(List<Site> predicted, List<Site> truth, double tolerance, Region periodic) {
        int binsX = periodic == null ? 0 : Math.max(1, (int) Math.floor(periodic.widthAngstrom() / tolerance));
        int binsY = periodic == null ? 0 : Math.max(1, (int) Math.floor(periodic.heightAngstrom() / tolerance));
        double binWidthX = periodic == null ? tolerance : periodic.widthAngstrom() / binsX;
        double binWidthY = periodic == null ? tolerance : periodic.heightAngstrom() / binsY;
        Map<Long, List<Integer>> bins = new HashMap<>();
        for (int j = 0; j < truth.size(); j++) {
            long bx = (long) Math.floor(x(truth.get(j), periodic) / binWidthX);
            long by = (long) Math.floor(y(truth.get(j), periodic) / binWidthY);
            bins.computeIfAbsent(key(bx, by), k -> new ArrayList<>()).add(j);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < predicted.size(); i++) {
            Site site = predicted.get(i);
            long bx = (long) Math.floor(x(site, periodic) / binWidthX);
            long by = (long) Math.floor(y(site, periodic) / binWidthY);
            Set<Long> seen = new HashSet<>();
            for (long dy = -1; dy <= 1; dy++) {
                for (long dx = -1; dx <= 1; dx++) {
                    long cx = periodic == null ? bx + dx : Math.floorMod(bx + dx, binsX);
                    long cy = periodic == null ? by + dy : Math.floorMod(by + dy, binsY);
                    if (!seen.add(key(cx, cy))) {
                        continue;
                    }
                    for (int j : bins.getOrDefault(key(cx, cy), List.of())) {
                        double d = distance(site, truth.get(j), periodic);
                        if (d <= tolerance) {
                            pairs.add(new double[] {i, j, d});
                        }
                    }
                }
            }
        }
        return pairs;
    }

    private static Score count(List<Site> predicted, List<Site> truth, List<Match> matches, Region region) {
        boolean[] predictedMatched = new boolean[predicted.size()];
        boolean[] truthMatched = new boolean[truth.size()];
        List<Match> scored = new ArrayList<>();
        double squared = 0;
        int sameClass = 0;
        for (Match m : matches) {
            predictedMatched[m.predicted()] = true;
            truthMatched[m.truth()] = true;
            if (region == null || region.contains(truth.get(m.truth()))) {
                scored.add(m);
                squared += m.distanceAngstrom() * m.distanceAngstrom();
                sameClass += predicted.get(m.predicted()).classIndex() == truth.get(m.truth()).classIndex() ? 1 : 0;
            }
        }
        int falsePositives = 0;
        for (int i = 0; i < predicted.size(); i++) {
            falsePositives += !predictedMatched[i] && (region == null || region.contains(predicted.get(i))) ? 1 : 0;
        }
        int falseNegatives = 0;
        for (int j = 0; j < truth.size(); j++) {
            falseNegatives += !truthMatched[j] && (region == null || region.contains(truth.get(j))) ? 1 : 0;
        }
        int tp = scored.size();
        double precision = tp + falsePositives == 0 ? 1 : (double) tp / (tp + falsePositives);
        double recall = tp + falseNegatives == 0 ? 1 : (double) tp / (tp + falseNegatives);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double rmse = tp == 0 ? Double.NaN : Math.sqrt(squared / tp);
        double accuracy = tp == 0 ? Double.NaN : (double) sameClass / tp;
        return new Score(tp, falsePositives, falseNegatives, precision, recall, f1, rmse, accuracy, scored);
    }

    private static double x(Site s, Region periodic) {
        return periodic == null ? s.xAngstrom() : wrap(s.xAngstrom(), periodic.widthAngstrom());
    }

    private static double y(Site s, Region periodic) {
        return periodic == null ? s.yAngstrom() : wrap(s.yAngstrom(), periodic.heightAngstrom());
    }

    private static double distance(Site a, Site b, Region periodic) {
        double dx = a.xAngstrom() - b.xAngstrom();
        double dy = a.yAngstrom() - b.yAngstrom();
        if (periodic != null) {
            dx -= periodic.widthAngstrom() * Math.rint(dx / periodic.widthAngstrom());
            dy -= periodic.heightAngstrom() * Math.rint(dy / periodic.heightAngstrom());
        }
        return Math.hypot(dx, dy);
    }

    static double wrap(double value, double period) {
        double w = value - period * Math.floor(value / period);
        return w >= period ? 0 : w;
    }

    private static long key(long i, long j) {
        // Multiplying by an odd constant is a bijection that spreads the bits: Long.hashCode of the plain
        // packing is i ^ j, which collides along diagonals.
        return ((i << 32) | (j & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
