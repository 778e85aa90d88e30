package io.github.atomfinder.analysis;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A detector scored against ground truth as a function of electron dose (issue #8, Madsen et al. 2018's
 * error-versus-dose figure): for each dose, images with known sites are run through the detector and scored by
 * {@link Scoring} (optimal one-to-one matching within a tolerance), excluding sites closer than a margin to the
 * image border. Counts are summed per dose and the RMSE is taken over all matched pairs of that dose.
 *
 * <p>The detector sees only the images; the truth stays here. Which images and which detector is the caller's
 * choice: {@code atomfinder evaluate} passes held-out simulated images ({@link SimulatedTestImages}) and the
 * trained network with {@code analyze}'s post-processing.
 */
public final class Evaluation {

    /**
     * One image with its ground truth.
     *
     * @param id a label for the per-image table
     * @param doseElectronsPerA2 the dose the image was formed at
     * @param channels the image (or focal series) at its own pixel size, as a user would give it
     * @param truth the true sites in the image's frame (Å, pixel centres at integer multiples of the pixel size)
     */
    public record TestImage(String id, double doseElectronsPerA2, List<RealImage> channels, List<Site> truth) {

        public TestImage {
            channels = List.copyOf(channels);
            truth = List.copyOf(truth);
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("a test image needs at least one channel");
            }
        }
    }

    /** Makes image {@code index} (0, 1, ...) of a dose; a pure function of its arguments. */
    @FunctionalInterface
    public interface ImageSource {
        TestImage image(double doseElectronsPerA2, int index);
    }

    /** What is evaluated: the images of one frame in, the sites found (Å, the image's frame) out. */
    @FunctionalInterface
    public interface Detector {
        List<Site> detect(List<RealImage> channels);
    }

    /**
     * The score of one image.
     *
     * @param index the image's number within its dose
     * @param sumSquaredErrorA2 Σ d² over the scored matches, Å², for pooling RMSEs
     * @param sameClass scored matches whose classes agree
     */
    public record ImageResult(String id, double doseElectronsPerA2, int index, int truePositives, int falsePositives,
            int falseNegatives, double sumSquaredErrorA2, int sameClass) {

        static ImageResult of(TestImage image, int index, Scoring.Score score) {
            double squared = 0;
            for (Scoring.Match m : score.matches()) {
                squared += m.distanceAngstrom() * m.distanceAngstrom();
            }
            int same = score.truePositives() == 0 ? 0 : (int) Math.round(score.classAccuracy() * score.truePositives());
            return new ImageResult(image.id(), image.doseElectronsPerA2(), index, score.truePositives(),
                    score.falsePositives(), score.falseNegatives(), squared, same);
        }

        public Rates rates() {
            return Rates.of(truePositives, falsePositives, falseNegatives, sumSquaredErrorA2, sameClass);
        }
    }

    /**
     * One image as it was scored, for callers that show it (e.g. {@link EvaluationOverlay}).
     *
     * @param found the detector's sites, in the image's frame like {@code image.truth()}
     * @param score the score; its matches index {@code found} and {@code image.truth()}
     */
    public record ScoredImage(TestImage image, List<Site> found, Scoring.Score score, ImageResult result) {

        public ScoredImage {
            found = List.copyOf(found);
        }
    }

    /**
     * Precision, recall, F1, RMSE and class accuracy from pooled counts, with {@link Scoring.Score}'s conventions:
     * with nothing found precision is 1, with nothing to find recall is 1, F1 is 0 when both are 0, and RMSE and
     * class accuracy are NaN without matches.
     *
     * @param trueSites sites that count (TP + FN)
     * @param found detections that count (TP + FP)
     */
    public record Rates(int trueSites, int found, int truePositives, int falsePositives, int falseNegatives,
            double precision, double recall, double f1, double rmseAngstrom, double classAccuracy) {

        static Rates of(int tp, int fp, int fn, double sumSquaredA2, int sameClass) {
            double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double rmse = tp == 0 ? Double.NaN : Math.sqrt(sumSquaredA2 / tp);
            double accuracy = tp == 0 ? Double.NaN : (double) sameClass / tp;
            return new Rates(tp + fn, tp + fp, tp, fp, fn, precision, recall, f1, rmse, accuracy);
        }
    }

    /** The pooled scores of one dose over its {@code images}. */
    public record DoseResult(double doseElectronsPerA2, int images, Rates rates) {
    }

    /**
     * Everything an evaluation found.
     *
     * @param toleranceAngstrom matching radius
     * @param marginAngstrom border strip whose sites are not scored
     * @param doses one row per dose, in the order evaluated
     * @param images one row per image, dose by dose
     */
    public record Report(double toleranceAngstrom, double marginAngstrom, List<DoseResult> doses, List<ImageResult> images) {

        public Report {
            doses = List.copyOf(doses);
            images = List.copyOf(images);
        }
    }

    private final double toleranceAngstrom;
    private final double marginAngstrom;

    /**
     * @param toleranceAngstrom matching radius (0.5 Å for atoms, 1 Å for columns, method.md §9)
     * @param marginAngstrom sites (true or found) closer than this to the image border are not scored, so atoms
     *     cut by the border count neither as missed nor as spurious
     */
    public Evaluation(double toleranceAngstrom, double marginAngstrom) {
        if (!(toleranceAngstrom > 0) || Double.isInfinite(toleranceAngstrom) || !(marginAngstrom >= 0)
                || Double.isInfinite(marginAngstrom)) {
            throw new IllegalArgumentException("need a positive matching radius and a margin ≥ 0 Å, got "
                    + toleranceAngstrom + " and " + marginAngstrom);
        }
        this.toleranceAngstrom = toleranceAngstrom;
        this.marginAngstrom = marginAngstrom;
    }

    /** Width (Å) of the border strip whose sites are not scored. */
    public double marginAngstrom() {
        return marginAngstrom;
    }

    /** Whether a site (Å, the image's frame) of an image on {@code grid} is scored: inside the image less the margin. */
    public boolean isScored(Grid grid, Site site) {
        return region(grid).contains(shifted(List.of(site), grid).get(0));
    }

    private Scoring.Region region(Grid grid) {
        return new Scoring.Region(grid.extentXAngstrom(), grid.extentYAngstrom(), marginAngstrom, false);
    }

    /** The score of {@code found} on {@code image}, inside the image less the margin. */
    public Scoring.Score score(TestImage image, List<Site> found) {
        Grid grid = image.channels().get(0).grid();
        // Pixel centres at 0 .. (n−1)·d: the image covers [−d/2, (n − 1/2)·d); the region is its interior less the margin.
        List<Site> truth = shifted(image.truth(), grid);
        List<Site> predicted = shifted(found, grid);
        return Scoring.score(predicted, truth, toleranceAngstrom, region(grid));
    }

    /**
     * Scores {@code imagesPerDose} images of every dose.
     *
     * @param onImage called after each image, for progress or to show it
     */
    public Report run(List<Double> dosesElectronsPerA2, int imagesPerDose, ImageSource source, Detector detector,
            Consumer<ScoredImage> onImage) {
        if (imagesPerDose < 1 || dosesElectronsPerA2.isEmpty()) {
            throw new IllegalArgumentException("need at least one dose and one image per dose");
        }
        List<DoseResult> doses = new ArrayList<>();
        List<ImageResult> all = new ArrayList<>();
        for (double dose : dosesElectronsPerA2) {
            List<ImageResult> ofDose = new ArrayList<>();
            for (int i = 0; i < imagesPerDose; i++) {
                TestImage image = source.image(dose, i);
                List<Site> found = detector.detect(image.channels());
                Scoring.Score score = score(image, found);
                ImageResult result = ImageResult.of(image, i, score);
                ofDose.add(result);
                onImage.accept(new ScoredImage(image, found, score, result));
            }
            all.addAll(ofDose);
            doses.add(pool(dose, ofDose));
        }
        return new Report(toleranceAngstrom, marginAngstrom, doses, all);
    }

    /** Sums the counts of {@code images} and pools their squared errors. */
    static DoseResult pool(double dose, List<ImageResult> images) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int same = 0;
        double squared = 0;
        for (ImageResult r : images) {
            tp += r.truePositives();
            fp += r.falsePositives();
            fn += r.falseNegatives();
            same += r.sameClass();
            squared += r.sumSquaredErrorA2();
        }
        return new DoseResult(dose, images.size(), Rates.of(tp, fp, fn, squared, same));
    }

    private static List<Site> shifted(List<Site> sites, Grid grid) {
        double hx = 0.5 * grid.dxAngstrom();
        double hy = 0.5 * grid.dyAngstrom();
        return sites.stream().map(s -> new Site(s.xAngstrom() + hx, s.yAngstrom() + hy, s.classIndex())).toList();
    }
}
