package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    /** Test images: 200 × 200 px of 0.1 Å (20 Å square), sites on a 2 Å square lattice starting at 0.2 Å. */
    private static final int SIZE_PX = 200;
    private static final double PIXEL_A = 0.1;
    private static final double SPACING_A = 2;
    private static final double FIRST_A = 0.2;
    private static final double MARGIN_A = 1;

    /** Truth of each test image, so the oracle detector can cheat. */
    private final Map<RealImage, List<Site>> truthOf = new IdentityHashMap<>();

    private Evaluation.TestImage lattice(double dose, int index) {
        RealImage image = new RealImage(Grid.of(SIZE_PX, SIZE_PX, PIXEL_A), new float[SIZE_PX * SIZE_PX]);
        List<Site> truth = new ArrayList<>();
        for (double y = FIRST_A; y < SIZE_PX * PIXEL_A; y += SPACING_A) {
            for (double x = FIRST_A; x < SIZE_PX * PIXEL_A; x += SPACING_A) {
                truth.add(new Site(x, y, 1));
            }
        }
        truthOf.put(image, truth);
        return new Evaluation.TestImage("lattice " + dose + " " + index, dose, List.of(image), truth);
    }

    /** Position error per axis (Å) of the oracle at a dose: 0.02 Å at 1000 e/Å², growing as 1/√dose. */
    private static double sigma(double dose) {
        return 0.02 * Math.sqrt(1000 / dose);
    }

    private static boolean onBorderRow(Site s) {
        return s.xAngstrom() < MARGIN_A || s.yAngstrom() < MARGIN_A;
    }

    /**
     * A detector that knows the truth: it misses every site on the diagonal and every site in the border strip,
     * moves the others by a Gaussian error of σ(dose) per axis, and adds 5 spurious sites in the interior plus 3 in
     * the border strip, all ≥ 1 Å from any true site (beyond the 0.5 Å radius).
     */
    private Evaluation.Detector oracle(double dose, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return channels -> {
            List<Site> found = new ArrayList<>();
            for (Site s : truthOf.get(channels.get(0))) {
                boolean diagonal = Math.abs(s.xAngstrom() - s.yAngstrom()) < 1e-9;
                if (diagonal || onBorderRow(s)) {
                    continue;
                }
                found.add(new Site(s.xAngstrom() + sigma(dose) * random.nextGaussian(),
                        s.yAngstrom() + sigma(dose) * random.nextGaussian(), 1));
            }
            for (int k = 0; k < 5; k++) {
                double c = FIRST_A + SPACING_A * (1 + k) + SPACING_A / 2;
                found.add(new Site(c, FIRST_A + 3 * SPACING_A + SPACING_A / 2, 1));
            }
            for (int k = 0; k < 3; k++) {
                found.add(new Site(0.6, FIRST_A + SPACING_A * (2 + 2 * k) + SPACING_A / 2, 1));
            }
            return found;
        };
    }

    @Test
    void pooledPrecisionRecallF1AndRmseEqualTheOracleDetectorsKnownErrors() {
        // Per image, the interior [1, 19) Å (pixel edge at −0.05 Å, 1 Å margin) holds sites x, y ∈ {2.2, ..., 18.2}:
        // 9 × 9 = 81; the oracle drops the 9 diagonal ones → TP 72, FN 9, and adds 5 interior spurious → FP 5. The 19
        // border-strip sites (x or y = 0.2 Å) are missed and 3 spurious sites sit in the strip: neither counts.
        Evaluation evaluation = new Evaluation(0.5, MARGIN_A);
        List<Double> doses = List.of(100.0, 1000.0);
        int images = 20;
        Map<Double, Evaluation.Detector> detectors = Map.of(100.0, oracle(100, 1), 1000.0, oracle(1000, 2));
        double[] doseOfCall = {0};
        Evaluation.Report report = evaluation.run(doses, images, (dose, i) -> {
            doseOfCall[0] = dose;
            return lattice(dose, i);
        }, channels -> detectors.get(doseOfCall[0]).detect(channels), r -> { });

        assertEquals(2 * images, report.images().size());
        for (Evaluation.ImageResult r : report.images()) {
            assertEquals(72, r.truePositives(), r.id());
            assertEquals(9, r.falseNegatives(), r.id());
            assertEquals(5, r.falsePositives(), r.id());
        }
        for (Evaluation.DoseResult d : report.doses()) {
            Evaluation.Rates r = d.rates();
            assertEquals(images, d.images());
            assertEquals(72 * images, r.truePositives());
            assertEquals(81 * images, r.trueSites());
            assertEquals(77 * images, r.found());
            assertEquals(72.0 / 77, r.precision(), 1e-12);
            assertEquals(72.0 / 81, r.recall(), 1e-12);
            assertEquals(144.0 / 158, r.f1(), 1e-12);
            // 2-D Gaussian error of σ per axis: E[d²] = 2σ², so RMSE → √2 σ. d² is exponential (sd = mean), so over
            // n = 1440 matches the RMSE's relative standard error is 1/(2√n) = 1.3 %; 4 % is three of them.
            double expected = Math.sqrt(2) * sigma(d.doseElectronsPerA2());
            assertEquals(expected, r.rmseAngstrom(), 0.04 * expected, "dose " + d.doseElectronsPerA2());
            assertEquals(1.0, r.classAccuracy());
        }
        assertTrue(report.doses().get(0).rates().rmseAngstrom() > 2.5 * report.doses().get(1).rates().rmseAngstrom(),
                "σ grows √10 = 3.16× from 1000 to 100 e/Å²");
    }

    @Test
    void aDetectorThatFindsNothingHasRecallZeroPrecisionOneAndNoRmse() {
        Evaluation.Report report = new Evaluation(0.5, MARGIN_A).run(List.of(10.0), 3, this::lattice, channels -> List.of(), r -> { });
        Evaluation.Rates r = report.doses().get(0).rates();
        assertEquals(3 * 81, r.falseNegatives());
        assertEquals(0, r.found());
        assertEquals(1.0, r.precision());
        assertEquals(0.0, r.recall());
        assertEquals(0.0, r.f1());
        assertTrue(Double.isNaN(r.rmseAngstrom()));
    }

    @Test
    void sitesAreScoredInTheImageFrameWhosePixelEdgeIsHalfAPixelBeforeTheFirstCentre() {
        // A true site at x = 0.9 Å lies 0.95 Å from the image edge (−0.05 Å): inside a 1 Å margin, so not scored; at
        // x = 1.0 Å it lies 1.05 Å in and is missed.
        RealImage image = new RealImage(Grid.of(SIZE_PX, SIZE_PX, PIXEL_A), new float[SIZE_PX * SIZE_PX]);
        Evaluation evaluation = new Evaluation(0.5, MARGIN_A);
        Scoring.Score outside = evaluation.score(new Evaluation.TestImage("a", 1, List.of(image), List.of(new Site(0.9, 10, 1))), List.of());
        Scoring.Score inside = evaluation.score(new Evaluation.TestImage("b", 1, List.of(image), List.of(new Site(1.0, 10, 1))), List.of());
        assertEquals(0, outside.falseNegatives());
        assertEquals(1, inside.falseNegatives());
        // The far edge is at (200 − 0.5) · 0.1 = 19.95 Å: x = 18.9 Å is 1.05 Å inside it, x = 19.0 Å only 0.95 Å.
        Scoring.Score far = evaluation.score(new Evaluation.TestImage("c", 1, List.of(image),
                List.of(new Site(18.9, 10, 1), new Site(19.0, 10, 1))), List.of());
        assertEquals(1, far.falseNegatives());
    }
}
