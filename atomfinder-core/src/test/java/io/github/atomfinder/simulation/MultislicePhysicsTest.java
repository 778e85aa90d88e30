package io.github.atomfinder.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultislicePhysicsTest {

    /** A small fcc gold block (a = 4.08 Å) seen along [110]: x ∥ [001], y ∥ [1-10], z ∥ [110]. */
    static Atoms goldBlock(double extentXY, double depth) {
        double a = 4.08;
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        List<double[]> kept = new ArrayList<>();
        int range = (int) Math.ceil(Math.max(extentXY, depth) / a) + 2;
        double s = Math.sqrt(0.5);
        double margin = 3;
        for (int i = -range; i <= range; i++) {
            for (int j = -range; j <= range; j++) {
                for (int k = -range; k <= range; k++) {
                    for (double[] b : basis) {
                        double u = (i + b[0]) * a;
                        double v = (j + b[1]) * a;
                        double w = (k + b[2]) * a;
                        double x = w + extentXY / 2;
                        double y = (u - v) * s + extentXY / 2;
                        double z = (u + v) * s + depth / 2;
                        if (Math.abs(x - extentXY / 2) < extentXY / 2 - margin && Math.abs(y - extentXY / 2) < extentXY / 2 - margin
                                && z >= 0.01 && z < depth - 0.01) {
                            kept.add(new double[] {x, y, z});
                        }
                    }
                }
            }
        }
        double[] x = kept.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = kept.stream().mapToDouble(p -> p[1]).toArray();
        double[] z = kept.stream().mapToDouble(p -> p[2]).toArray();
        int[] numbers = new int[x.length];
        Arrays.fill(numbers, 79);
        return new Atoms(x, y, z, numbers, Cell.periodicXY(extentXY, extentXY, depth));
    }

    @Test
    void weakPhaseObjectHasExitPhaseSigmaTimesProjectedPotential() {
        // A single carbon atom at 300 kV in one thin slice: ψ ≈ exp(iσV) band-limited, so arg ψ ≈ σ V_z where the
        // phase is small (0.3–3 Å from the nucleus).
        Cell cell = Cell.periodicXY(12.8, 12.8, 0.2);
        Atoms atom = new Atoms(new double[] {6.4}, new double[] {6.4}, new double[] {0.1}, new int[] {6}, cell);
        SimulationParameters p = SimulationParameters.of(300e3, 0.05).withSliceThickness(0.2);
        ComplexField wave = ExitWaves.simulate(atom, p);
        RealImage potential = ProjectedPotentials.of(atom, p).total();
        Grid grid = potential.grid();
        // The simulator band-limits the transmission function, so compare with the band-limited potential.
        float[] limited = ComplexField.fromReal(potential).data();
        Fft2.forwardInPlace(limited, grid.ny(), grid.nx());
        float[] aperture = Antialias.aperture(grid);
        for (int i = 0; i < aperture.length; i++) {
            limited[2 * i] *= aperture[i];
            limited[2 * i + 1] *= aperture[i];
        }
        Fft2.inverseInPlace(limited, grid.ny(), grid.nx());
        RealImage v = new ComplexField(grid, limited).realPart();
        RealImage phase = wave.phase();
        double sigma = Electrons.interactionParameter(300e3);
        double diff = 0;
        double norm = 0;
        int checked = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                double r = Math.hypot(x - 128, y - 128) * 0.05;
                if (r < 0.3 || r > 3) {
                    continue;
                }
                double expected = sigma * v.get(y, x);
                diff += Math.pow(phase.get(y, x) - expected, 2);
                norm += expected * expected;
                checked++;
            }
        }
        assertTrue(checked > 10000);
        double error = Math.sqrt(diff / norm);
        assertTrue(error < 0.03, "relative L2 difference of phase and σ·V_z: " + error);
    }

    @Test
    void propagationConservesTheNormOfABandLimitedWave() {
        Grid grid = Grid.of(128, 160, 0.05);
        double kc = Antialias.cutoffInverseAngstrom(grid) - Antialias.taperInverseAngstrom(grid);
        double[] ky = grid.frequenciesY();
        double[] kx = grid.frequenciesX();
        Random random = new Random(7);
        float[] psi = new float[2 * grid.size()];
        for (int y = 0; y < ky.length; y++) {
            for (int x = 0; x < kx.length; x++) {
                if (Math.hypot(ky[y], kx[x]) < kc) {
                    int i = y * kx.length + x;
                    psi[2 * i] = (float) random.nextGaussian();
                    psi[2 * i + 1] = (float) random.nextGaussian();
                }
            }
        }
        Fft2.inverseInPlace(psi, grid.ny(), grid.nx());
        double before = new ComplexField(grid, psi).sumOfSquares();
        Multislice multislice = new Multislice(grid, Electrons.interactionParameter(80e3), Electrons.wavelengthAngstrom(80e3));
        for (int i = 0; i < 20; i++) {
            multislice.propagate(psi, 1.0);
        }
        double after = new ComplexField(grid, psi).sumOfSquares();
        assertEquals(before, after, 1e-4 * before);
    }

    /** A roughly spherical fcc gold particle seen along [110], centred in an extent x extent x depth cell. */
    static Atoms goldParticle(double extent, double depth, double radius) {
        Atoms block = goldBlock(extent, depth);
        return block.select(i -> Math.pow(block.x(i) - extent / 2, 2) + Math.pow(block.y(i) - extent / 2, 2)
                + Math.pow(block.z(i) - depth / 2, 2) < radius * radius);
    }

    /** {@code atoms} rotated by {@code degrees} about the x axis through (x, y, z) = (cx, cy, cz). */
    static Atoms tiltedAboutX(Atoms atoms, double degrees, double cy, double cz) {
        double c = Math.cos(Math.toRadians(degrees));
        double s = Math.sin(Math.toRadians(degrees));
        int n = atoms.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = atoms.x(i);
            y[i] = cy + c * (atoms.y(i) - cy) - s * (atoms.z(i) - cz);
            z[i] = cz + s * (atoms.y(i) - cy) + c * (atoms.z(i) - cz);
            numbers[i] = atoms.atomicNumber(i);
        }
        return new Atoms(x, y, z, numbers, atoms.cell());
    }

    @Test
    void halvingTheSliceThicknessChangesAGoldParticleExitWaveByLessThanOnePercent() {
        // Issue #3: doubling the slice count at half thickness changes a gold exit wave by < 1 %. A 79-atom particle
        // at 300 kV, 0.05 Å, 16 Å deep, from the default 1 Å slices to 0.5 Å. Seen exactly along [110] its (220)
        // layers lie 1.44 Å apart, so each is alone in its slice at both thicknesses and is transmitted at its own
        // depth: the two runs must agree to float rounding. Tilted 3° off the zone axis (method.md §5 tilts
        // training particles by 0–5°) and with frozen-phonon displacements (σ 0.08 Å) the atoms spread over all
        // depths; there the change measured 0.45 % (tilted) and 0.39 % (displaced), and it must shrink again from
        // 0.5 Å to 0.25 Å. bench/multislice_crosscheck.py compares this placement with the alternatives in numpy.
        Atoms zone = goldParticle(20, 16, 7);
        assertEquals(79, zone.size());
        SimulationParameters p = SimulationParameters.of(300e3, 0.05);
        assertEquals(16, p.slices(zone.cell()).count());
        double zoneChange = AbtemGrapheneReferenceTest.relativeL2(ExitWaves.simulate(zone, p.withSliceThickness(0.5)).data(),
                ExitWaves.simulate(zone, p).data());
        assertTrue(zoneChange < 1e-4, "zone axis, 1 Å -> 0.5 Å relative L2 change " + zoneChange);

        Atoms tilted = tiltedAboutX(zone, 3, 10, 8);
        Atoms displaced = FrozenPhonons.displaced(zone, 0.08, new SplittableRandom(5));
        for (Atoms gold : List.of(tilted, displaced)) {
            float[] w1 = ExitWaves.simulate(gold, p.withSliceThickness(1.0)).data();
            float[] w05 = ExitWaves.simulate(gold, p.withSliceThickness(0.5)).data();
            float[] w025 = ExitWaves.simulate(gold, p.withSliceThickness(0.25)).data();
            double coarse = AbtemGrapheneReferenceTest.relativeL2(w05, w1);
            double fine = AbtemGrapheneReferenceTest.relativeL2(w025, w05);
            System.out.printf("slice convergence: 1 -> 0.5 Å %.5f, 0.5 -> 0.25 Å %.5f%n", coarse, fine);
            assertTrue(coarse < 0.01, "1 Å -> 0.5 Å relative L2 change " + coarse);
            assertTrue(fine < coarse, "the change must shrink as the slices get thinner: " + coarse + ", " + fine);
            // The particle scatters strongly (so the comparison means something): |ψ − 1| is large somewhere.
            double maxScattered = 0;
            for (int i = 0; i < w05.length; i += 2) {
                maxScattered = Math.max(maxScattered, Math.hypot(w05[i] - 1, w05[i + 1]));
            }
            assertTrue(maxScattered > 0.5, "max |ψ − 1| = " + maxScattered);
        }
    }

    @Test
    void frozenPhononsAreReproducibleAndIndependentOfThreadCount() {
        Atoms gold = goldBlock(10, 4);
        SimulationParameters p = SimulationParameters.of(300e3, 0.1).withPhonons(3, 0.08, 42);
        float[] one = ExitWaves.simulate(gold, p, 1).data();
        float[] two = ExitWaves.simulate(gold, p, 2).data();
        assertArrayEquals(one, two);
        float[] otherSeed = ExitWaves.simulate(gold, p.withPhonons(3, 0.08, 43), 1).data();
        assertFalse(Arrays.equals(one, otherSeed));
        float[] staticLattice = ExitWaves.simulate(gold, p.withPhonons(0, 0, 42), 1).data();
        assertFalse(Arrays.equals(one, staticLattice));
    }

    @Test
    void pipelinedSingleConfigurationEqualsSequentialRun() {
        Atoms gold = goldBlock(10, 7);
        SimulationParameters p = SimulationParameters.of(300e3, 0.1);
        assertArrayEquals(ExitWaves.simulate(gold, p, 1).data(), ExitWaves.simulate(gold, p, 3).data());
    }

    @Test
    void nonSquareCellGivesNonSquareGridCoveringIt() {
        Cell cell = Cell.periodicXY(10, 6, 2);
        SimulationParameters p = SimulationParameters.of(80e3, 0.05);
        Grid grid = p.grid(cell);
        assertEquals(120, grid.ny());
        assertEquals(200, grid.nx());
        Grid explicit = p.withGridSize(64, 100).grid(cell);
        assertEquals(0.1, explicit.dxAngstrom(), 1e-12);
        assertEquals(6.0 / 64, explicit.dyAngstrom(), 1e-12);
    }

    @Test
    void transmissionOfAConstantPotentialIsItsPhaseFactorInEveryQuadrant() {
        // A uniform potential only has a k = 0 component, which the aperture passes: t = exp(iσV) exactly.
        Grid grid = Grid.of(8, 8, 0.1);
        double sigma = 1e-3;
        Multislice multislice = new Multislice(grid, sigma, 0.02);
        for (double phase = -7; phase <= 7; phase += 0.37) {
            float[] potential = new float[2 * grid.size()];
            for (int i = 0; i < grid.size(); i++) {
                potential[2 * i + 1] = (float) (phase / sigma);
            }
            float[] t = new float[potential.length];
            multislice.transmission(potential, 1, t);
            assertEquals(Math.cos(phase), t[10], 2e-6, "cos at phase " + phase);
            assertEquals(Math.sin(phase), t[11], 2e-6, "sin at phase " + phase);
        }
    }

    @Test
    void vacuumLeavesThePlaneWaveUnchanged() {
        Cell cell = Cell.periodicXY(5, 4, 3);
        Atoms none = new Atoms(new double[0], new double[0], new double[0], new int[0], cell);
        float[] psi = ExitWaves.simulate(none, SimulationParameters.of(80e3, 0.1)).data();
        for (int i = 0; i < psi.length; i += 2) {
            assertEquals(1, psi[i], 1e-5);
            assertEquals(0, psi[i + 1], 1e-5);
        }
    }
}
