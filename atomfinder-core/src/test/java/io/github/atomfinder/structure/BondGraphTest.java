package io.github.atomfinder.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BondGraphTest {

    @Test
    void idealPeriodicGrapheneHasOnlyHexagonsAndExactBonds() {
        Atoms sheet = IdealGraphene.periodic(6, 10, 1.42, 10);
        assertEquals(6 * 10 * 4, sheet.size());
        assertTrue(sheet.cell().periodicX() && sheet.cell().periodicY());
        BondGraph graph = BondGraph.byCutoff(sheet, 1.8);
        assertEquals(sheet.size() * 3 / 2, graph.bonds().size());
        for (double length : graph.bondLengths()) {
            assertEquals(1.42, length, 1e-9);
        }
        RingStatistics rings = graph.rings(12);
        assertEquals(Map.of(6, sheet.size() / 2), rings.countsBySize());
        assertEquals(1.0, rings.fraction(6));
    }

    @Test
    void ladderOfSquaresHasTwoFourRingsAndNoOuterFace() {
        double[] x = {0, 1, 2, 0, 1, 2};
        double[] y = {0, 0, 0, 1, 1, 1};
        BondGraph graph = BondGraph.byCutoff(x, y, null, 1.1);
        assertEquals(7, graph.bonds().size());
        assertEquals(3, graph.coordination(1));
        assertEquals(Map.of(4, 2), graph.rings(5).countsBySize());
        // The outside of the ladder is a 6-cycle: kept only when the size limit allows it.
        assertEquals(Map.of(4, 2, 6, 1), graph.rings(6).countsBySize());
    }

    @Test
    void periodicDistancesUseTheMinimumImage() {
        PeriodicBox box = new PeriodicBox(10, 10);
        BondGraph graph = BondGraph.byCutoff(new double[] {0.2, 9.9}, new double[] {5, 5}, box, 0.5);
        assertEquals(1, graph.bonds().size());
        assertEquals(0.3, graph.bonds().get(0).lengthAngstrom(), 1e-12);
        assertFalse(BondGraph.byCutoff(new double[] {0.2, 9.9}, new double[] {5, 5}, null, 0.5).bonds().size() > 0);
    }

    @Test
    void rotatedIdealSheetKeepsBondLengthsAndIsNotPeriodic() {
        Atoms sheet = IdealGraphene.sheet(30, 20, 1.42, Math.toRadians(17), 10);
        assertFalse(sheet.cell().periodicX());
        BondGraph graph = BondGraph.byCutoff(sheet, 1.8);
        for (double length : graph.bondLengths()) {
            assertEquals(1.42, length, 1e-9);
        }
        // Honeycomb density: 2 atoms per (3√3/2)·b² hexagon; clipping loses little of a 600 Å² sheet.
        double expected = 30 * 20 / (1.5 * Math.sqrt(3) * 1.42 * 1.42) * 2;
        assertEquals(expected, sheet.size(), 0.05 * expected);
    }

    @Test
    void delaunayTrianglesHaveEmptyCircumcircles() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble() * 20;
            y[i] = random.nextDouble() * 10;
        }
        java.util.List<int[]> triangles = Delaunay.triangulate(x, y);
        double area = 0;
        for (int[] t : triangles) {
            double[] c = Delaunay.circumcentre(x[t[0]], y[t[0]], x[t[1]], y[t[1]], x[t[2]], y[t[2]]);
            double r2 = Math.pow(x[t[0]] - c[0], 2) + Math.pow(y[t[0]] - c[1], 2);
            for (int k = 0; k < n; k++) {
                double d2 = Math.pow(x[k] - c[0], 2) + Math.pow(y[k] - c[1], 2);
                assertTrue(d2 >= r2 * (1 - 1e-9), "point " + k + " inside a circumcircle");
            }
            double cross = (x[t[1]] - x[t[0]]) * (y[t[2]] - y[t[0]]) - (y[t[1]] - y[t[0]]) * (x[t[2]] - x[t[0]]);
            assertTrue(cross > 0, "triangle not counter-clockwise");
            area += cross / 2;
        }
        // The triangles tile the convex hull, which nearly fills the 20 x 10 box for 300 uniform points.
        assertTrue(area > 0.9 * 200 && area <= 200, "area " + area);
    }
}
