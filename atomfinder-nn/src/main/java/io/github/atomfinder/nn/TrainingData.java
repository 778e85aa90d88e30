package io.github.atomfinder.nn;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.data.GrapheneHoles;
import io.github.atomfinder.data.PairSampler;
import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.data.TrainingPairSource;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.ParameterDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Default width σ (Å) of the Gaussian per site in the label maps: separates neighbours 1.42 Å apart (2σ < 1.42 Å). */
    public static final double LABEL_SIGMA_ANGSTROM = 0.35;
    /** Local-normalisation window σ (Å), as in the paper's code. */
    public static final double NORMALIZATION_SIGMA_ANGSTROM = 12;
    /** Brightness (±) and contrast (×1±) jitter of training inputs, method.md §8. */
    public static final double JITTER = 0.1;
    /**
     * Relative jitter of the pixel size training images are resampled to: the microscope's pixel size is drawn
     * from its whole range (the cameras users have), then the image is resampled to the model's pixel size as
     * {@code analyze} does; this jitter stands for the user's calibration error.
     */
    public static final double MODEL_PIXEL_JITTER = 0.03;

    /**
     * Seed of the validation crops, whatever the run's seed: a resumed stage that draws its training data with a new
     * seed is then validated on the same crops, so its validation curve continues the earlier one (for the same
     * microscope ranges). 2 is what runs with the default seed 1 always used.
     */
    static final long VALIDATION_SEED = 2;

    /**
     * The dataset folder {@code directory} (made by {@code atomfinder dataset build}), imaged at pixel sizes across
     * its microscope range, resampled to the middle of that range (the model's pixel size) and cut into
     * {@code crop}-pixel pairs. Validation pairs ({@link NetTraining#VALIDATION_STEP}) come from the held-out examples, without jitter.
     */
    public static TrainingData open(Path directory, int crop, long seed) {
        return open(directory, crop, seed, null, null, LABEL_SIGMA_ANGSTROM);
    }

    /**
     * As {@link #open(Path, int, long)}, imaging the dataset's waves with {@code microscopes} instead of the ranges
     * stored with the dataset (null keeps those), and resampling every image to {@code modelPixelAngstrom} (null: the
     * middle of the microscopes' pixel-size range). A resumed model fixes that pixel size: fine-tuning a model to one
     * camera's pixel size must still feed it images at the pixel size it works at, as {@code analyze} does. Each site
     * is labelled by a Gaussian of width {@code labelSigmaAngstrom}.
     */
    public static TrainingData open(Path directory, int crop, long seed, MicroscopeDistribution microscopes,
            Double modelPixelAngstrom, double labelSigmaAngstrom) {
        if (!Files.isDirectory(directory)) {
            throw new AtomfinderException("training data folder " + directory + " does not exist");
        }
        DatasetFolder stored = DatasetFolder.open(directory);
        DatasetFolder folder = microscopes == null ? stored : stored.withMicroscopes(microscopes);
        DatasetPreset preset = folder.preset();
        MicroscopeDistribution ranges = folder.microscopes();
        ParameterDistribution pixelSize = ranges.parameters().get("pixel_size_A");
        if (pixelSize == null) {
            throw new AtomfinderException(directory + ": the microscope preset " + ranges.name()
                    + " has no pixel_size_A range, so the model's input pixel size is unknown");
        }
        double modelPixel = modelPixelAngstrom == null ? pixelSize.typical() : modelPixelAngstrom;
        PairSampler.Settings training = new PairSampler.Settings(crop, labelSigmaAngstrom, NORMALIZATION_SIGMA_ANGSTROM,
                preset.classes(), new double[] {0}, JITTER, JITTER, modelPixel, MODEL_PIXEL_JITTER);
        PairSampler.Settings plain = new PairSampler.Settings(crop, labelSigmaAngstrom, NORMALIZATION_SIGMA_ANGSTROM,
                preset.classes(), new double[] {0}, 0, 0, modelPixel, 0);
        try {
            PairSampler trainingPairs = folder.trainingPairs(training, seed);
            PairSampler validationPairs = folder.validationPairs(plain, VALIDATION_SEED);
            TrainingPairSource source = new TrainingPairSource() {
                @Override
                public int inputChannels() {
                    return trainingPairs.inputChannels();
                }

                @Override
                public int classes() {
                    return trainingPairs.classes();
                }

                @Override
                public TrainingPair pair(long step, int indexInBatch) {
                    return step == NetTraining.VALIDATION_STEP ? validationPairs.pair(0, indexInBatch)
                            : trainingPairs.pair(step, indexInBatch);
                }
            };
            Map<String, Object> presets = new LinkedHashMap<>();
            presets.put("dataset", directory.toAbsolutePath().toString());
            presets.put("preset", preset.presetName());
            presets.put("dataset_seed", folder.seed());
            presets.put("examples", folder.count());
            presets.put("validation_examples", folder.validationCount());
            if (!folder.holes().equals(GrapheneHoles.PAPER)) {
                presets.put("holes", folder.holes().toMap());
            }
            presets.put("microscope", JSON.readValue(ranges.toJson(), new TypeReference<Map<String, Object>>() {
            }));
            presets.put("label_sigma_A", labelSigmaAngstrom);
            presets.put("jitter", JITTER);
            presets.put("model_pixel_A", modelPixel);
            presets.put("model_pixel_jitter", MODEL_PIXEL_JITTER);
            return new TrainingData(source, preset.classNames(), modelPixel, NORMALIZATION_SIGMA_ANGSTROM, presets);
        } catch (IOException e) {
            throw new AtomfinderException(directory + ": cannot read the dataset (" + e.getMessage() + ")", e);
        }
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
