package io.github.atomfinder.nn;

import io.github.atomfinder.data.TrainingPairSource;
import io.github.atomfinder.errors.AtomfinderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A training-pair source with what the model card must record about it.
 *
 * @param source the pairs
 * @param classNames meaning of each label map, background first when there are several
 * @param pixelSizeAngstrom pixel size of the pairs
 * @param normalizationSigmaAngstrom local-normalisation window the inputs were normalised with
 * @param presets data presets and parameter ranges, copied into the model card
 */
public record TrainingData(TrainingPairSource source, List<String> classNames, double pixelSizeAngstrom,
        double normalizationSigmaAngstrom, Map<String, Object> presets) {

    public TrainingData {
        classNames = List.copyOf(classNames);
        presets = Map.copyOf(presets);
    }

    /**
     * The dataset in {@code directory}, cut into {@code crop}-pixel pairs. The dataset-folder format belongs to
     * the training-data pipeline (issue 5); until it lands this reports that such folders cannot be read yet.
     */
    public static TrainingData open(Path directory, int crop, long seed) {
        if (!Files.isDirectory(directory)) {
            throw new AtomfinderException("training data folder " + directory + " does not exist");
        }
        throw new AtomfinderException("reading training data folders (" + directory
                + ") is not available in this build yet; use --synthetic for the demonstration source");
    }

    /** The demonstration source: Gaussian blobs on noise ({@link SyntheticBlobSource}), nominal 0.1 Å pixels. */
    public static TrainingData synthetic(int crop, long seed) {
        SyntheticBlobSource source = new SyntheticBlobSource(crop, Math.max(1, crop * crop / 256), 1.5, 0.3, seed);
        return new TrainingData(source, List.of("background", "atom"), 0.1, 1.2, Map.of(
                "source", "synthetic Gaussian blobs on white noise (demonstration, not physics)",
                "blobsPerCrop", source.blobs(), "blobSigmaPixels", source.blobSigmaPixels(), "noise", source.noise(),
                "seed", seed));
    }
}
