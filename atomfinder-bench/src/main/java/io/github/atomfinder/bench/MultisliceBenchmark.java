package io.github.atomfinder.bench;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.simulation.ExitWaves;
import io.github.atomfinder.simulation.Multislice;
import io.github.atomfinder.simulation.Parametrisation;
import io.github.atomfinder.simulation.ProjectedPotentials;
import io.github.atomfinder.simulation.SimulationParameters;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import java.util.ArrayList;
import java.util.List;

/**
 * Exit-wave simulation speed (issue 3): a ~300-atom gold particle seen along [110] (32 x 32 x 23 Å, 0.05 Å,
 * 640 x 640, 23 slices of 1 Å, 300 kV) and graphene sheets at 80 kV (the abTEM reference cell, 197 x 171, and a
 * training-size sheet on an 864 x 864 grid), single- and multi-threaded; the particle also 3° off the zone axis, where
 * no slice is empty. Usage: bin/bench MultisliceBenchmark [runs] [gold] ("gold": the particle cases only)
 */
public final class MultisliceBenchmark {

    private MultisliceBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        boolean goldOnly = args.length > 1 && args[1].equals("gold");
        Atoms gold = goldParticle(32, 23, 10.5);
        // 3° off the zone axis every 1 Å slice holds atoms; on the axis the (220) layers, 1.44 Å apart, leave some
        // slices empty, and those are skipped.
        Atoms tilted = tiltedAboutX(gold, 3, 16, 11.5);
        SimulationParameters goldParams = SimulationParameters.of(300e3, 0.05).withGridSize(640, 640)
                .withParametrisation(Parametrisation.LOBATO);
        Atoms smallGraphene = graphene(4, 2);
        Atoms trainingGraphene = graphene(18, 10);
        SimulationParameters grapheneParams = SimulationParameters.of(80e3, 0.05);
        // The training sheets use FFT-friendly grids (864 = 2^5 3^3); a prime size such as the 853 that
        // ceil(42.6 / 0.05) gives falls back to a much slower Bluestein transform.
        SimulationParameters trainingParams = grapheneParams.withGridSize(864, 864);
        describe("gold <110> particle", gold, goldParams);
        describe("gold particle 3° off <110>", tilted, goldParams);
        describe("graphene 9.84 x 8.52 Å", smallGraphene, grapheneParams);
        describe("graphene 44.3 x 42.6 Å", trainingGraphene, trainingParams);
        Fft2.setThreadsPerTransform(1);
        breakdown(gold, goldParams, runs);
        // On a machine shared with other jobs the wall clock mostly measures waiting; the CPU time of the one
        // simulating thread is the single-core cost.
        Timing.cpuTime("gold particle, 1 thread, CPU time", 2, runs, () -> ExitWaves.simulate(gold, goldParams, 1));
        Timing.cpuTime("gold particle 3° off axis, 1 thread, CPU time", 2, runs,
                () -> ExitWaves.simulate(tilted, goldParams, 1));
        for (int threads : new int[] {1, 2}) {
            Timing.time("gold particle, " + threads + " thread(s)", 2, runs,
                    () -> ExitWaves.simulate(gold, goldParams, threads));
            Timing.time("gold particle 3° off axis, " + threads + " thread(s)", 2, runs,
                    () -> ExitWaves.simulate(tilted, goldParams, threads));
            if (goldOnly) {
                continue;
            }
            Timing.time("graphene 9.84 x 8.52 Å, " + threads + " thread(s)", 3, runs,
                    () -> ExitWaves.simulate(smallGraphene, grapheneParams, threads));
            Timing.time("graphene 44.3 x 42.6 Å, " + threads + " thread(s)", 2, runs,
                    () -> ExitWaves.simulate(trainingGraphene, trainingParams, threads));
        }
        if (goldOnly) {
            return;
        }
        Fft2.setThreadsPerTransform(2);
        Timing.time("gold particle, 1 worker, 2 FFT threads", 2, runs, () -> ExitWaves.simulate(gold, goldParams, 1));
    }

    /** Single-thread cost of each part of one slice pair on the gold grid. */
    private static void breakdown(Atoms gold, SimulationParameters p, int runs) {
        ProjectedPotentials potentials = ProjectedPotentials.of(gold, p);
        Grid grid = potentials.grid();
        Multislice multislice = new Multislice(grid, p.interactionParameter(), p.wavelengthAngstrom());
        float[] pair = new float[2 * grid.size()];
        float[] scratch = new float[pair.length];
        float[] t = new float[pair.length];
        float[] psi = ComplexField.planeWave(grid).data();
        Timing.time("  one FFT 640 x 640", 3, runs, () -> Fft2.forwardInPlace(scratch, grid.ny(), grid.nx()));
        Timing.time("  setup: kernels, slices, propagators", 1, runs, () -> {
            ProjectedPotentials.of(gold, p);
            new Multislice(grid, p.interactionParameter(), p.wavelengthAngstrom());
        });
        Timing.time("  potential of a slice pair (2 FFTs, sparse rows)", 2, runs, () -> potentials.computePair(10, 11, pair, scratch));
        Timing.time("  band-limited transmission of a slice (2 FFTs)", 2, runs, () -> multislice.transmission(pair, 0, t));
        Timing.time("  transmit + propagate one slice (2 FFTs)", 2, runs, () -> multislice.step(psi, t, 1.0));
    }

    private static void describe(String name, Atoms atoms, SimulationParameters p) {
        Grid grid = p.grid(atoms.cell());
        System.out.printf("%s: %d atoms, grid %d x %d, %d slices, %d holding atoms%n", name, atoms.size(), grid.ny(),
                grid.nx(), p.slices(atoms.cell()).count(), ProjectedPotentials.of(atoms, p).occupiedSlices().length);
    }

    /** fcc gold (a = 4.08 Å) with x ∥ [001], y ∥ [1-10], z ∥ [110], cut to a sphere centred in the cell. */
    static Atoms goldParticle(double extent, double depth, double radius) {
        double a = 4.08;
        double[][] basis = {{0, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 0.5, 0.5}};
        double s = Math.sqrt(0.5);
        int range = (int) Math.ceil(2 * radius / a) + 1;
        List<double[]> kept = new ArrayList<>();
        for (int i = -range; i <= range; i++) {
            for (int j = -range; j <= range; j++) {
                for (int k = -range; k <= range; k++) {
                    for (double[] b : basis) {
                        double u = (i + b[0]) * a;
                        double v = (j + b[1]) * a;
                        double w = (k + b[2]) * a;
                        double[] p = {w, (u - v) * s, (u + v) * s};
                        if (p[0] * p[0] + p[1] * p[1] + p[2] * p[2] < radius * radius) {
                            kept.add(new double[] {p[0] + extent / 2, p[1] + extent / 2, p[2] + depth / 2});
                        }
                    }
                }
            }
        }
        return atoms(kept, 79, Cell.periodicXY(extent, extent, depth));
    }

    /** {@code atoms} rotated by {@code degrees} about the x axis through (y, z) = (cy, cz). */
    static Atoms tiltedAboutX(Atoms atoms, double degrees, double cy, double cz) {
        double c = Math.cos(Math.toRadians(degrees));
        double s = Math.sin(Math.toRadians(degrees));
        List<double[]> moved = new ArrayList<>();
        for (int i = 0; i < atoms.size(); i++) {
            double y = atoms.y(i) - cy;
            double z = atoms.z(i) - cz;
            moved.add(new double[] {atoms.x(i), cy + c * y - s * z, cz + s * y + c * z});
        }
        return atoms(moved, 79, atoms.cell());
    }

    /** A rectangular graphene sheet (C–C 1.42 Å) of nx x ny four-atom cells at z = 0.5 Å in a 1 Å deep cell. */
    static Atoms graphene(int nx, int ny) {
        double a = 2.46;
        double b = a * Math.sqrt(3);
        double[][] basis = {{0, 0}, {a / 2, b / 6}, {a / 2, b / 2}, {0, 2 * b / 3}};
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                for (double[] p : basis) {
                    kept.add(new double[] {p[0] + i * a, p[1] + j * b, 0.5});
                }
            }
        }
        return atoms(kept, 6, Cell.periodicXY(nx * a, ny * b, 1));
    }

    private static Atoms atoms(List<double[]> positions, int atomicNumber, Cell cell) {
        int n = positions.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = positions.get(i)[0];
            y[i] = positions.get(i)[1];
            z[i] = positions.get(i)[2];
            numbers[i] = atomicNumber;
        }
        return new Atoms(x, y, z, numbers, cell);
    }
}
