package io.github.atomfinder.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.nn.FusionNetArchitecture;
import io.github.atomfinder.nn.ModelCard;
import io.github.atomfinder.nn.NetTraining;
import io.github.atomfinder.nn.ProbabilityLoss;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.nn.TrainingData;
import io.github.atomfinder.nn.TrainingSettings;
import io.github.atomfinder.nn.ValidationScores;
import io.github.atomfinder.optics.MicroscopeDistribution;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code atomfinder train}: trains the FusionNet-style network and writes a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the atom-finding network on training pairs and write a model bundle.%n"
                + "The bundle folder gets model.json (architecture, classes, pixel size, normalisation, training "
                + "settings, validation scores), the weights, training-log.csv and training-plot.png. A checkpoint "
                + "is written every --checkpoint-every steps and when the run is interrupted (Ctrl-C), with Adam's "
                + "state (optimizer-STEP.params); --resume continues it as if it had not stopped (the architecture "
                + "then comes from the bundle, and a larger --width widens it). A resumed run may change the data (e.g. wider microscope ranges: a "
                + "curriculum), crop, batch, loss or learning rate, and keeps Adam's moment estimates; model.json "
                + "then records each stage under training.stages with the step it started at.")
public final class TrainCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--data", paramLabel = "DIR", description = "Training data folder (written by the data pipeline).")
        Path data;

        @Option(names = "--synthetic", description = "Use the demonstration source: Gaussian blobs on noise.")
        boolean synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--microscope", paramLabel = "PRESET|FILE.json",
            description = "With --data: image the dataset's waves with these microscope ranges instead of the ones stored "
                    + "with the dataset (a preset name, e.g. graphene-80kv-start or graphene-80kv-wide, or a JSON file).")
    String microscope;

    @Option(names = "--label-sigma", paramLabel = "Å", description = "With --data: width σ of the Gaussian labelling each "
            + "site in the target maps. Default: " + TrainingData.LABEL_SIGMA_ANGSTROM + " (2σ below graphene's 1.42 Å bond, so "
            + "neighbours stay apart). A sharper label asks the network for sharper peaks; like --microscope, give it again "
            + "on every resume.")
    Double labelSigma;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Model bundle folder.")
    Path out;

    @Option(names = "--resume", description = "Continue the training in MODEL_DIR.")
    boolean resume;

    @Option(names = "--width", description = "Feature maps at full resolution (paper: 32). Default: " + DEFAULT_WIDTH + " for a new "
            + "network; with --resume the bundle's, and a larger value widens the bundle's network: the wider one computes the "
            + "same maps at first and trains its new channels from there (Adam's moments restart).")
    Integer width;

    static final int DEFAULT_WIDTH = 16;

    @Option(names = "--global-context", description = "Give the network's bridge the mean of its features over the whole input, "
            + "so each output pixel can use what the whole image says about the microscope (not in the paper). With --resume a "
            + "bundle without one gets one that changes nothing at first (Adam's moments restart); a bundle with one keeps it.")
    boolean globalContext;

    /** The base width of the resumed bundle as it was read (before any widening). */
    private int resumedWidth;

    @Option(names = "--levels", defaultValue = "3", description = "Max-pool levels (3 = down to 1/8). Default: ${DEFAULT-VALUE}.")
    int levels;

    @Option(names = "--crop", defaultValue = "256", description = "Training crop side in pixels, a multiple of 2^levels. Default: ${DEFAULT-VALUE}.")
    int crop;

    @Option(names = "--batch", defaultValue = "4", description = "Pairs per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--steps", required = true, description = "Total training steps (a resumed run continues to this count).")
    long steps;

    @Option(names = "--loss", defaultValue = "MSE", description = "MSE or CROSS_ENTROPY. Default: ${DEFAULT-VALUE}.")
    ProbabilityLoss.Kind loss;

    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "1e-5", description = "L2 weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--validate-every", defaultValue = "100", description = "Steps between validations. Default: ${DEFAULT-VALUE}.")
    int validateEvery;

    @Option(names = "--checkpoint-every", defaultValue = "500", description = "Steps between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--validation-size", defaultValue = "16", description = "Pairs in the fixed validation set. Default: ${DEFAULT-VALUE}.")
    int validationSize;

    @Option(names = "--match-radius", defaultValue = "3", description = "Validation match radius in pixels. Default: ${DEFAULT-VALUE}.")
    double matchRadius;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for weights and the training images (the validation crops do not depend on it, so stages "
            + "with other seeds stay comparable). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: all cores).")
    Integer threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (crop % (1 << levels) != 0) {
            throw new AtomfinderException("--crop " + crop + " must be a multiple of " + (1 << levels) + " for " + levels + " levels");
        }
        boolean exists = Files.isRegularFile(out.resolve(TrainedModel.CARD_FILE));
        if (resume && !exists) {
            throw new AtomfinderException("--resume: " + out + " holds no model bundle (no " + TrainedModel.CARD_FILE + ")");
        }
        if (!resume && Files.exists(out) && (!Files.isDirectory(out) || Files.list(out).findAny().isPresent())) {
            throw new AtomfinderException("--out " + out + " exists and is not empty; use --resume to continue it or pick a new folder");
        }
        if (microscope != null && source.synthetic) {
            throw new AtomfinderException("--microscope applies to --data, not to --synthetic");
        }
        if (labelSigma != null && source.synthetic) {
            throw new AtomfinderException("--label-sigma applies to --data, not to --synthetic");
        }
        if (labelSigma != null && !(labelSigma > 0 && labelSigma <= 2)) {
            throw new AtomfinderException("--label-sigma must be above 0 and at most 2 Å, got " + labelSigma);
        }
        TrainingData data = source.synthetic ? TrainingData.synthetic(crop, seed)
                : TrainingData.open(source.data, crop, seed, microscope == null ? null : MicroscopeDistribution.presetOrFile(microscope),
                        resume ? TrainedModel.readCard(out).pixelSizeAngstrom() : null,
                        labelSigma == null ? TrainingData.LABEL_SIGMA_ANGSTROM : labelSigma);
        TrainingSettings settings = new TrainingSettings(batch, steps, learningRate, weightDecay, loss, validateEvery,
                checkpointEvery, validationSize, matchRadius, seed);
        PrintWriter err = spec.commandLine().getErr();
        try (TrainedModel model = resume ? resumed() : TrainedModel.create(newCard(data), seed)) {
            if (resume) {
                continueCard(model, data);
            }
            long first = model.card().steps();
            NetTraining training = new NetTraining();
            try (ProgressBar bar = new ProgressBar("train", Math.max(1, steps - first))) {
                ModelCard card = training.train(model, data.source(), settings, out, new NetTraining.Progress() {
                    private String scores = "";

                    @Override
                    public void step(long step, long total, double value) {
                        bar.update(step - first, String.format(Locale.ROOT, "step %d loss %.4g%s", step, value, scores));
                    }

                    @Override
                    public void validated(long step, ValidationScores s) {
                        scores = String.format(Locale.ROOT, " val F1 %.3f", s.f1());
                    }
                });
                ValidationScores v = card.validation();
                err.printf(Locale.ROOT, "%nsaved %s at step %d%s%n", out, card.steps(), v == null ? ""
                        : String.format(Locale.ROOT, ": validation loss %.4g, precision %.3f, recall %.3f, F1 %.3f, RMSE %.2f px",
                                v.loss(), v.precision(), v.recall(), v.f1(), v.positionRmsePixels()));
            }
        }
        return 0;
    }

    /** The bundle in --out, widened to --width when that is larger, with a global context when asked for. */
    private TrainedModel resumed() throws IOException {
        TrainedModel model = TrainedModel.load(out);
        resumedWidth = model.card().architecture().baseWidth();
        if (width != null && width != resumedWidth) {
            try (TrainedModel narrow = model) {
                if (width < resumedWidth) {
                    throw new AtomfinderException("--width " + width + ": the network in " + out + " has base width " + resumedWidth
                            + "; a resumed network can be widened, not narrowed");
                }
                model = narrow.widened(width, seed);
            }
        }
        if (globalContext && !model.card().architecture().globalContext()) {
            try (TrainedModel local = model) {
                model = local.withGlobalContext(seed);
            }
        }
        return model;
    }

    private ModelCard newCard(TrainingData data) {
        int baseWidth = width == null ? DEFAULT_WIDTH : width;
        Map<String, Object> stage = stage(data, baseWidth, globalContext);
        Map<String, Object> training = new LinkedHashMap<>(stage);
        training.put("stages", List.of(withStart(stage, 0)));
        FusionNetArchitecture architecture = new FusionNetArchitecture(data.source().inputChannels(), data.source().classes(), baseWidth, levels,
                globalContext);
        return new ModelCard(ModelCard.FORMAT, architecture, data.classNames(), data.pixelSizeAngstrom(),
                data.normalizationSigmaAngstrom(), TrainedModel.weightsFileName(0), training, 0, null, ModelCard.currentSoftwareVersion());
    }

    /** This run's data and settings: one stage of a training that may change them on resume. */
    private Map<String, Object> stage(TrainingData data, int baseWidth, boolean context) {
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("width", baseWidth);
        stage.put("globalContext", context);
        stage.put("data", data.presets());
        stage.put("crop", crop);
        stage.put("batch", batch);
        stage.put("loss", loss.name());
        stage.put("optimizer", "Adam");
        stage.put("learningRate", learningRate);
        stage.put("weightDecay", weightDecay);
        stage.put("seed", seed);
        return stage;
    }

    private static Map<String, Object> withStart(Map<String, Object> stage, long step) {
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("fromStep", step);
        started.putAll(stage);
        return started;
    }

    /**
     * Checks that the resumed bundle fits the data, and when the data or settings differ from the bundle's latest
     * stage records a new stage (saved at once, so the card never describes weights trained on other data).
     */
    private void continueCard(TrainedModel model, TrainingData data) throws IOException {
        ModelCard card = model.card();
        FusionNetArchitecture a = card.architecture();
        if (a.inputChannels() != data.source().inputChannels() || !card.classes().equals(data.classNames())) {
            throw new AtomfinderException("--resume: " + out + " was trained with " + a.inputChannels() + " input channel(s) and classes "
                    + card.classes() + ", but the data has " + data.source().inputChannels() + " and " + data.classNames());
        }
        if (Math.abs(card.pixelSizeAngstrom() - data.pixelSizeAngstrom()) > 1e-9
                || Math.abs(card.normalizationSigmaAngstrom() - data.normalizationSigmaAngstrom()) > 1e-9) {
            throw new AtomfinderException("--resume: " + out + " works at " + card.pixelSizeAngstrom() + " Å/px with a "
                    + card.normalizationSigmaAngstrom() + " Å normalisation window, but the data has " + data.pixelSizeAngstrom()
                    + " Å/px and " + data.normalizationSigmaAngstrom() + " Å");
        }
        if (crop % (1 << a.levels()) != 0) {
            throw new AtomfinderException("--crop " + crop + " must be a multiple of " + (1 << a.levels()) + " for the bundle's "
                    + a.levels() + " levels");
        }
        // Compared as JSON reads them back (a long written to model.json returns as an int).
        Map<String, Object> stage = JSON.readValue(JSON.writeValueAsString(stage(data, a.baseWidth(), a.globalContext())), MAP);
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        List<Map<String, Object>> stages = new ArrayList<>();
        Object recorded = training.get("stages");
        if (recorded != null) {
            stages.addAll(JSON.readValue(JSON.writeValueAsString(recorded), STAGES));
        } else {
            Map<String, Object> first = new LinkedHashMap<>(training);
            stages.add(withStart(first, 0));
        }
        Map<String, Object> latest = new LinkedHashMap<>(stages.get(stages.size() - 1));
        latest.remove("fromStep");
        // Stages recorded before widening (or the global context) existed name no width (or context): theirs is the
        // one the bundle was read with (or none).
        latest.putIfAbsent("width", resumedWidth);
        latest.putIfAbsent("globalContext", false);
        if (latest.equals(stage)) {
            return;
        }
        if (stages.size() > 1 && ((Number) stages.get(stages.size() - 1).get("fromStep")).longValue() == card.steps()) {
            // The latest stage never trained a step: this one replaces it.
            stages.remove(stages.size() - 1);
        }
        stages.add(withStart(stage, card.steps()));
        training.clear();
        training.putAll(stage);
        training.put("stages", stages);
        model.save(out, new ModelCard(card.format(), a, card.classes(), card.pixelSizeAngstrom(), card.normalizationSigmaAngstrom(),
                card.weightsFile(), training, card.steps(), card.validation(), ModelCard.currentSoftwareVersion(), card.optimizerFile()));
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> STAGES = new TypeReference<>() {
    };
}
