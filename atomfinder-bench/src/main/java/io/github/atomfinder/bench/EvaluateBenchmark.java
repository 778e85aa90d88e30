package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.Evaluation;
import io.github.atomfinder.analysis.SimulatedTestImages;
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
 * Args: MODEL_DIR DATASET_DIR [images=6] [crop=256].
 */
public final class EvaluateBenchmark {

    private EvaluateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        DatasetFolder dataset = DatasetFolder.open(Path.of(args[1]));
        int images = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int crop = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        AtomDecoder decoder = new AtomDecoder(new PeakFinder.Parameters(0.5, 1.0), WatershedSegmenter.Parameters.defaults());
        try (TrainedModel model = TrainedModel.load(modelDir)) {
            Segmenter segmenter = new Segmenter(model);
            SimulatedTestImages source = new SimulatedTestImages(dataset::validationPairs, dataset.microscopes(),
                    dataset.preset().classes(), crop, 1);
            for (int i = 0; i < images; i++) {
                long t0 = System.nanoTime();
                Evaluation.TestImage image = source.image(1000, i);
                long t1 = System.nanoTime();
                List<RealImage> maps = segmenter.predict(image.channels());
                long t2 = System.nanoTime();
                segmenter.predict(image.channels());
                long t3 = System.nanoTime();
                int found = decoder.decode(maps, model.card().classes()).size();
                long t4 = System.nanoTime();
                RealImage first = image.channels().get(0);
                System.out.printf("image %d (%d px of %.4f Å): draw %.0f ms, network %.0f ms (again %.0f ms), post-processing %.0f ms, %d found%n",
                        i, first.nx(), first.grid().dxAngstrom(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                        (t4 - t3) / 1e6, found);
            }
        }
    }
}
