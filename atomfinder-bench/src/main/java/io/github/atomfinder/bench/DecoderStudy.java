package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.Evaluation;
import io.github.atomfinder.analysis.Scoring;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.PeakFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Can a smarter reading of the network's carbon map find the atoms it misses at low dose? The network runs once on
 * each of evaluate's test images (same images, same 8-symmetry averaging, same scoring as {@code evaluate --preset
 * graphene --examples 8 --seed S}); then several decoders read the same maps: {@link PeakFinder} at thresholds 0.5,
 * 0.4 and 0.3, and hysteresis thresholding, which keeps every peak ≥ 0.5 and then, repeatedly, a weaker peak
 * (≥ the low threshold) when at least {@code k} accepted atoms sit at a bond's distance from it (1.15–1.75 Å). If
 * faint atoms were faint only for want of context, hysteresis would raise recall at lower cost in precision and
 * position error than a plain lower threshold. Last, the default decoder's position error split into a shift
 * common to each image and the scatter about it (a bias shows as a shift).
 *
 * <p>Arguments: {@code MODEL [microscope=graphene-80kv-start] [images per dose=16] [seed=1] [doses=1e3,1e4,1e5]}.
 */
public final class DecoderStudy {

    private static final double MIN_DISTANCE_ANGSTROM = 1.0;
    private static final double BOND_MIN_ANGSTROM = 1.15;
    private static final double BOND_MAX_ANGSTROM = 1.75;
    private static final double STRONG_THRESHOLD = 0.5;

    private DecoderStudy() {
    }

    public static void main(String[] args) throws Exception {
        EvaluateImages.Arguments a = EvaluateImages.Arguments.parse(args, "graphene-80kv-start", "1e3,1e4,1e5");
        Path model = a.model();
        String microscope = a.microscope();
        int imagesPerDose = a.imagesPerDose();
        long seed = a.seed();
        List<Double> doses = a.doses();
        Map<Double, List<Evaluation.TestImage>> images = new LinkedHashMap<>();
        // Keyed by the image's own channel list, which is what evaluate's detector is handed.
        Map<List<RealImage>, RealImage> carbonMaps = new IdentityHashMap<>();
        EvaluateImages.run(a, (trained, source) -> {
            Segmenter segmenter = new Segmenter(trained, Segmenter.Symmetrization.DIHEDRAL_8);
            for (double dose : doses) {
                List<Evaluation.TestImage> ofDose = new ArrayList<>();
                for (int i = 0; i < imagesPerDose; i++) {
                    Evaluation.TestImage image = source.image(dose, i);
                    ofDose.add(image);
                    carbonMaps.put(image.channels(), segmenter.predict(image.channels()).get(1));
                }
                images.put(dose, ofDose);
                System.err.printf(Locale.ROOT, "dose %.3g: %d images%n", dose, imagesPerDose);
            }
        });

        Evaluation evaluation = new Evaluation(EvaluateImages.PRESET.matchingToleranceAngstrom(), 1.0);
        Evaluation.ImageSource cached = (dose, i) -> images.get(dose).get(i);
        System.out.printf(Locale.ROOT, "%s on %d %s images per dose (seed %d); precision / recall / F1 / RMSE Å per dose%n",
                model, imagesPerDose, microscope, seed);
        List<Evaluation.ScoredImage> defaultDecoder = new ArrayList<>();
        for (double threshold : new double[] {0.5, 0.4, 0.3}) {
            report(String.format(Locale.ROOT, "peaks >= %.1f", threshold), evaluation.run(doses, imagesPerDose, cached,
                    channels -> peaks(carbonMaps.get(channels), threshold, MIN_DISTANCE_ANGSTROM), scored -> {
                        if (threshold == STRONG_THRESHOLD) {
                            defaultDecoder.add(scored);
                        }
                    }));
        }
        for (double low : new double[] {0.3, 0.2}) {
            for (int bonded : new int[] {1, 2}) {
                report(String.format(Locale.ROOT, "hysteresis 0.5 / %.1f, %d bonded", low, bonded), evaluation.run(doses,
                        imagesPerDose, cached, channels -> hysteresis(carbonMaps.get(channels), low, bonded), scored -> {
                        }));
            }
        }
        positionBias(doses, defaultDecoder);
    }

