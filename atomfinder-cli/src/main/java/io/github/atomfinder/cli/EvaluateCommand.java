package io.github.atomfinder.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.analysis.Evaluation;
import io.github.atomfinder.analysis.EvaluationFiles;
import io.github.atomfinder.analysis.EvaluationOverlay;
import io.github.atomfinder.analysis.SimulatedTestImages;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.nn.ModelCard;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.postprocess.AtomDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomfinder evaluate --model M --data DIR | --preset P --out DIR}: precision, recall, F1 and RMSE against dose. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score a trained model against dose on simulated images it never saw: precision, recall, F1 and position RMSE.%n"
                + "Test images: with --data, the dataset's held-out validation/ examples only; with --preset, --examples new "
                + "structures simulated from dataset seed --seed + 0x45564C0000000000 (never a seed of 'dataset build' with a "
                + "small seed, nor its validation seed; a model card naming the same seed is refused). Each image is drawn as a "
                + "training pair is (random example, symmetry, microscope, crop) from the model card's microscope ranges (if "
                + "it was trained on the same preset; else the dataset's or the preset's; --microscope overrides) with the "
                + "dose FIXED to each --doses value; image i shows the same crop and microscope at every dose, only the shot "
                + "noise differs.%n"
                + "Each raw image, at its own pixel size, goes through what 'analyze' does (resampling to the model's pixel "
                + "size, normalisation, network, peak finding or watershed with the same options and defaults). Found sites "
                + "are matched one-to-one to the true ones within --match-radius (0.5 Å for graphene atoms, 1 Å for gold "
                + "columns); sites within --margin of the image border are not scored. Counts are summed per dose and RMSE "
                + "(Å) is over all matched pairs of the dose.%n"
                + "Output: metrics.csv (one row per dose), per-image.csv, metrics.json (the rows, the model card summary, "
                + "microscope ranges, seeds and settings), dose-plot.png (F1, precision, recall and RMSE against dose) and, "
                + "with --save-images, images/DOSE-INDEX.png for every test image. "
                + "The folder appears only when everything succeeded.")
