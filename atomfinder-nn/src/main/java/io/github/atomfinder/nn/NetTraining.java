package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.atomfinder.analysis.Scoring;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.data.PairProducer;
import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.data.TrainingPairSource;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.postprocess.PeakFinder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The training loop: batches from a {@link TrainingPairSource}, Adam with L2 weight decay on the chosen loss
 * ({@link ResumableAdam}), validation on a fixed set every {@code validateEvery} steps (log row + plot),
 * checkpoints every {@code checkpointEvery} steps, at the end, and when the JVM is asked to stop (Ctrl-C): a
 * shutdown hook asks the loop to stop after the current step and waits for the checkpoint.
 *
 * <p>A checkpoint holds the weights (with the batch-norm running statistics) and Adam's state: its first and
 * second moment estimates and update counts. Resuming continues from the bundle's step count with the same data
 * (the source is a pure function of the step) and the restored Adam state, so a run stopped and resumed ends with
 * the same weights as one that never stopped. The state is restored even when the resumed run changes learning
 * rate, loss, batch or data (a new curriculum stage): the moments describe the network's recent gradients, and
 * restarting them from zero would make the first steps sign-sized (Adam's bias-corrected first step is ±lr for
 * every weight) and can throw a trained network off. A bundle without optimizer state (a shipped model, or one
 * written before checkpoints held it) still resumes, with Adam restarting from zero moments and a warning.
 * Every step's native arrays live in a sub-manager closed at the end of the step.
 */
public final class NetTraining {

    /**
     * The validation set is {@code source.pair(VALIDATION_STEP, i)}: a step index training never reaches, so
     * validation pairs are drawn like training pairs yet never trained on.
     */
    public static final long VALIDATION_STEP = Long.MAX_VALUE;

    /** Threads making training pairs while the network trains. */
    private static final int PAIR_WORKERS = 2;
    /** Batches made ahead of the step being trained. */
    private static final int BATCHES_AHEAD = 2;

    /** Receives progress (called on the training thread). */
    public interface Progress {
        void step(long step, long totalSteps, double loss);

        default void validated(long step, ValidationScores scores) {
        }

        /** A one-line warning about the run (e.g. Adam state that could not be restored); printed to stderr. */
        default void warning(String message) {
            System.err.println(message);
        }
    }

    private final AtomicBoolean stopRequested = new AtomicBoolean();

