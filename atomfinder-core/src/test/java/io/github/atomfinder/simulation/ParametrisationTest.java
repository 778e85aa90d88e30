package io.github.atomfinder.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import io.github.atomfinder.structure.Elements;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParametrisationTest {

    private static final int CARBON = 6;
    private static final int GOLD = 79;

    /** method.md §2: f(0) carbon 2.510 / 2.511 Å, gold 10.576 / 10.553 Å (Lobato / Kirkland). */
    @ParameterizedTest
    @CsvSource({"LOBATO, 6, 2.510", "KIRKLAND, 6, 2.511", "LOBATO, 79, 10.576", "KIRKLAND, 79, 10.553"})
    void scatteringFactorAtZeroMatchesMethodSheet(Parametrisation p, int z, double expected) {
        assertEquals(expected, p.scatteringFactor(z, 0), 0.0006);
    }

    /** method.md §2 check values of V_z in V·Å (Lobato / Kirkland), analytic form within 1 %. */
    @ParameterizedTest
    @CsvSource({
        "LOBATO, 6, 0.5, 38.92", "KIRKLAND, 6, 0.5, 38.89", "LOBATO, 6, 1.0, 6.11", "KIRKLAND, 6, 1.0, 6.09",
        "LOBATO, 79, 0.5, 132.16", "KIRKLAND, 79, 0.5, 132.04", "LOBATO, 79, 1.0, 18.38", "KIRKLAND, 79, 1.0, 18.52",
    })
    void analyticProjectedPotentialMatchesMethodSheet(Parametrisation p, int z, double r, double expected) {
        assertEquals(expected, p.projectedPotential(z, r), 0.01 * expected);
    }

    /**
     * The same check values from the gridded (FFT) route on a 0.05 Å grid: one atom at a pixel centre of a 25.6 Å
     * periodic cell, read 10 and 20 pixels away. Within 2 %, except gold at 1.0 Å: its f(k) falls slowly, and the
     * grid's band limit leaves V 2.3 % low there (17.96 V·Å; an independent numpy evaluation of the same band-limited
     * sum gives 17.956, and the value converges to 18.35 at 0.0125 Å), so that one case is held to 2.5 % here and to
     * 1 % on a 0.025 Å grid below.
     */
    @ParameterizedTest
    @CsvSource({
        "LOBATO, 6, 38.92, 6.11, 0.02", "KIRKLAND, 6, 38.89, 6.09, 0.02",
        "LOBATO, 79, 132.16, 18.38, 0.025", "KIRKLAND, 79, 132.04, 18.52, 0.025",
    })
    void griddedProjectedPotentialMatchesMethodSheet(Parametrisation p, int z, double at05, double at10, double tolerance10) {
        RealImage v = singleAtom(p, z, 0.05);
        assertEquals(at05, v.get(256, 266), 0.02 * at05);
        assertEquals(at05, v.get(246, 256), 0.02 * at05);
        assertEquals(at10, v.get(256, 276), tolerance10 * at10);
        assertEquals(at10, v.get(276, 256), tolerance10 * at10);
    }

    @ParameterizedTest
    @CsvSource({"LOBATO, 79, 132.16, 18.38", "KIRKLAND, 79, 132.04, 18.52"})
    void griddedGoldPotentialConvergesOnAFinerGrid(Parametrisation p, int z, double at05, double at10) {
        RealImage v = singleAtom(p, z, 0.025);
        assertEquals(at05, v.get(512, 532), 0.01 * at05);
        assertEquals(at10, v.get(512, 552), 0.01 * at10);
    }

    private static RealImage singleAtom(Parametrisation p, int z, double sampling) {
        int n = (int) Math.round(25.6 / sampling);
        Grid grid = Grid.of(n, n, sampling);
        Cell cell = Cell.periodicXY(25.6, 25.6, 1);
        Atoms atom = new Atoms(new double[] {12.8}, new double[] {12.8}, new double[] {0.5}, new int[] {z}, cell);
        return new ProjectedPotentials(atom, grid, SliceLayout.of(1, 1), p).total();
    }

    @Test
    void everyElementHasFinitePositiveScatteringInBothTables() {
        for (Parametrisation p : Parametrisation.values()) {
            for (int z = 1; z <= Elements.MAX_ATOMIC_NUMBER; z++) {
                double f0 = p.scatteringFactor(z, 0);
                double fHigh = p.scatteringFactor(z, 2);
                assertTrue(f0 > 0 && Double.isFinite(f0), p + " " + Elements.symbol(z) + " f(0) = " + f0);
                assertTrue(fHigh < f0, p + " " + Elements.symbol(z) + " f must fall with k");
            }
        }
    }

    @Test
    void heavierAtomsScatterMoreAtZeroAngle() {
        // f(0) grows with Z on average: carbon < silicon < gold < uranium in both tables.
        for (Parametrisation p : Parametrisation.values()) {
            assertTrue(p.scatteringFactor(6, 0) < p.scatteringFactor(14, 0));
            assertTrue(p.scatteringFactor(14, 0) < p.scatteringFactor(79, 0));
            assertTrue(p.scatteringFactor(79, 0) < p.scatteringFactor(92, 0));
        }
    }

    @Test
    void tablesCarryTheirCitation() {
        assertTrue(Parametrisation.LOBATO.citation().contains("Acta Cryst. A70"));
        assertTrue(Parametrisation.KIRKLAND.citation().contains("Advanced Computing in Electron Microscopy"));
    }

    @Test
    void parsesNamesAndRejectsUnknownOnes() {
        assertEquals(Parametrisation.KIRKLAND, Parametrisation.parse("Kirkland"));
        assertEquals(Parametrisation.LOBATO, Parametrisation.parse("lobato"));
        assertThrows(AtomfinderException.class, () -> Parametrisation.parse("peng"));
    }
}
