package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoringTest {

    @Test
    void handCheckedPrecisionRecallF1AndRmse() {
        List<Site> truth = List.of(new Site(0, 0, 1), new Site(2, 0, 1), new Site(4, 0, 1));
        List<Site> predicted = List.of(new Site(0.1, 0, 1), new Site(2, 0.3, 1), new Site(10, 10, 1));
        Scoring.Score score = Scoring.score(predicted, truth, 0.5);
        assertEquals(2, score.truePositives());
        assertEquals(1, score.falsePositives());
        assertEquals(1, score.falseNegatives());
        assertEquals(2.0 / 3, score.precision(), 1e-12);
        assertEquals(2.0 / 3, score.recall(), 1e-12);
        assertEquals(2.0 / 3, score.f1(), 1e-12);
        // sqrt((0.1² + 0.3²) / 2) = sqrt(0.05)
        assertEquals(Math.sqrt(0.05), score.rmseAngstrom(), 1e-12);
        assertEquals(1.0, score.classAccuracy());
    }

    @Test
    void matchingIsOptimalWhereGreedyNearestFirstIsNot() {
        // On a line: t0 = 0, t1 = 0.5, p0 = 0.1, p1 = -0.3, tolerance 0.5. Nearest-first pairs p0-t0 (0.1) and
        // leaves p1 (0.8 from t1) alone; the optimum pairs p0-t1 (0.4) and p1-t0 (0.3).
        List<Site> truth = List.of(new Site(0, 0, 1), new Site(0.5, 0, 1));
        List<Site> predicted = List.of(new Site(0.1, 0, 1), new Site(-0.3, 0, 1));
        List<Scoring.Match> matches = Scoring.match(predicted, truth, 0.5, null);
        assertEquals(List.of(new Scoring.Match(0, 1, 0.4), new Scoring.Match(1, 0, 0.3)),
                matches.stream().map(m -> new Scoring.Match(m.predicted(), m.truth(), Math.round(m.distanceAngstrom() * 1e9) / 1e9)).toList());
    }

    @Test
    void matchingAgreesWithBruteForceOnRandomCrowdedSets() {
        Random random = new Random(21);
        for (int trial = 0; trial < 200; trial++) {
            int p = 1 + random.nextInt(6);
            int t = 1 + random.nextInt(6);
            List<Site> predicted = randomSites(random, p, 1.5);
            List<Site> truth = randomSites(random, t, 1.5);
            List<Scoring.Match> matches = Scoring.match(predicted, truth, 0.5, null);
            double[] best = bruteForce(predicted, truth, 0.5, 0, new boolean[t]);
            assertEquals((int) best[0], matches.size(), "trial " + trial);
            assertEquals(best[1], matches.stream().mapToDouble(Scoring.Match::distanceAngstrom).sum(), 1e-9, "trial " + trial);
        }
    }

    @Test
    void classAccuracyCountsMatchedPairsWithTheSameClass() {
        List<Site> truth = List.of(new Site(0, 0, 1), new Site(3, 0, 2), new Site(6, 0, 3));
        List<Site> predicted = List.of(new Site(0, 0, 1), new Site(3, 0, 2), new Site(6, 0, 2));
        assertEquals(2.0 / 3, Scoring.score(predicted, truth, 1.0).classAccuracy(), 1e-12);
    }

    @Test
    void periodicCellMatchesAcrossTheBorderAndIgnoresTheMargin() {
        Scoring.Region cell = new Scoring.Region(10, 8, 1.0, true);
        // Truth 0.1 Å from the left edge, prediction 0.1 Å from the right edge: 0.2 Å apart through the border.
        List<Site> truth = List.of(new Site(0.1, 4, 1), new Site(5, 4, 1), new Site(5, 0.5, 1));
        List<Site> predicted = List.of(new Site(9.9, 4, 1), new Site(5.3, 4, 1), new Site(9.5, 7.5, 1));
        List<Scoring.Match> matches = Scoring.match(predicted, truth, 0.5, cell);
        assertEquals(2, matches.size());
        assertEquals(0.2, matches.get(0).distanceAngstrom(), 1e-9);
        Scoring.Score score = Scoring.score(predicted, truth, 0.5, cell);
        // Only (5, 4) lies in the interior [1, 9) × [1, 7): one hit, the edge atoms and the unmatched
        // prediction at (9.5, 7.5) and truth at (5, 0.5) are in the margin and not counted.
        assertEquals(1, score.truePositives());
        assertEquals(0, score.falsePositives());
        assertEquals(0, score.falseNegatives());
        assertEquals(0.3, score.rmseAngstrom(), 1e-9);
        Scoring.Score plain = Scoring.score(predicted, truth, 0.5);
        assertEquals(1, plain.truePositives(), "without the cell the border pair is 9.8 Å apart");
    }

    @Test
    void emptySetsHaveConventionalRates() {
        Scoring.Score nothing = Scoring.score(List.of(), List.of(new Site(0, 0, 1)), 0.5);
        assertEquals(1.0, nothing.precision());
        assertEquals(0.0, nothing.recall());
        assertEquals(0.0, nothing.f1());
        assertTrue(Double.isNaN(nothing.rmseAngstrom()));
    }

    @Test
    void detectionsConvertToSitesInAngstrom() {
        Detections detections = new Detections(new Grid(10, 10, 0.2, 0.1), List.of("background", "C"),
                List.of(Detection.atPixel(3, 4, 0.2, 0.1, 1, 0.9, new double[] {0.1, 0.9})));
        assertEquals(List.of(new Site(0.3, 0.8, 1)), Site.of(detections).stream()
                .map(s -> new Site(Math.round(s.xAngstrom() * 1e9) / 1e9, Math.round(s.yAngstrom() * 1e9) / 1e9, s.classIndex()))
                .toList());
    }

    @Test
    void simulationCellGivesAPeriodicRegionAndAtomsGiveClassOneSites() {
        Cell cell = Cell.periodicXY(10, 8, 5);
        Atoms atoms = new Atoms(new double[] {0.1, 5}, new double[] {4, 4}, new double[] {0, 0}, new int[] {6, 6}, cell);
        List<Site> truth = Site.of(atoms);
        assertEquals(new Site(0.1, 4, 1), truth.get(0));
        Scoring.Score score = Scoring.score(List.of(new Site(9.9, 4, 1), new Site(5, 4.2, 1)), truth, 0.5,
                Scoring.Region.of(cell, 0));
        assertEquals(2, score.truePositives(), "periodic across x = 0");
        assertEquals(Math.sqrt((0.04 + 0.04) / 2), score.rmseAngstrom(), 1e-9);
    }

    private static List<Site> randomSites(Random random, int n, double extent) {
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sites.add(new Site(random.nextDouble() * extent, random.nextDouble() * extent, 1));
        }
        return sites;
    }

    /** {most pairs, least summed distance among those} by trying every assignment. */
    private static double[] bruteForce(List<Site> predicted, List<Site> truth, double tolerance, int i, boolean[] used) {
        if (i == predicted.size()) {
            return new double[] {0, 0};
        }
        double[] best = bruteForce(predicted, truth, tolerance, i + 1, used);
        for (int j = 0; j < truth.size(); j++) {
            double d = Math.hypot(predicted.get(i).xAngstrom() - truth.get(j).xAngstrom(),
                    predicted.get(i).yAngstrom() - truth.get(j).yAngstrom());
            if (!used[j] && d <= tolerance) {
                used[j] = true;
                double[] rest = bruteForce(predicted, truth, tolerance, i + 1, used);
                used[j] = false;
                double[] candidate = {rest[0] + 1, rest[1] + d};
                if (candidate[0] > best[0] || (candidate[0] == best[0] && candidate[1] < best[1] - 1e-12)) {
                    best = candidate;
                }
            }
        }
        return best;
    }
}
