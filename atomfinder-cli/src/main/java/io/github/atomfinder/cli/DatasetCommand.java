package io.github.atomfinder.cli;

import io.github.atomfinder.data.ContactSheet;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.data.GrapheneHoles;
import io.github.atomfinder.data.PairSampler;
import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.postprocess.Overlay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atomfinder dataset build|sample}: simulated training data. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build a training dataset of simulated exit waves, and look at the pairs it makes.",
        subcommands = {DatasetCommand.Build.class, DatasetCommand.Sample.class})
public final class DatasetCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Generate structures and simulate their exit waves once (resumable: run again to continue).",
            footer = {"", "graphene: 43.2 Å graphene-like sheets at 80 kV (classes: background, carbon).",
                "gold: fcc gold particles, R 5–14 Å, <110>/<111>, 56 Å cells at 300 kV (classes: column heights 1..12+)."})
    static final class Build implements Callable<Integer> {
        @Option(names = "--preset", required = true, paramLabel = "graphene|gold", description = "What the dataset holds.")
        String preset;

        @Option(names = "--count", defaultValue = "500", description = "Training examples (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--validation", defaultValue = "20",
                description = "Held-out examples from other seeds, for validation and evaluation (default: ${DEFAULT-VALUE}).")
        int validation;

        @Option(names = "--seed", defaultValue = "1", description = "Dataset seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--workers", defaultValue = "2", description = "Examples simulated in parallel (default: ${DEFAULT-VALUE}).")
        int workers;

        @Option(names = "--microscope", paramLabel = "PRESET|FILE.json",
                description = "Microscope ranges images are drawn from (default: the preset's own: graphene-80kv or "
                        + "gold-300kv; graphene-80kv-wide covers doses 1e2–1e5 e/Å² and pixels 0.08–0.16 Å).")
        String microscope;

        @Option(names = "--max-holes", paramLabel = "N",
                description = "graphene: holes per sheet drawn from 0..N (default: the paper's 4, or what the continued dataset has).")
        Integer maxHoles;

        @Option(names = "--hole-radius", split = ",", paramLabel = "MIN,MAX",
                description = "graphene: mean hole radius range in Å (default: the paper's 2,6, or what the continued dataset has).")
        double[] holeRadius;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Dataset folder (created, or continued).")
        Path out;

        @Override
        public Integer call() throws Exception {
            DatasetPreset chosen = DatasetPreset.named(preset);
            if (count < 1 || validation < 0 || workers < 1) {
                throw new AtomfinderException("--count and --workers must be positive and --validation not negative");
            }
            GrapheneHoles holes = holes();
            Fft2.setThreadsPerTransform(1);
            long started = System.nanoTime();
            try (ProgressBar bar = new ProgressBar("dataset " + chosen.presetName(), count + validation)) {
                MicroscopeDistribution microscopes = microscope == null ? chosen.microscopes()
                        : MicroscopeDistribution.presetOrFile(microscope);
                DatasetFolder.build(out, chosen, microscopes, seed, count, validation, holes, workers,
                        done -> bar.update(done, "examples"));
            }
            System.out.printf("%s: %d training + %d validation examples (%.1f s)%n", out, count, validation,
                    (System.nanoTime() - started) / 1e9);
            return 0;
        }

        /** The options given, the rest from the dataset being continued, or else the paper's. */
        private GrapheneHoles holes() {
            if (holeRadius != null && holeRadius.length != 2) {
                throw new AtomfinderException("--hole-radius needs MIN,MAX, got " + holeRadius.length + " values");
            }
            GrapheneHoles base = DatasetFolder.holesOf(out);
            return new GrapheneHoles(maxHoles == null ? base.max() : maxHoles,
                    holeRadius == null ? base.radiusMinAngstrom() : holeRadius[0],
                    holeRadius == null ? base.radiusMaxAngstrom() : holeRadius[1]);
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Draw training pairs from a dataset and write their images, inputs, label maps and a contact sheet.")
    static final class Sample implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "Dataset folder.")
        Path dataset;

        @Option(names = "--count", defaultValue = "8", description = "Pairs to draw (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--crop", defaultValue = "256", description = "Crop size in pixels, a multiple of 8 (default: ${DEFAULT-VALUE}).")
        int crop;

        @Option(names = "--label-sigma", defaultValue = "0.35", description = "Gaussian label width σ in Å (default: ${DEFAULT-VALUE}).")
        double labelSigma;

        @Option(names = "--window", defaultValue = "12", description = "Local-normalisation window σ in Å (default: ${DEFAULT-VALUE}).")
        double window;

        @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist or be empty).")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (count < 1) {
                throw new AtomfinderException("--count must be positive, got " + count);
            }
            DatasetFolder folder = DatasetFolder.open(dataset);
            PairSampler.Settings settings = new PairSampler.Settings(crop, labelSigma, window, folder.preset().classes(),
                    new double[] {0}, 0.1, 0.1);
            PairSampler sampler = folder.trainingPairs(settings, seed);
            List<PairSampler.Drawn> drawn = new ArrayList<>();
            try (ProgressBar bar = new ProgressBar("sampling", count)) {
                for (int i = 0; i < count; i++) {
                    drawn.add(sampler.draw(i, 0));
                    bar.update(i + 1, "pairs");
                }
            }
            AtomicFiles.writeDirectory(out, dir -> {
                for (int i = 0; i < drawn.size(); i++) {
                    TrainingPair pair = drawn.get(i).pair();
                    String stem = String.format("pair-%03d", i);
                    ImageFiles.write(dir.resolve(stem + "-image.tif"), drawn.get(i).rawImages().get(0));
                    Npy.writeFloat32(dir.resolve(stem + "-input.npy"),
                            new int[] {pair.inputChannels(), pair.height(), pair.width()}, pair.input());
                    Npy.writeFloat32(dir.resolve(stem + "-labels.npy"),
                            new int[] {pair.classes(), pair.height(), pair.width()}, pair.labels());
                }
                Overlay.writePng(dir.resolve("contact-sheet.png"), ContactSheet.render(drawn));
            });
            System.out.printf("%s: %d pairs, contact sheet %s%n", out, count, out.resolve("contact-sheet.png"));
            return 0;
        }
    }
}
