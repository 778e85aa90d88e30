package io.github.atomfinder.bench;

import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.optics.ImageFormation;
import io.github.atomfinder.optics.Microscope;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.Mtf;
import io.github.atomfinder.optics.Transfer;
import io.github.atomfinder.optics.WaveSpectrum;
import io.github.atomfinder.simulation.ExitWaves;
import io.github.atomfinder.simulation.SimulationParameters;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.BondGraph;
import io.github.atomfinder.structure.GrapheneLikeSheet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How precisely any unbiased estimator could place a graphene atom: the Cramér–Rao bound on the position error of one
 * carbon atom under Poisson dose noise, with every other atom and the microscope known. Moving atom j by δ changes
 * the noiseless image I (vacuum = 1); with λ = I · dose · pixel area expected electrons per pixel, the Fisher
 * information is F_ab = dose · pixel area · Σ (∂I/∂a)(∂I/∂b) / I over the pixels, a, b ∈ {x, y}, and the 2-D error
 * (the evaluation's RMSE measure) is at least √trace(F⁻¹). The detector MTF acts after the noise and is invertible,
 * so it is left out; blur acts before the noise and is kept. Unknown neighbours only raise the bound, so this is the
 * floor for evaluate's position RMSE on the same microscope draws.
 *
 * <p>Arguments: {@code [preset or microscope JSON=graphene-80kv-start] [draws=64] [atoms=8] [seed=2] [doses=1e3,1e4,1e5]}. Prints the
 * bound pooled like evaluate's RMSE (root of the mean square over atoms and draws) per dose, overall and by the least
 * lattice contrast at 2.13 Å (the grouping of bench/f1_by_contrast.py).
 */
public final class PositionPrecisionBound {

    private static final double SHIFT_ANGSTROM = 0.02;
    private static final double CELL_ANGSTROM = 43.2;
    private static final double[] CONTRAST_EDGES = {0.1, 0.25};

    private PositionPrecisionBound() {
    }

    public static void main(String[] args) {
        String preset = args.length > 0 ? args[0] : "graphene-80kv-start";
        int draws = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int atomCount = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 2;
        double[] doses = parseDoses(args.length > 4 ? args[4] : "1e3,1e4,1e5");

        SplittableRandom random = new SplittableRandom(seed);
        Atoms sheet = GrapheneLikeSheet.generate(GrapheneLikeSheet.Parameters.square(CELL_ANGSTROM), random);
        int[] chosen = threeCoordinatedAtoms(sheet, atomCount, random);
        SimulationParameters simulation = SimulationParameters.of(80e3, 0.05);
        WaveSpectrum unshifted = WaveSpectrum.of(ExitWaves.simulate(sheet, simulation, 2));
        WaveSpectrum[][] shifted = new WaveSpectrum[chosen.length][4];
        for (int a = 0; a < chosen.length; a++) {
            for (int k = 0; k < 4; k++) {
                double dx = k == 0 ? SHIFT_ANGSTROM : k == 1 ? -SHIFT_ANGSTROM : 0;
                double dy = k == 2 ? SHIFT_ANGSTROM : k == 3 ? -SHIFT_ANGSTROM : 0;
                shifted[a][k] = WaveSpectrum.of(ExitWaves.simulate(moved(sheet, chosen[a], dx, dy), simulation, 2));
            }
        }
        System.out.printf("%s: %d draws, %d three-coordinated atoms of a %d-atom sheet, seed %d%n",
                preset, draws, chosen.length, sheet.size(), seed);

        MicroscopeDistribution distribution = MicroscopeDistribution.presetOrFile(preset);
        // Per draw: least lattice contrast and the mean over atoms of trace(F⁻¹) at unit dose (Å² · e/Å²).
        List<double[]> perDraw = new ArrayList<>();
        for (int d = 0; d < draws; d++) {
            Microscope m = distribution.sample(random).withDose(Double.POSITIVE_INFINITY).withMtf(Mtf.NONE);
            m = m.withPixelSize(ImageFormation.fftFriendlyPixelSizeAngstrom(unshifted.grid(), m.pixelSizeAngstrom()));
            RealImage base = ImageFormation.image(unshifted, m, null);
            double pixelArea = base.grid().dxAngstrom() * base.grid().dyAngstrom();
            double traceSum = 0;
            for (int a = 0; a < chosen.length; a++) {
                float[] xPlus = ImageFormation.image(shifted[a][0], m, null).data();
                float[] xMinus = ImageFormation.image(shifted[a][1], m, null).data();
                float[] yPlus = ImageFormation.image(shifted[a][2], m, null).data();
                float[] yMinus = ImageFormation.image(shifted[a][3], m, null).data();
                double fxx = 0;
                double fyy = 0;
                double fxy = 0;
                for (int p = 0; p < base.data().length; p++) {
                    double intensity = Math.max(base.data()[p], 1e-6);
                    double gx = (xPlus[p] - xMinus[p]) / (2 * SHIFT_ANGSTROM);
                    double gy = (yPlus[p] - yMinus[p]) / (2 * SHIFT_ANGSTROM);
                    fxx += gx * gx / intensity;
                    fyy += gy * gy / intensity;
                    fxy += gx * gy / intensity;
                }
                double det = (fxx * fyy - fxy * fxy) * pixelArea;
                traceSum += (fxx + fyy) / det;
            }
            double leastContrast = Transfer.latticeContrast(m, 2.13).minimum();
            perDraw.add(new double[] {leastContrast, traceSum / chosen.length});
            System.out.printf("draw %2d: %.4f Å/px, defocus %6.1f Å, least contrast %.2f, bound at 1e3 e/Å² %.3f Å%n", d,
                    m.pixelSizeAngstrom(), m.aberrations().defocusAngstrom(), leastContrast,
                    Math.sqrt(traceSum / chosen.length / 1e3));
        }

        System.out.println();
        System.out.println("| least lattice contrast | images | " + String.join(" | ", doseHeaders(doses)) + " |");
        System.out.println("|---|---:|" + "---:|".repeat(doses.length));
        double[] edges = {Double.NEGATIVE_INFINITY, CONTRAST_EDGES[0], CONTRAST_EDGES[1], Double.POSITIVE_INFINITY};
        String[] labels = {"< " + CONTRAST_EDGES[0], CONTRAST_EDGES[0] + "–" + CONTRAST_EDGES[1], "≥ " + CONTRAST_EDGES[1], "all"};
        for (int g = 0; g < labels.length; g++) {
            double low = g == 3 ? Double.NEGATIVE_INFINITY : edges[g];
            double high = g == 3 ? Double.POSITIVE_INFINITY : edges[g + 1];
            double sum = 0;
            int n = 0;
            for (double[] draw : perDraw) {
                if (draw[0] >= low && draw[0] < high) {
                    sum += draw[1];
                    n++;
                }
            }
            StringBuilder row = new StringBuilder("| " + labels[g] + " | " + n + " |");
            for (double dose : doses) {
                row.append(n == 0 ? " – |" : String.format(" %.3f |", Math.sqrt(sum / n / dose)));
            }
            System.out.println(row);
        }
    }

    private static Atoms moved(Atoms atoms, int index, double dx, double dy) {
        double[] x = atoms.xs().clone();
        double[] y = atoms.ys().clone();
        x[index] += dx;
        y[index] += dy;
        return new Atoms(x, y, atoms.zs(), atoms.atomicNumbers(), atoms.cell());
    }

    /** Atoms with exactly three neighbours within 1.7 Å (pristine surroundings, away from holes), drawn at random. */
    private static int[] threeCoordinatedAtoms(Atoms atoms, int count, SplittableRandom random) {
        BondGraph bonds = BondGraph.byCutoff(atoms, 1.7);
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < atoms.size(); i++) {
            if (bonds.coordination(i) == 3) {
                candidates.add(i);
            }
        }
        int[] chosen = new int[Math.min(count, candidates.size())];
        for (int k = 0; k < chosen.length; k++) {
            chosen[k] = candidates.remove(random.nextInt(candidates.size()));
        }
        return chosen;
    }

    private static double[] parseDoses(String list) {
        String[] parts = list.split(",");
        double[] doses = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            doses[i] = Double.parseDouble(parts[i].trim());
        }
        return doses;
    }

    private static List<String> doseHeaders(double[] doses) {
        List<String> headers = new ArrayList<>();
        for (double dose : doses) {
            headers.add(String.format("bound at %.0e e/Å² (Å)", dose));
        }
        return headers;
    }
}