public final class EvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--model", required = true, paramLabel = "NAME|DIR",
            description = "model bundle folder, or a name under models/ of the atomfinder folder or the current directory")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "dataset folder (from 'dataset build'); only its validation/ examples are used")
        Path data;

        @Option(names = "--preset", required = true, paramLabel = "graphene|gold",
                description = "simulate --examples fresh structures of this dataset preset")
        String preset;
    }

    @Option(names = "--examples", paramLabel = "N", description = "with --preset: structures to simulate. Default: 8")
    Integer examples;

    @Option(names = "--doses", defaultValue = "1e1,3e1,1e2,3e2,1e3,3e3,1e4", paramLabel = "D1,D2,...",
            description = "doses in e/Å², comma-separated. Default: ${DEFAULT-VALUE}")
    String doses;

    @Option(names = "--images-per-dose", defaultValue = "16", paramLabel = "N", description = "test images per dose. Default: ${DEFAULT-VALUE}")
    int imagesPerDose;

    @Option(names = "--crop", defaultValue = "256", paramLabel = "PX",
            description = "side of the square test images in pixels (multiple of 8). Default: ${DEFAULT-VALUE}")
    int crop;

    @Option(names = "--microscope", paramLabel = "PRESET|FILE.json",
            description = "microscope ranges instead of the model card's (the dose is replaced by each --doses value); presets: "
                    + MicroscopeDistribution.PRESET_NAMES + " (one microscope: the paper's dose test)")
    String microscope;

    @Option(names = "--match-radius", paramLabel = "Å",
            description = "largest distance of a matched pair. Default: 0.5 for graphene, 1.0 for gold")
    Double matchRadiusAngstrom;

    @Option(names = "--margin", defaultValue = "1.0", paramLabel = "Å",
            description = "sites closer than this to the image border are not scored. Default: ${DEFAULT-VALUE}")
    double marginAngstrom;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the image draws (and of the --preset structures). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--save-images",
            description = "also write images/DOSE-INDEX.png (e.g. images/100000-07.png): each test image in grey with its true "
                    + "sites as circles (green found, yellow missed), detections as green dots (matched; the offset from the "
                    + "circle is the position error) or red crosses (spurious), and the unscored border strip in grey")
    boolean saveImages;

    @Mixin
    DetectionOptions detection;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (must not exist or be empty)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Double> doseList = parseDoses(doses);
        checkSettings();
        AtomDecoder decoder = detection.decoder();
        Segmenter.Symmetrization symmetrization = detection.symmetrization();
        OutputFolders.requireNewOrEmpty(out);
        Path modelDir = ModelLocator.resolve(model);
        DatasetFolder dataset = source.data == null ? null : openDataset(source.data);
        DatasetPreset preset = dataset != null ? dataset.preset() : DatasetPreset.named(source.preset);
        double radius = matchRadiusAngstrom != null ? matchRadiusAngstrom : preset.matchingToleranceAngstrom();
        PrintWriter stdout = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (TrainedModel trained = TrainedModel.load(modelDir)) {
            ModelCard card = trained.card();
            if (card.architecture().inputChannels() != 1) {
                throw new AtomfinderException("--model " + modelDir + " takes " + card.architecture().inputChannels()
                        + " images per frame (a focal series); evaluate simulates single images only");
            }
            Map<String, Object> trainingData = trainingData(card);
            Object trainedOn = trainingData.get("preset");
            if (trainedOn != null && !preset.presetName().equals(trainedOn.toString())) {
                stdout.println("note: the model was trained on " + trainedOn + " data; evaluating it on " + preset.presetName());
            }
            String[] microscopeSource = new String[1];
            MicroscopeDistribution microscopes = microscopes(trainingData, dataset, preset, microscopeSource);
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("model", modelSummary(modelDir, card));
            about.put("microscope_source", microscopeSource[0]);
            about.put("microscope", JSON.readTree(microscopes.toJson()));
            Path fresh = null;
            try {
                SimulatedTestImages.Samplers samplers;
                if (dataset != null) {
                    samplers = (imaging, pairs, samplerSeed) -> dataset.withMicroscopes(imaging).validationPairs(pairs, samplerSeed);
                    Map<String, Object> held = new LinkedHashMap<>();
                    held.put("source", "held-out validation examples of a dataset");
                    held.put("dataset", dataset.root().toAbsolutePath().toString());
                    held.put("preset", preset.presetName());
                    held.put("dataset_seed", dataset.seed());
                    held.put("validation_examples", dataset.validationCount());
                    about.put("images", held);
                } else {
                    fresh = Files.createTempDirectory("atomfinder-evaluate-");
                    samplers = SimulatedTestImages.folder(fresh);
                    about.put("images", simulateFresh(preset, trainingData, fresh));
                }
                SimulatedTestImages images = new SimulatedTestImages(samplers, microscopes, preset.classes(), crop, seed);
                Segmenter segmenter = new Segmenter(trained, symmetrization);
                // Time spent making images and in the detector, summed separately for the report.
                long[] nanos = new long[2];
                Evaluation.ImageSource timedImages = (dose, i) -> {
                    long t = System.nanoTime();
                    Evaluation.TestImage image = images.image(dose, i);
                    nanos[0] += System.nanoTime() - t;
                    return image;
                };
                Evaluation.Detector detector = channels -> {
                    long t = System.nanoTime();
                    List<Site> found = Site.of(decoder.decode(segmenter.predict(channels), card.classes()));
                    nanos[1] += System.nanoTime() - t;
                    return found;
                };
                Evaluation evaluation = new Evaluation(radius, marginAngstrom);
                Map<String, byte[]> pictures = new LinkedHashMap<>();
                Evaluation.Report report;
                try (ProgressBar bar = new ProgressBar("evaluate", (long) doseList.size() * imagesPerDose)) {
                    report = evaluation.run(doseList, imagesPerDose, timedImages, detector, scored -> {
                        Evaluation.ImageResult r = scored.result();
                        if (saveImages) {
                            pictures.put(String.format(Locale.ROOT, "%s-%02d.png", EvaluationFiles.dose(r.doseElectronsPerA2()),
                                    r.index()), png(EvaluationOverlay.render(evaluation, scored)));
                        }
                        bar.step(String.format(Locale.ROOT, "dose %.3g F1 %.3f", r.doseElectronsPerA2(), r.rates().f1()));
                    });
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, Object> settings = settings(doseList, decoder.thresholds(card.classes()), radius, symmetrization);
                settings.put("seconds_total", seconds);
                settings.put("seconds_making_images", nanos[0] / 1e9);
                settings.put("seconds_network_and_post_processing", nanos[1] / 1e9);
                about.put("settings", settings);
                String title = String.format(Locale.ROOT, "%s (%d steps) on %s %s images, %d per dose", modelName(modelDir),
                        card.steps(), dataset != null ? "held-out" : "fresh", preset.presetName(), imagesPerDose)
                        + (symmetrization == Segmenter.Symmetrization.NONE ? "" : ", maps averaged over " + symmetrization.count()
                                + " symmetries");
                AtomicFiles.writeDirectory(out, dir -> {
                    EvaluationFiles.writeAll(dir, report, about, title);
                    if (!pictures.isEmpty()) {
                        Path folder = Files.createDirectories(dir.resolve("images"));
                        for (Map.Entry<String, byte[]> picture : pictures.entrySet()) {
                            Files.write(folder.resolve(picture.getKey()), picture.getValue());
                        }
                    }
                });
                stdout.print(EvaluationFiles.table(report));
                stdout.println(String.format(Locale.ROOT, "%d images in %.1f s (%.1f s making images, %.1f s network and "
                        + "post-processing); wrote %s", report.images().size(), seconds, nanos[0] / 1e9, nanos[1] / 1e9, out));
            } finally {
                if (fresh != null) {
                    AtomicFiles.deleteRecursively(fresh);
                }
            }
        }
        stdout.flush();
        return 0;
    }

    static List<Double> parseDoses(String text) {
        List<Double> list = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            double dose;
            try {
                dose = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new AtomfinderException("--doses: '" + p + "' is not a number (give e.g. 1e2,1e3,1e4)");
            }
            if (!(dose > 0) || Double.isInfinite(dose)) {
                throw new AtomfinderException("--doses: every dose must be a positive number of e/Å², got '" + p + "'");
            }
            if (list.contains(dose)) {
                throw new AtomfinderException("--doses: " + p + " appears twice");
            }
            list.add(dose);
        }
        list.sort(Double::compare);
        return list;
    }

    private void checkSettings() {
        if (imagesPerDose < 1) {
            throw new AtomfinderException("--images-per-dose must be at least 1, got " + imagesPerDose);
        }
        if (crop < AnalyzeCommand.MIN_SIDE_PX || crop % 8 != 0) {
            throw new AtomfinderException("--crop must be a multiple of 8 pixels, at least " + AnalyzeCommand.MIN_SIDE_PX + ", got " + crop);
        }
        if (examples != null && (source.data != null || examples < 1)) {
            throw new AtomfinderException(source.data != null ? "--examples goes with --preset; --data uses the dataset's validation examples"
                    : "--examples must be at least 1, got " + examples);
        }
        if (!(marginAngstrom >= 0) || Double.isInfinite(marginAngstrom)) {
            throw new AtomfinderException("--margin must be ≥ 0 Å, got " + marginAngstrom);
        }
        if (matchRadiusAngstrom != null && (!(matchRadiusAngstrom > 0) || Double.isInfinite(matchRadiusAngstrom))) {
            throw new AtomfinderException("--match-radius must be a positive number of Å, got " + matchRadiusAngstrom);
        }
    }

    private static DatasetFolder openDataset(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new AtomfinderException("--data " + folder + ": no such folder");
        }
        DatasetFolder dataset = DatasetFolder.open(folder);
        if (dataset.validationCount() == 0 || !Files.isDirectory(dataset.validationRoot())) {
            throw new AtomfinderException("--data " + folder + ": the dataset has no validation examples to evaluate on "
                    + "(build it with --validation N, or use --preset)");
        }
        return dataset;
    }

    /** The card's record of its training data ({@code training.data}); empty for models trained on other sources. */
    private static Map<String, Object> trainingData(ModelCard card) {
        Object data = card.training().get("data");
        if (data instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return Map.of();
    }

    private MicroscopeDistribution microscopes(Map<String, Object> trainingData, DatasetFolder dataset, DatasetPreset preset,
            String[] sourceName) throws JsonProcessingException {
        MicroscopeDistribution chosen;
        // The card's ranges describe its own training preset; for another preset they do not apply.
        Object trainedOn = trainingData.get("preset");
        Object recorded = trainedOn == null || preset.presetName().equals(trainedOn.toString()) ? trainingData.get("microscope") : null;
        if (microscope != null) {
            chosen = MicroscopeDistribution.presetOrFile(microscope);
            sourceName[0] = "--microscope " + microscope;
        } else if (recorded != null) {
            chosen = MicroscopeDistribution.fromJson(recorded instanceof String s ? s : JSON.writeValueAsString(recorded));
            sourceName[0] = "model card";
        } else if (dataset != null) {
            chosen = dataset.microscopes();
            sourceName[0] = "dataset";
        } else {
            chosen = preset.microscopes();
            sourceName[0] = "preset " + preset.microscopePresetName();
        }
        double energy = chosen.sample(new SplittableRandom(0)).energyEv();
        if (Math.abs(energy - preset.energyEv()) > 1e-6 * preset.energyEv()) {
            throw new AtomfinderException("microscope from the " + sourceName[0] + " is for " + energy + " eV but " + preset.presetName()
                    + " structures are simulated at " + preset.energyEv() + " eV; give a matching --microscope");
        }
        return chosen;
    }

    private Map<String, Object> simulateFresh(DatasetPreset preset, Map<String, Object> trainingData, Path folder)
            throws IOException, InterruptedException {
        int count = examples == null ? 8 : examples;
        long structureSeed = SimulatedTestImages.freshStructureSeed(seed);
        Object trainedSeed = trainingData.get("dataset_seed");
        if (trainedSeed instanceof Number n && preset.presetName().equals(String.valueOf(trainingData.get("preset")))
                && SimulatedTestImages.overlapsDataset(structureSeed, n.longValue())) {
            throw new AtomfinderException("--seed " + seed + " would simulate structures of the model's training dataset (seed "
                    + n.longValue() + "); choose another --seed");
        }
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (ProgressBar bar = new ProgressBar("simulate " + preset.presetName(), count)) {
            SimulatedTestImages.simulateFresh(preset, folder, count, seed, workers, done -> bar.update(done, "structures"));
        }
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("source", "fresh structures of a dataset preset");
        about.put("preset", preset.presetName());
        about.put("examples", count);
        about.put("structure_seed", structureSeed);
        return about;
    }

    private static byte[] png(BufferedImage picture) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(picture, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Map<String, Object> settings(List<Double> doseList, Map<String, Double> thresholds, double radius,
            Segmenter.Symmetrization symmetrization) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("doses_e_per_A2", doseList);
        s.put("images_per_dose", imagesPerDose);
        s.put("crop_px", crop);
        s.put("image_seed", seed);
        s.put("matching_radius_A", radius);
        s.put("border_margin_A", marginAngstrom);
        s.put("symmetrization", DetectionOptions.label(symmetrization));
        s.put("post_processing", thresholds);
        s.put("software_version", ModelCard.currentSoftwareVersion());
        return s;
    }

    private static Map<String, Object> modelSummary(Path modelDir, ModelCard card) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", modelName(modelDir));
        m.put("folder", modelDir.toAbsolutePath().normalize().toString());
        m.put("steps", card.steps());
        m.put("classes", card.classes());
        m.put("pixel_size_A", card.pixelSizeAngstrom());
        m.put("architecture", card.architecture());
        m.put("training", card.training());
        m.put("validation", card.validation());
        return m;
    }

    private static String modelName(Path modelDir) {
        return modelDir.toAbsolutePath().normalize().getFileName().toString();
    }
}
