package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.Evaluation;
import io.github.atomfinder.analysis.Scoring;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.postprocess.PeakFinder;
import io.github.atomfinder.structure.BondGraph;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where do evaluate's misses, false finds and position errors fall in a graphene sheet? The model reads evaluate's
 * test images exactly as {@code evaluate --preset graphene --examples 8 --seed S} does (8-symmetry averaging, peaks
 * ≥ 0.5 at least 1 Å apart, one-to-one matching within 0.5 Å); each true atom is then put in one of three kinds by
 * its neighbours within {@value #BOND_MAX_ANGSTROM} Å: on the rim of a hole (fewer than three neighbours), beside
 * the rim (three, one of them on a rim) or inside the lattice (three, none on a rim). Only atoms at least
 * {@value #INSET_ANGSTROM} Å inside the image are classed, so the crop's own edge does not pass for a rim; the scored
 * atoms nearer the edge, whose signal the microscope spreads partly beyond the frame, form a fourth kind; false
 * finds are split by whether a true atom lies within a bond's length of them (in the lattice) or not (in a hole), and
 * counted again when a missed atom lies within {@value #DISPLACED_ANGSTROM} Å (the atom was seen but placed too far off).
 * A rim atom's error is also split along its outward direction (away from its neighbours, into the hole) and across
 * it, to tell a network that pulls rim atoms back into the lattice from one that only scatters them. Over all matched
 * atoms the mean error vector and the least-squares scale error about the image centre tell a systematic shift or
 * magnification (from resampling, say) from scatter.
 *
 * <p>Arguments: {@code MODEL [microscope=graphene-80kv-paper-test] [images per dose=16] [seed=1] [doses=1e3]}.
 */
public final class ErrorsBySite {

    private static final double BOND_MAX_ANGSTROM = 1.8;
    private static final double INSET_ANGSTROM = 2.5;
    private static final double DISPLACED_ANGSTROM = 1.0;
    private static final String[] KINDS = {"rim (< 3 neighbours)", "beside the rim", "inside the lattice",
        "near the image edge"};
    private static final int NEAR_EDGE = 3;

    private ErrorsBySite() {
    }

    public static void main(String[] args) throws Exception {
        EvaluateImages.Arguments a = EvaluateImages.Arguments.parse(args, "graphene-80kv-paper-test", "1e3");
        double tolerance = EvaluateImages.PRESET.matchingToleranceAngstrom();
        Evaluation evaluation = new Evaluation(tolerance, 1.0);
        System.out.printf(Locale.ROOT, "%s on %d %s images per dose (seed %d)%n", a.model(), a.imagesPerDose(), a.microscope(),
                a.seed());
        EvaluateImages.run(a, (trained, images) -> {
            Segmenter segmenter = new Segmenter(trained, Segmenter.Symmetrization.DIHEDRAL_8);
            for (double dose : a.doses()) {
                Tally tally = new Tally(evaluation, tolerance);
                evaluation.run(List.of(dose), a.imagesPerDose(), images, channels -> Site.of(PeakFinder.find(
                        segmenter.predict(channels).get(1), "carbon", new PeakFinder.Parameters(0.5, 1.0))), tally::add);
                tally.print(dose);
            }
        });
    }

    private static final class Tally {
        private final Evaluation evaluation;
        private final double toleranceAngstrom;
        private final int[] atoms = new int[KINDS.length];
        private final int[] found = new int[KINDS.length];
        private final double[] squaredErrorA2 = new double[KINDS.length];
        private int rimWithDirection;
        private double rimOutwardSumA;
        private double rimOutwardSquaredA2;
        private double rimAcrossSquaredA2;
        private double errorSumXA;
        private double errorSumYA;
        private double radialErrorSumA2;
        private double radiusSquaredSumA2;
        private int falseInLattice;
        private int falseInHoles;
        private int falseBesideMissedAtom;
        private int truePositives;
        private int falseNegatives;
        private int falsePositives;

        Tally(Evaluation evaluation, double toleranceAngstrom) {
            this.evaluation = evaluation;
            this.toleranceAngstrom = toleranceAngstrom;
        }

        void add(Evaluation.ScoredImage scored) {
            List<Site> truth = scored.image().truth();
            Grid grid = scored.image().channels().get(0).grid();
            Scoring.Score score = scored.score();
            truePositives += score.truePositives();
            falsePositives += score.falsePositives();
            falseNegatives += score.falseNegatives();
            double[] error = new double[truth.size()];
            Arrays.fill(error, Double.NaN);
            boolean[] matchedFound = new boolean[scored.found().size()];
            int[] findOf = new int[truth.size()];
            double centreX = (grid.extentXAngstrom() - grid.dxAngstrom()) / 2;
            double centreY = (grid.extentYAngstrom() - grid.dyAngstrom()) / 2;
            for (Scoring.Match m : score.matches()) {
                error[m.truth()] = m.distanceAngstrom();
                findOf[m.truth()] = m.predicted();
                Site atom = truth.get(m.truth());
                Site find = scored.found().get(m.predicted());
                double ex = find.xAngstrom() - atom.xAngstrom();
                double ey = find.yAngstrom() - atom.yAngstrom();
                double rx = atom.xAngstrom() - centreX;
                double ry = atom.yAngstrom() - centreY;
                errorSumXA += ex;
                errorSumYA += ey;
                radialErrorSumA2 += rx * ex + ry * ey;
                radiusSquaredSumA2 += rx * rx + ry * ry;
            }
            // The score keeps only pairs whose atom is scored; a find matched to an atom in the margin is not false.
            for (Scoring.Match m : Scoring.match(scored.found(), truth, toleranceAngstrom, null)) {
                matchedFound[m.predicted()] = true;
            }
            BondGraph bonds = BondGraph.byCutoff(truth.stream().mapToDouble(Site::xAngstrom).toArray(),
                    truth.stream().mapToDouble(Site::yAngstrom).toArray(), null, BOND_MAX_ANGSTROM);
            for (int i = 0; i < truth.size(); i++) {
                int kind;
                if (inside(grid, truth.get(i), INSET_ANGSTROM)) {
                    kind = kind(i, bonds);
                } else if (evaluation.isScored(grid, truth.get(i))) {
                    kind = NEAR_EDGE;
                } else {
                    continue;
                }
                atoms[kind]++;
                if (!Double.isNaN(error[i])) {
                    found[kind]++;
                    squaredErrorA2[kind] += error[i] * error[i];
                    if (kind == 0) {
                        addRimDirection(truth, bonds, i, scored.found().get(findOf[i]));
                    }
                }
            }
            for (int p = 0; p < scored.found().size(); p++) {
                Site f = scored.found().get(p);
                if (matchedFound[p] || !evaluation.isScored(grid, f)) {
                    continue;
                }
                boolean nearAtom = false;
                boolean besideMissedAtom = false;
                for (int i = 0; i < truth.size(); i++) {
                    double d = distance(truth.get(i), f);
                    nearAtom |= d <= BOND_MAX_ANGSTROM;
                    besideMissedAtom |= Double.isNaN(error[i]) && d <= DISPLACED_ANGSTROM;
                }
                falseBesideMissedAtom += besideMissedAtom ? 1 : 0;
                falseInLattice += nearAtom ? 1 : 0;
                falseInHoles += nearAtom ? 0 : 1;
            }
        }

        private void addRimDirection(List<Site> truth, BondGraph bonds, int i, Site find) {
            Site atom = truth.get(i);
            double towardNeighboursX = 0;
            double towardNeighboursY = 0;
            for (int j : bonds.neighbours(i)) {
                double d = distance(atom, truth.get(j));
                towardNeighboursX += (truth.get(j).xAngstrom() - atom.xAngstrom()) / d;
                towardNeighboursY += (truth.get(j).yAngstrom() - atom.yAngstrom()) / d;
            }
            double norm = Math.hypot(towardNeighboursX, towardNeighboursY);
            if (norm < 1e-6) {
                return;
            }
            double outX = -towardNeighboursX / norm;
            double outY = -towardNeighboursY / norm;
            double ex = find.xAngstrom() - atom.xAngstrom();
            double ey = find.yAngstrom() - atom.yAngstrom();
            double outward = ex * outX + ey * outY;
            double across = -ex * outY + ey * outX;
            rimWithDirection++;
            rimOutwardSumA += outward;
            rimOutwardSquaredA2 += outward * outward;
            rimAcrossSquaredA2 += across * across;
        }

        private static int kind(int i, BondGraph bonds) {
            if (bonds.coordination(i) < 3) {
                return 0;
            }
            for (int j : bonds.neighbours(i)) {
                if (bonds.coordination(j) < 3) {
                    return 1;
                }
            }
            return 2;
        }

        void print(double dose) {
            System.out.printf(Locale.ROOT, "dose %.3g: all scored atoms recall %.4f (%d missed)%n", dose,
                    (double) truePositives / (truePositives + falseNegatives), falseNegatives);
            int interiorAtoms = 0;
            int interiorFound = 0;
            double interiorSquaredErrorA2 = 0;
            for (int k = 0; k < KINDS.length; k++) {
                printKind(KINDS[k], atoms[k], found[k], squaredErrorA2[k]);
                if (k != NEAR_EDGE) {
                    interiorAtoms += atoms[k];
                    interiorFound += found[k];
                    interiorSquaredErrorA2 += squaredErrorA2[k];
                }
            }
            printKind("all but the edge", interiorAtoms, interiorFound, interiorSquaredErrorA2);
            int matched = Arrays.stream(found).sum();
            System.out.printf(Locale.ROOT, "  systematic: mean error (%+.4f, %+.4f) Å in (x, y), scale error %+.5f%n",
                    errorSumXA / matched, errorSumYA / matched, radialErrorSumA2 / radiusSquaredSumA2);
            double outwardMean = rimOutwardSumA / rimWithDirection;
            System.out.printf(Locale.ROOT, "  rim atoms found (%d with a direction): error outward into the hole mean %+.4f Å, "
                    + "scatter %.4f Å; across %.4f Å RMS%n", rimWithDirection, outwardMean,
                    Math.sqrt(rimOutwardSquaredA2 / rimWithDirection - outwardMean * outwardMean),
                    Math.sqrt(rimAcrossSquaredA2 / rimWithDirection));
            System.out.printf(Locale.ROOT, "  false finds: %d, of them %d within %.1f Å of an atom, %d farther (in holes); %d within %.1f Å "
                    + "of a missed atom (found, but too far off)%n", falsePositives, falseInLattice, BOND_MAX_ANGSTROM, falseInHoles,
                    falseBesideMissedAtom, DISPLACED_ANGSTROM);
        }
    }

    private static void printKind(String kind, int atoms, int found, double squaredErrorA2) {
        System.out.printf(Locale.ROOT, "  %-22s %5d atoms, %4d missed, recall %.4f, RMSE %.4f Å%n", kind, atoms, atoms - found,
                (double) found / atoms, Math.sqrt(squaredErrorA2 / found));
    }

    private static boolean inside(Grid grid, Site site, double insetAngstrom) {
        return site.xAngstrom() >= insetAngstrom && site.yAngstrom() >= insetAngstrom
                && site.xAngstrom() <= grid.extentXAngstrom() - grid.dxAngstrom() - insetAngstrom
                && site.yAngstrom() <= grid.extentYAngstrom() - grid.dyAngstrom() - insetAngstrom;
    }

    private static double distance(Site a, Site b) {
        return Math.hypot(a.xAngstrom() - b.xAngstrom(), a.yAngstrom() - b.yAngstrom());
    }
}
