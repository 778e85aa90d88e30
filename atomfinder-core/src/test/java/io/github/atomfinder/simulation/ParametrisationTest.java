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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
     * The same check values from the gridded (FFT) route on a 0.05 Å grid, within 2 % (issue #3): one atom at a pixel
     * centre of a 25.6 Å periodic cell, read at the eight grid points exactly 0.5 Å ((6, 8) pixels and its mirror
     * images) and 1.0 Å ((12, 16)) away. The grid points on the row and column through the nucleus are held by
     * {@link #griddedPotentialOnTheAxesCarriesOnlyANyquistRipple} instead.
     */
    @ParameterizedTest
    @CsvSource({
        "LOBATO, 6, 38.92, 6.11", "KIRKLAND, 6, 38.89, 6.09",
        "LOBATO, 79, 132.16, 18.38", "KIRKLAND, 79, 132.04, 18.52",
    })
    void griddedProjectedPotentialMatchesMethodSheet(Parametrisation p, int z, double at05, double at10) {
        RealImage v = singleAtom(p, z, 0.05);
        for (int[] d : offAxis(6, 8)) {
            assertEquals(at05, v.get(256 + d[0], 256 + d[1]), 0.02 * at05, "0.5 Å at " + d[0] + ", " + d[1]);
        }
        for (int[] d : offAxis(12, 16)) {
            assertEquals(at10, v.get(256 + d[0], 256 + d[1]), 0.02 * at10, "1.0 Å at " + d[0] + ", " + d[1]);
        }
    }

    /**
     * On the row and column through the nucleus the gridded potential differs from the analytic one by a ripple
     * at the Nyquist frequency: the FFT route keeps f(k) inside the grid's square band and drops the rest, and the
     * dropped part next to the band edges k_x = ±1/(2Δx) (where a heavy atom's f(k) is still large) returns in real
     * space as a (−1)^n pattern along the axis, ±2.3 % for gold 1 Å from the nucleus on a 0.05 Å grid (±0.6 % for
     * carbon; bench/multislice_crosscheck.py evaluates the same sum in numpy; off the axes the error is below 0.01 %). The ripple is the
     * top frequency of the grid, which the anti-aliasing aperture removes from every transmission function. So the
     * deviations from the analytic V_z must alternate in sign between neighbouring pixels, and their local mean
     * (weights 1/4, 1/2, 1/4, which cancel the Nyquist frequency) must be within 0.5 %.
     */
    @ParameterizedTest
    @CsvSource({"LOBATO, 6", "KIRKLAND, 6", "LOBATO, 79", "KIRKLAND, 79"})
    void griddedPotentialOnTheAxesCarriesOnlyANyquistRipple(Parametrisation p, int z) {
        RealImage v = singleAtom(p, z, 0.05);
        for (int n : new int[] {10, 20}) {
            for (int[] axis : new int[][] {{0, 1}, {0, -1}, {1, 0}, {-1, 0}}) {
                double[] e = new double[3];
                for (int j = 0; j < 3; j++) {
                    int m = n - 1 + j;
                    double analytic = p.projectedPotential(z, m * 0.05);
                    e[j] = v.get(256 + axis[0] * m, 256 + axis[1] * m) / analytic - 1;
                }
                String where = p + " Z=" + z + " " + n + " px along " + axis[0] + ", " + axis[1];
                assertTrue(e[0] * e[1] < 0 && e[1] * e[2] < 0, "alternating deviations " + Arrays.toString(e) + " " + where);
                double smooth = (e[0] + 2 * e[1] + e[2]) / 4;
                assertTrue(Math.abs(smooth) < 0.005, "Nyquist-free deviation " + smooth + " " + where);
            }
        }
    }

    /** (a, b) with every sign and with the two swapped: the 8 grid offsets at distance √(a² + b²), a, b > 0. */
    private static List<int[]> offAxis(int a, int b) {
        List<int[]> out = new ArrayList<>();
        for (int sy : new int[] {-1, 1}) {
            for (int sx : new int[] {-1, 1}) {
                out.add(new int[] {sy * a, sx * b});
                out.add(new int[] {sy * b, sx * a});
            }
        }
        return out;
    }

    /** The on-axis ripple is a grid artefact: on a 0.025 Å grid gold is within 1 % on the axes too. */
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