    /** Asks a running {@link #train} to checkpoint and return after the current step. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /**
     * Trains {@code model} in place up to {@code settings.steps()} and returns the final card; the bundle, log
     * and plot are kept in {@code out}.
     */
    public ModelCard train(TrainedModel model, TrainingPairSource source, TrainingSettings settings, Path out, Progress progress)
            throws IOException {
        FusionNetArchitecture a = model.card().architecture();
        if (source.inputChannels() != a.inputChannels() || source.classes() != a.classes()) {
            throw new AtomfinderException("training data has " + source.inputChannels() + " input channel(s) and "
                    + source.classes() + " classes but the model has " + a.inputChannels() + " and " + a.classes());
        }
        BackwardCheck.verify(a);
        List<TrainingPair> validation = new ArrayList<>();
        for (int i = 0; i < settings.validationPairs(); i++) {
            validation.add(source.pair(VALIDATION_STEP, i));
        }
        int m = a.sizeMultiple();
        if (validation.get(0).height() % m != 0 || validation.get(0).width() % m != 0) {
            throw new AtomfinderException("training crops must be multiples of " + m + " pixels, got "
                    + validation.get(0).height() + " x " + validation.get(0).width());
        }
        long step = model.card().steps();
        TrainingLog log = TrainingLog.open(out, step);
        ValidationScores latest = model.card().validation();
        double elapsedBefore = log.rows().isEmpty() ? 0 : log.rows().get(log.rows().size() - 1).elapsedSeconds();
        long start = System.nanoTime();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                finished.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "atomfinder-training-checkpoint");
        Runtime.getRuntime().addShutdownHook(hook);
        ProbabilityLoss loss = new ProbabilityLoss(settings.loss());
        NDManager optimizerScope = model.manager().newSubManager();
        ResumableAdam adam = ResumableAdam.builder()
                .optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                .optWeightDecays((float) settings.weightDecay())
                .build(optimizerScope);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(adam);
        // Weights read by TrainedModel.load carry no autograd flag; trainable ones need it back.
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : model.net().getParameters()) {
            if (p.getValue().requiresGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
        long savedStep = step;
        // Pairs are made by worker threads a few steps ahead, in step order, so image simulation overlaps the
        // network's forward and backward pass; the stream is the same as making them inline.
        try (optimizerScope; Trainer trainer = model.djlModel().newTrainer(config);
                PairProducer producer = new PairProducer(source, settings.batch(), step, PAIR_WORKERS, BATCHES_AHEAD)) {
            restoreOptimizer(model, adam, progress);
            double lossSum = 0;
            int lossCount = 0;
            while (step < settings.steps() && !stopRequested.get()) {
                List<TrainingPair> batch;
                try {
                    batch = producer.nextBatch();
                } catch (InterruptedException e) {
                    // Interrupted like a stop request: leave the loop and checkpoint what was trained.
                    Thread.currentThread().interrupt();
                    break;
                }
                double value = trainStep(trainer, loss, batch);
                if (!Double.isFinite(value)) {
                    // The weights are already corrupt: stop before a checkpoint overwrites the last good one.
                    String kept = Files.isRegularFile(out.resolve(TrainedModel.CARD_FILE))
                            ? out + " keeps its last checkpoint (step " + savedStep + "): resume from it"
                            : "nothing was saved in " + out + ": start again";
                    throw new AtomfinderException("training loss became " + value + " at step " + (step + 1) + "; " + kept
                            + ", with a lower --learning-rate if this recurs.");
                }
                step++;
                lossSum += value;
                lossCount++;
                progress.step(step, settings.steps(), value);
                if (step % settings.validateEvery() == 0 || step == settings.steps()) {
                    latest = validate(model, loss, validation, settings);
                    double elapsed = elapsedBefore + (System.nanoTime() - start) / 1e9;
                    log.add(new TrainingLog.Row(step, lossSum / lossCount, latest, elapsed));
                    progress.validated(step, latest);
                    lossSum = 0;
                    lossCount = 0;
                }
                if (step % settings.checkpointEvery() == 0) {
                    checkpoint(model, adam, step, latest, out);
                    savedStep = step;
                }
            }
            if (savedStep != step || !out.resolve(TrainedModel.CARD_FILE).toFile().isFile()) {
                checkpoint(model, adam, step, latest, out);
            }
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it is waiting for the latch just released.
            }
        }
        return model.card();
    }

    private static void checkpoint(TrainedModel model, ResumableAdam adam, long step, ValidationScores latest, Path out)
            throws IOException {
        model.save(out, model.card().afterTraining(step, latest, TrainedModel.weightsFileName(step),
                TrainedModel.optimizerFileName(step)), adam);
    }

    /**
     * Loads the checkpoint's Adam state into {@code adam}; without one (a new network, or a bundle without state)
     * Adam starts from zero moments, with a warning when the network has trained before.
     */
    private static void restoreOptimizer(TrainedModel model, ResumableAdam adam, Progress progress) throws IOException {
        Optional<Path> file = model.optimizerStateFile();
        if (file.isPresent() && Files.isRegularFile(file.get())) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file.get()), 1 << 16)) {
                adam.read(in, model.net().getParameters(), file.get());
            }
        } else if (model.card().steps() > 0) {
            progress.warning("optimizer state not found in " + model.directory().map(Path::toString).orElse("the model")
                    + ": Adam moments restart from zero");
        }
    }

    private static double trainStep(Trainer trainer, ProbabilityLoss loss, List<TrainingPair> pairs) {
        try (NDManager scope = trainer.getManager().newSubManager(); GradientCollector collector = trainer.newGradientCollector()) {
            NDArray[] xy = stack(scope, pairs);
            NDArray prediction = trainer.forward(new NDList(xy[0])).singletonOrThrow();
            NDArray value = loss.evaluate(new NDList(xy[1]), new NDList(prediction));
            collector.backward(value);
            float result = value.getFloat();
            trainer.step();
            return result;
        }
    }

    /** Inference-mode loss and atom detection scores on the validation pairs. */
    static ValidationScores validate(TrainedModel model, ProbabilityLoss loss, List<TrainingPair> pairs, TrainingSettings settings) {
        ParameterStore inference = new ParameterStore(model.manager(), false);
        double lossSum = 0;
        DetectionCounts counts = DetectionCounts.ZERO;
        for (TrainingPair pair : pairs) {
            float[] p;
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray[] xy = stack(scope, List.of(pair));
                NDArray prediction = model.net().forward(inference, new NDList(xy[0]), false).singletonOrThrow();
                lossSum += loss.evaluate(new NDList(xy[1]), new NDList(prediction)).getFloat();
                p = prediction.toFloatArray();
            }
            counts = counts.plus(scoreAtoms(p, pair, settings.matchRadiusPixels()));
        }
        return counts.scores(lossSum / pairs.size());
    }

    /**
     * Atoms found in every atom class (all but the background, or the single class) by the post-processing
     * peak finder, matched one-to-one to the label maps' peaks. Maps are scored on a 1 Å grid so that the
     * finder's and the scorer's Å are pixels.
     */
    static DetectionCounts scoreAtoms(float[] prediction, TrainingPair pair, double radiusPixels) {
        int n = pair.height() * pair.width();
        Grid pixels = Grid.of(pair.height(), pair.width(), 1.0);
        PeakFinder.Parameters peaks = new PeakFinder.Parameters(0.5, 1.0);
        DetectionCounts counts = DetectionCounts.ZERO;
        for (int k = pair.classes() == 1 ? 0 : 1; k < pair.classes(); k++) {
            RealImage predicted = new RealImage(pixels, Arrays.copyOfRange(prediction, k * n, (k + 1) * n));
            RealImage truth = new RealImage(pixels, Arrays.copyOfRange(pair.labels(), k * n, (k + 1) * n));
            Scoring.Score score = Scoring.score(Site.of(PeakFinder.find(predicted, "atom", peaks)),
                    Site.of(PeakFinder.find(truth, "atom", peaks)), radiusPixels);
            double squared = 0;
            for (Scoring.Match match : score.matches()) {
                squared += match.distanceAngstrom() * match.distanceAngstrom();
            }
            counts = counts.plus(new DetectionCounts(score.truePositives(), score.falsePositives(),
                    score.falseNegatives(), squared));
        }
        return counts;
    }

    /** Match counts summed over validation maps. */
    record DetectionCounts(long truePositives, long falsePositives, long falseNegatives, double sumSquaredDistance) {

        static final DetectionCounts ZERO = new DetectionCounts(0, 0, 0, 0);

        DetectionCounts plus(DetectionCounts o) {
            return new DetectionCounts(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives, sumSquaredDistance + o.sumSquaredDistance);
        }

        /** Precision, recall and F1 (each 1 when there is nothing to find and nothing found), RMSE in pixels. */
        ValidationScores scores(double loss) {
            double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
            double recall = truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double rmse = truePositives == 0 ? Double.NaN : Math.sqrt(sumSquaredDistance / truePositives);
            return new ValidationScores(loss, precision, recall, f1, rmse);
        }
    }

    private static NDArray[] stack(NDManager scope, List<TrainingPair> pairs) {
        TrainingPair first = pairs.get(0);
        int in = first.input().length;
        int lab = first.labels().length;
        float[] x = new float[pairs.size() * in];
        float[] y = new float[pairs.size() * lab];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(pairs.get(i).input(), 0, x, i * in, in);
            System.arraycopy(pairs.get(i).labels(), 0, y, i * lab, lab);
        }
        return new NDArray[] {
            scope.create(x, new Shape(pairs.size(), first.inputChannels(), first.height(), first.width())),
            scope.create(y, new Shape(pairs.size(), first.classes(), first.height(), first.width()))};
    }

}