    /**
     * Splits the default decoder's position error into a shift shared by all atoms of an image (what a bias of the
     * resampling, the pixel-centre convention or the sub-pixel fit would leave) and the scatter about it, over the
     * pairs evaluate matched.
     */
    private static void positionBias(List<Double> doses, List<Evaluation.ScoredImage> scoredImages) {
        System.out.println("position error of peaks >= 0.5: mean offset (x, y) Å, RMSE Å = sqrt(shift² + scatter²), RMS of each image's "
                + "mean offset (shift) Å, RMS about it (scatter) Å");
        for (double dose : doses) {
            double sumX = 0;
            double sumY = 0;
            double shiftSquares = 0;
            double scatterSquares = 0;
            int matched = 0;
            for (Evaluation.ScoredImage scored : scoredImages) {
                List<Scoring.Match> matches = scored.score().matches();
                if (scored.image().doseElectronsPerA2() != dose || matches.isEmpty()) {
                    continue;
                }
                double[] dx = new double[matches.size()];
                double[] dy = new double[matches.size()];
                for (int m = 0; m < matches.size(); m++) {
                    Site f = scored.found().get(matches.get(m).predicted());
                    Site t = scored.image().truth().get(matches.get(m).truth());
                    dx[m] = f.xAngstrom() - t.xAngstrom();
                    dy[m] = f.yAngstrom() - t.yAngstrom();
                }
                double meanX = Arrays.stream(dx).average().orElseThrow();
                double meanY = Arrays.stream(dy).average().orElseThrow();
                for (int m = 0; m < dx.length; m++) {
                    scatterSquares += (dx[m] - meanX) * (dx[m] - meanX) + (dy[m] - meanY) * (dy[m] - meanY);
                }
                shiftSquares += dx.length * (meanX * meanX + meanY * meanY);
                sumX += dx.length * meanX;
                sumY += dy.length * meanY;
                matched += dx.length;
            }
            System.out.printf(Locale.ROOT, "%.3g: %d matched, mean offset (%+.4f, %+.4f), RMSE %.4f, shift %.4f, scatter %.4f%n", dose,
                    matched, sumX / matched, sumY / matched, Math.sqrt((shiftSquares + scatterSquares) / matched),
                    Math.sqrt(shiftSquares / matched), Math.sqrt(scatterSquares / matched));
        }
    }

    private static List<Site> peaks(RealImage map, double threshold, double minDistanceAngstrom) {
        return Site.of(PeakFinder.find(map, "carbon", new PeakFinder.Parameters(threshold, minDistanceAngstrom)));
    }

    /** Peaks ≥ 0.5, then, until none is added, weaker peaks ≥ {@code low} with {@code bonded} accepted bond partners. */
    static List<Site> hysteresis(RealImage map, double low, int bonded) {
        List<Site> accepted = new ArrayList<>(peaks(map, STRONG_THRESHOLD, MIN_DISTANCE_ANGSTROM));
        List<Site> candidates = new ArrayList<>();
        for (Detection d : PeakFinder.find(map, "carbon", new PeakFinder.Parameters(low, 0)).detections()) {
            if (d.confidence() < STRONG_THRESHOLD) {
                candidates.add(Site.of(d));
            }
        }
        boolean added = true;
        while (added) {
            added = false;
            List<Site> waiting = new ArrayList<>();
            for (Site candidate : candidates) {
                int partners = 0;
                boolean crowded = false;
                for (Site a : accepted) {
                    double d = Math.hypot(a.xAngstrom() - candidate.xAngstrom(), a.yAngstrom() - candidate.yAngstrom());
                    crowded |= d < MIN_DISTANCE_ANGSTROM;
                    partners += d >= BOND_MIN_ANGSTROM && d <= BOND_MAX_ANGSTROM ? 1 : 0;
                }
                if (crowded) {
                    continue;
                }
                if (partners >= bonded) {
                    accepted.add(candidate);
                    added = true;
                } else {
                    waiting.add(candidate);
                }
            }
            candidates = waiting;
        }
        return accepted;
    }

    private static void report(String label, Evaluation.Report report) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-30s", label));
        for (Evaluation.DoseResult dose : report.doses()) {
            Evaluation.Rates r = dose.rates();
            line.append(String.format(Locale.ROOT, " | %.3g: %.3f %.3f %.3f %.3f", dose.doseElectronsPerA2(), r.precision(),
                    r.recall(), r.f1(), r.rmseAngstrom()));
        }
        System.out.println(line);
    }
}
