package io.github.atomfinder.nn;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to use a trained model, stored as {@code model.json} beside its weights.
 *
 * @param format bundle format tag, {@value #FORMAT}
 * @param architecture the network's shape
 * @param classes the meaning of each output map, background first when there is more than one
 * @param pixelSizeAngstrom the pixel size the network was trained at; inputs are resampled to it
 * @param normalizationSigmaAngstrom σ of the Gaussian local-normalisation window (method.md §7)
 * @param weightsFile the weights file in the bundle folder
 * @param training training settings, data presets and their parameter ranges (free-form, for people)
 * @param steps training steps done
 * @param validation the latest validation scores, or null before the first validation
 * @param softwareVersion atomfinder version that wrote the bundle
 * @param optimizerFile the optimizer state file in the bundle folder ({@link ResumableAdam}), or null: only a
 *     checkpoint to resume needs it; shipped bundles and bundles written before it existed have none
 */
public record ModelCard(String format, FusionNetArchitecture architecture, List<String> classes, double pixelSizeAngstrom,
        double normalizationSigmaAngstrom, String weightsFile, Map<String, Object> training, long steps,
        ValidationScores validation, String softwareVersion, @JsonInclude(JsonInclude.Include.NON_NULL) String optimizerFile) {

    public static final String FORMAT = "atomfinder-model/1";

    public ModelCard {
        if (classes.size() != architecture.classes()) {
            throw new IllegalArgumentException(classes.size() + " class names for " + architecture.classes() + " classes");
        }
        classes = List.copyOf(classes);
        training = Map.copyOf(training);
    }

    /** A card without optimizer state: a new network, or one to ship. */
    public ModelCard(String format, FusionNetArchitecture architecture, List<String> classes, double pixelSizeAngstrom,
            double normalizationSigmaAngstrom, String weightsFile, Map<String, Object> training, long steps,
            ValidationScores validation, String softwareVersion) {
        this(format, architecture, classes, pixelSizeAngstrom, normalizationSigmaAngstrom, weightsFile, training, steps, validation,
                softwareVersion, null);
    }

    public ModelCard afterTraining(long newSteps, ValidationScores newValidation, String newWeightsFile, String newOptimizerFile) {
        return new ModelCard(format, architecture, classes, pixelSizeAngstrom, normalizationSigmaAngstrom, newWeightsFile,
                training, newSteps, newValidation, softwareVersion, newOptimizerFile);
    }

    /** This card for a grown network: no optimizer state, since Adam's moments have the old network's shapes. */
    public ModelCard withArchitecture(FusionNetArchitecture grown) {
        return new ModelCard(format, grown, classes, pixelSizeAngstrom, normalizationSigmaAngstrom, weightsFile, training,
                steps, validation, softwareVersion);
    }

    /** The version in the jar manifest, or "development" when run from the build tree. */
    public static String currentSoftwareVersion() {
        String v = ModelCard.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
