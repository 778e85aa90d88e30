package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.Evaluation;
import io.github.atomfinder.analysis.Scoring;
import io.github.atomfinder.analysis.SimulatedTestImages;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.postprocess.AtomDecoder;
import io.github.atomfinder.postprocess.PeakFinder;
import io.github.atomfinder.postprocess.WatershedSegmenter;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the time of {@code atomfinder evaluate} goes, per image: drawing a test image (image formation of a stored
 * exit wave and crop), the network (resampling, normalisation, inference) and the post-processing. The same image
 * is also run twice through the network, to separate first-call costs of a new input shape from steady-state ones.
 * Also prints the mean displacement (found − true) of matched sites: a convention slip between the image, the
 * network's resampling and the ground truth would show as a bias of a fraction of a pixel.
 * Args: MODEL_DIR DATASET_DIR [images=6] [crop=256] [dose=1000].
 */
public final class EvaluateBenchmark {

    private EvaluateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        DatasetFolder dataset = DatasetFolder.open(Path.of(args[1]));
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int crop = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        double dose = args.length > 4 ? Double.parseDouble(args[4]) : 1000;
        double[] sum = new double[3];
        AtomDecoder decoder = new AtomDecoder(new PeakFinder.Parameters(0.5, 1.0), WatershedSegmenter.Parameters.defaults());
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            Segmenter segmenter = new Segmenter(model);
            SimulatedTestImages.Samplers heldOut = (imaging, pairs, samplerSeed) ->
                    dataset.withMicroscopes(imaging).validationPairs(pairs, samplerSeed);
            SimulatedTestImages source = new SimulatedTestImages(heldOut, dataset.microscopes(),
                    dataset.preset().classes(), crop, 1);
            for (int i = 0; i < images; i++) {
                long t0 = System.nanoTime();
                Evaluation.TestImage image = source.image(dose, i);
                long t1 = System.nanoTime();
                List<RealImage> maps = segmenter.predict(image.channels());
                long t2 = System.nanoTime();
                segmenter.predict(image.channels());
                long t3 = System.nanoTime();
                List<Site> found = Site.of(decoder.decode(maps, model.card().classes()));
                long t4 = System.nanoTime();
                double[] own = new double[5];
                for (Scoring.Match m : Scoring.match(found, image.truth(), 0.5, null)) {
                    double dx = found.get(m.predicted()).xAngstrom() - image.truth().get(m.truth()).xAngstrom();
                    double dy = found.get(m.predicted()).yAngstrom() - image.truth().get(m.truth()).yAngstrom();
                    sum[0] += dx;
                    sum[1] += dy;
                    sum[2]++;
                    own[0] += dx;
                    own[1] += dy;
                    own[2] += dx * dx;
                    own[3] += dy * dy;
                    own[4]++;
                }
                double mx = own[0] / own[4];
                double my = own[1] / own[4];
                System.out.printf("image %d: %d matches, mean displacement (%+.4f, %+.4f) Å, spread about it (%.4f, %.4f) Å%n",
                        i, (long) own[4], mx, my, Math.sqrt(own[2] / own[4] - mx * mx), Math.sqrt(own[3] / own[4] - my * my));
                RealImage first = image.channels().get(0);
                System.out.printf("image %d (%d px of %.4f Å): draw %.0f ms, network %.0f ms (again %.0f ms), post-processing %.0f ms, %d found%n",
                        i, first.nx(), first.grid().dxAngstrom(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                        (t4 - t3) / 1e6, found.size());
            }
            System.out.printf("mean displacement of %d matched sites (within 0.5 Å): x %+.4f Å, y %+.4f Å%n", (long) sum[2],
                    sum[0] / sum[2], sum[1] / sum[2]);
        }
    }
}
