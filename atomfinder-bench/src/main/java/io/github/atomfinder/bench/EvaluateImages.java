package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.SimulatedTestImages;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.optics.MicroscopeDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The graphene test images of {@code evaluate --preset graphene --examples 8 --seed S}, for the studies that read them
 * with other decoders or sort their errors: 8 fresh structures, 256² crops, the microscope preset or file given.
 */
final class EvaluateImages {

    /** Arguments {@code MODEL [microscope] [images per dose=16] [seed=1] [doses]}, with the study's defaults. */
    record Arguments(Path model, String microscope, int imagesPerDose, long seed, List<Double> doses) {

        static Arguments parse(String[] args, String defaultMicroscope, String defaultDoses) {
            return new Arguments(Path.of(args[0]), args.length > 1 ? args[1] : defaultMicroscope,
                    args.length > 2 ? Integer.parseInt(args[2]) : 16, args.length > 3 ? Long.parseLong(args[3]) : 1,
                    Arrays.stream((args.length > 4 ? args[4] : defaultDoses).split(",")).map(Double::valueOf).toList());
        }
    }

    @FunctionalInterface
    interface Study {
        void run(TrainedModel trained, SimulatedTestImages images) throws Exception;
    }

    static final DatasetPreset PRESET = DatasetPreset.named("graphene");

    private EvaluateImages() {
    }

    /** Simulates the structures into a temporary folder, runs {@code study} with the model loaded, and cleans up. */
    static void run(Arguments arguments, Study study) throws Exception {
        Path structures = Files.createTempDirectory("evaluate-images-");
        try (TrainedModel trained = TrainedModel.load(arguments.model())) {
            SimulatedTestImages.simulateFresh(PRESET, structures, 8, arguments.seed(), Runtime.getRuntime().availableProcessors(),
                    done -> {
                    });
            study.run(trained, new SimulatedTestImages(SimulatedTestImages.folder(structures),
                    MicroscopeDistribution.presetOrFile(arguments.microscope()), PRESET.classes(), 256, arguments.seed()));
        } finally {
            AtomicFiles.deleteRecursively(structures);
        }
    }
}
