package io.github.atomfinder.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FccNanoparticleTest {

    /** Gold, a = 4.08 Å (method.md §5); fcc nearest-neighbour distance a/√2 = 2.885 Å. */
    private static final double A = 4.08;

    @Test
    void everyAtomSitsOnAnFccSiteBeforeOrientation() {
        for (int seed = 0; seed < 5; seed++) {
            Nanoparticle p = FccNanoparticle.generate(FccNanoparticle.Parameters.gold(), new SplittableRandom(seed));
            double[][] r = p.rotation();
            double[] t = p.translationAngstrom();
            Atoms atoms = p.atoms();
            for (int i = 0; i < atoms.size(); i++) {
                double[] d = {atoms.x(i) - t[0], atoms.y(i) - t[1], atoms.z(i) - t[2]};
                int sum = 0;
                for (int k = 0; k < 3; k++) {
                    // Inverse of an orthogonal matrix = its transpose; lattice units of a/2.
                    double u = (r[0][k] * d[0] + r[1][k] * d[1] + r[2][k] * d[2]) / (A / 2);
                    assertEquals(Math.rint(u), u, 1e-9, "seed " + seed + " atom " + i);
                    assertEquals(p.sites()[i][k], (int) Math.rint(u));
                    sum += (int) Math.rint(u);
                }
                assertEquals(0, Math.floorMod(sum, 2), "site with odd coordinate sum is not fcc");
            }
        }
    }

    @Test
    void nearestNeighbourDistanceIsAOverRootTwo() {
        Atoms atoms = FccNanoparticle.generate(FccNanoparticle.Parameters.gold(), new SplittableRandom(11)).atoms();
        double min = Double.MAX_VALUE;
        for (int i = 0; i < atoms.size(); i++) {
            for (int j = i + 1; j < atoms.size(); j++) {
                min = Math.min(min, Math.sqrt(Math.pow(atoms.x(i) - atoms.x(j), 2) + Math.pow(atoms.y(i) - atoms.y(j), 2)
                        + Math.pow(atoms.z(i) - atoms.z(j), 2)));
            }
        }
        assertEquals(A / Math.sqrt(2), min, 1e-9);
    }

    @Test
    void columnHeightsSumToTheAtomCount() {
        for (int seed = 0; seed < 5; seed++) {
            Nanoparticle p = FccNanoparticle.generate(FccNanoparticle.Parameters.gold(), new SplittableRandom(seed));
            assertEquals(p.atoms().size(), p.columns().stream().mapToInt(Column::atomCount).sum());
            assertTrue(p.columns().stream().anyMatch(c -> c.atomCount() > 1), "a particle has multi-atom columns");
        }
    }

    @Test
    void columnsAreStraightAlongTheZoneAxisWithoutTilt() {
        for (FccNanoparticle.ZoneAxis zone : FccNanoparticle.ZoneAxis.values()) {
            FccNanoparticle.Parameters params = FccNanoparticle.Parameters.gold().withOrientation(zone, 0);
            Nanoparticle p = FccNanoparticle.generate(params, new SplittableRandom(4));
            Atoms atoms = p.atoms();
            for (int i = 0; i < atoms.size(); i++) {
                double nearest = Double.MAX_VALUE;
                for (Column c : p.columns()) {
                    nearest = Math.min(nearest, Math.hypot(atoms.x(i) - c.xAngstrom(), atoms.y(i) - c.yAngstrom()));
                }
                assertTrue(nearest < 0.05, zone + ": atom " + i + " is " + nearest + " Å from its column");
            }
            // <110>: projected column spacing a·√(3/8) = 2.50 Å; <111>: a/√6 = 1.67 Å (fcc geometry).
            double expectedSpacing = zone == FccNanoparticle.ZoneAxis.Z110 ? A * Math.sqrt(3.0 / 8) : A / Math.sqrt(6);
            assertEquals(expectedSpacing, minColumnSpacing(p), 1e-9, zone.toString());
        }
    }

    @Test
    void tiltSpreadsColumnsButKeepsTheirGrouping() {
        FccNanoparticle.Parameters params = FccNanoparticle.Parameters.gold()
                .withOrientation(FccNanoparticle.ZoneAxis.Z110, Math.toRadians(5));
        Nanoparticle tilted = FccNanoparticle.generate(params, new SplittableRandom(9));
        assertTrue(tilted.tiltRad() > 0 && tilted.tiltRad() <= Math.toRadians(5));
        assertEquals(tilted.atoms().size(), tilted.columns().stream().mapToInt(Column::atomCount).sum());
    }

    @Test
    void higherTemperatureGivesRougherSurfaces() {
        double cold = 0;
        double hot = 0;
        for (int seed = 0; seed < 8; seed++) {
            cold += meanSurfaceCoordination(roughened(0.3, seed));
            hot += meanSurfaceCoordination(roughened(10, seed));
        }
        // Low T fills hollows (adatoms with many neighbours); high T scatters adatoms with few neighbours.
        assertTrue(cold / 8 > hot / 8 + 0.3, "mean surface coordination cold " + cold / 8 + " hot " + hot / 8);
    }

    @Test
    void particleSitsInsideItsCellWithTheVacuumMargin() {
        FccNanoparticle.Parameters params = FccNanoparticle.Parameters.gold().withCell(6, 60);
        Atoms atoms = FccNanoparticle.generate(params, new SplittableRandom(2)).atoms();
        assertEquals(60, atoms.cell().aAngstrom());
        for (int i = 0; i < atoms.size(); i++) {
            assertTrue(atoms.x(i) >= 6 - 1e-9 && atoms.x(i) <= 54 + 1e-9, "x " + atoms.x(i));
            assertTrue(atoms.y(i) >= 6 - 1e-9 && atoms.y(i) <= 54 + 1e-9, "y " + atoms.y(i));
            assertTrue(atoms.z(i) >= 6 - 1e-9 && atoms.z(i) <= atoms.cell().cAngstrom() - 6 + 1e-9, "z " + atoms.z(i));
        }
    }

    @Test
    void sameSeedGivesTheSameParticle() {
        FccNanoparticle.Parameters params = FccNanoparticle.Parameters.gold();
        assertEquals(FccNanoparticle.generate(params, new SplittableRandom(5)).atoms(),
                FccNanoparticle.generate(params, new SplittableRandom(5)).atoms());
    }

    private static int[][] roughened(double temperature, int seed) {
        FccNanoparticle.Parameters params = FccNanoparticle.Parameters.gold().withRadius(9, 9)
                .withRoughening(0.3, temperature, temperature);
        return FccNanoparticle.generate(params, new SplittableRandom(seed)).sites();
    }

    /** Mean number of occupied neighbours over atoms with fewer than 12 (the surface). */
    private static double meanSurfaceCoordination(int[][] sites) {
        int[] counts = FccNanoparticle.coordinationNumbers(sites);
        return java.util.Arrays.stream(counts).filter(c -> c < 12).average().orElseThrow();
    }

    private static double minColumnSpacing(Nanoparticle p) {
        double min = Double.MAX_VALUE;
        var columns = p.columns();
        for (int i = 0; i < columns.size(); i++) {
            for (int j = i + 1; j < columns.size(); j++) {
                min = Math.min(min, Math.hypot(columns.get(i).xAngstrom() - columns.get(j).xAngstrom(),
                        columns.get(i).yAngstrom() - columns.get(j).yAngstrom()));
            }
        }
        return min;
    }
}
