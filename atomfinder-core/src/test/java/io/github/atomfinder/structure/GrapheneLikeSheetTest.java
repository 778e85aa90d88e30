package io.github.atomfinder.structure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GrapheneLikeSheetTest {

    /** Target C–C bond (Å), graphene, method.md §5. */
    private static final double BOND = 1.42;
    /** Bonds are the pairs closer than this: between the 1.42 Å bond and the 2.46 Å second neighbour. */
    private static final double CUTOFF = 1.8;
    /** The paper's training cell, 43.2 x 43.2 Å (method.md §5). */
    private static final GrapheneLikeSheet.Parameters NO_HOLES = GrapheneLikeSheet.Parameters.square(43.2).withHoles(0);
    /** Sheets from seeds 0..19, generated once for the statistics tests. */
    private static final List<Atoms> SHEETS = IntStream.range(0, 20)
            .mapToObj(seed -> GrapheneLikeSheet.generate(NO_HOLES, new SplittableRandom(seed))).toList();

    @Test
    void bondLengthsOfGrapheneLikeSheetsAreNarrowAndEveryAtomIsThreeCoordinated() {
        double sum = 0;
        double sum2 = 0;
        int count = 0;
        for (int seed = 0; seed < SHEETS.size(); seed++) {
            Atoms sheet = SHEETS.get(seed);
            BondGraph graph = BondGraph.byCutoff(sheet, CUTOFF);
            for (double length : graph.bondLengths()) {
                sum += length;
                sum2 += length * length;
                count++;
            }
            // Without holes every atom is interior; periodic distances make the border atoms interior too.
            for (int i = 0; i < graph.size(); i++) {
                assertEquals(3, graph.coordination(i), "seed " + seed + " atom " + i);
            }
            assertTrue(graph.bonds().stream().anyMatch(b -> Math.abs(sheet.x(b.i()) - sheet.x(b.j())) > 20),
                    "no bond crosses the periodic x border");
            assertTrue(BondGraph.byCutoff(sheet, 1.1).bonds().isEmpty(), "seed " + seed + " has a pair closer than 1.1 Å");
        }
        double mean = sum / count;
        double std = Math.sqrt(sum2 / count - mean * mean);
        assertEquals(BOND, mean, 0.05, "mean bond length");
        assertTrue(std < 0.1, "bond length standard deviation " + std);
    }

    @Test
    void ringsAreMostlyHexagonsWithFiveSevenAndEightMemberedRings() {
        Map<Integer, Integer> counts = new HashMap<>();
        int total = 0;
        for (int seed = 0; seed < SHEETS.size(); seed++) {
            Atoms sheet = SHEETS.get(seed);
            RingStatistics rings = BondGraph.byCutoff(sheet, CUTOFF).rings(12);
            rings.countsBySize().forEach((size, n) -> counts.merge(size, n, Integer::sum));
            total += rings.total();
            // A periodic 3-coordinated sheet has one ring per two atoms (Euler: V - E + F = 0 on a torus).
            assertEquals(sheet.size() / 2, rings.total(), "rings of seed " + seed);
        }
        assertTrue(counts.getOrDefault(6, 0) > 0.5 * total, "hexagon share " + counts);
        assertTrue(counts.getOrDefault(5, 0) > 0, "pentagons " + counts);
        assertTrue(counts.getOrDefault(7, 0) > 0, "heptagons " + counts);
        assertTrue(counts.getOrDefault(8, 0) > 0, "octagons " + counts);
    }

    @Test
    void holesRemoveAtomsAndLeaveTheRestInPlace() {
        GrapheneLikeSheet.Parameters holed = GrapheneLikeSheet.Parameters.square(43.2).withHoles(4);
        int removedTotal = 0;
        for (int seed = 0; seed < 6; seed++) {
            Atoms full = SHEETS.get(seed);
            Atoms cut = GrapheneLikeSheet.generate(holed, new SplittableRandom(seed));
            assertTrue(cut.size() <= full.size());
            removedTotal += full.size() - cut.size();
            // Same seeds, same sheet before the cut: every kept atom is an atom of the full sheet.
            BondGraph together = BondGraph.byCutoff(concat(full, cut), 1e-6);
            assertEquals(cut.size(), together.bonds().size(), "seed " + seed + ": kept atoms moved");
            BondGraph graph = BondGraph.byCutoff(cut, CUTOFF);
            for (int i = 0; i < graph.size(); i++) {
                assertTrue(graph.coordination(i) >= 2 && graph.coordination(i) <= 3, "atom " + i);
            }
        }
        assertTrue(removedTotal > 0, "no hole was cut in 6 sheets");
    }

    @Test
    void sameSeedGivesIdenticalSheetAndDifferentSeedsDiffer() {
        GrapheneLikeSheet.Parameters p = GrapheneLikeSheet.Parameters.square(30);
        assertEquals(GrapheneLikeSheet.generate(p, new SplittableRandom(7)), GrapheneLikeSheet.generate(p, new SplittableRandom(7)));
        assertTrue(!GrapheneLikeSheet.generate(p, new SplittableRandom(7)).equals(GrapheneLikeSheet.generate(p, new SplittableRandom(8))));
    }

    @Test
    void voronoiOfPeriodicSeedsHasTwoVerticesPerSeedAndThreeEdgesPerVertex() {
        PeriodicBox box = new PeriodicBox(30, 25);
        double[][] seeds = GrapheneLikeSheet.poissonDisc(box, 100, 1.5, new SplittableRandom(3));
        PeriodicVoronoi voronoi = PeriodicVoronoi.of(seeds[0], seeds[1], box, 10);
        // Euler on a torus for a 3-regular graph: V = 2F, E = 3F, with F = number of seeds.
        assertEquals(200, voronoi.vertexCount());
        assertEquals(300, voronoi.edges().length);
        double[] gx = voronoi.centroidX();
        for (int i = 0; i < gx.length; i++) {
            // A Voronoi cell of Poisson-disc seeds 1.5 Å apart is small: its centroid is near its seed.
            double d = Math.hypot(box.dx(gx[i] - seeds[0][i]), box.dy(voronoi.centroidY()[i] - seeds[1][i]));
            assertTrue(d < 3, "centroid " + i + " is " + d + " Å from its seed");
        }
    }

    @Test
    void tooSmallAVoronoiMarginIsWidenedToTheSameTessellation() {
        PeriodicBox box = new PeriodicBox(20, 20);
        double[][] seeds = GrapheneLikeSheet.poissonDisc(box, 60, 1.5, new SplittableRandom(5));
        PeriodicVoronoi wide = PeriodicVoronoi.of(seeds[0], seeds[1], box, 10);
        PeriodicVoronoi narrow = PeriodicVoronoi.of(seeds[0], seeds[1], box, 0.5);
        assertEquals(120, narrow.vertexCount());
        assertEquals(edgeSet(wide), edgeSet(narrow));
        assertArrayEquals(wide.centroidX(), narrow.centroidX(), 1e-9);
    }

    /** Edges as unordered pairs of vertex positions rounded to 1e-6 Å (vertex numbering may differ). */
    private static java.util.Set<String> edgeSet(PeriodicVoronoi v) {
        double[] x = v.vertexX();
        double[] y = v.vertexY();
        java.util.Set<String> set = new java.util.HashSet<>();
        for (int[] e : v.edges()) {
            String a = String.format("%.6f,%.6f", x[e[0]], y[e[0]]);
            String b = String.format("%.6f,%.6f", x[e[1]], y[e[1]]);
            set.add(a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
        }
        return set;
    }

    private static Atoms concat(Atoms a, Atoms b) {
        int n = a.size() + b.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            Atoms src = i < a.size() ? a : b;
            int k = i < a.size() ? i : i - a.size();
            x[i] = src.x(k);
            y[i] = src.y(k);
            z[i] = src.z(k);
            numbers[i] = src.atomicNumber(k);
        }
        return new Atoms(x, y, z, numbers, a.cell());
    }
}
