package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.errors.AtomfinderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetTrainingTest {

    @TempDir
    Path temp;

    @Test
    void tinyNetOverfitsOneBatchLossFallsTenfold() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 4, 2);
        List<Double> losses = new ArrayList<>();
        TrainingSettings settings = new TrainingSettings(2, 80, 1e-2, 0, ProbabilityLoss.Kind.MSE, 80, 1000, 2, 2.0, 3);
        try (TrainedModel model = TrainedModel.create(TestModels.card(arch), 3)) {
            new NetTraining().train(model, FixedBatchSource.firstBatchOf(new SyntheticBlobSource(16, 3, 1.5, 0.1, 9), 2), settings,
                    temp.resolve("m"), (step, total, loss) -> losses.add(loss));
        }
        double first = losses.get(0);
        double last = losses.subList(losses.size() - 10, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first / 10, "loss " + first + " -> " + last);
    }

    @Test
    void aLossThatStopsBeingFiniteEndsTrainingWithoutACheckpoint() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 4, 2);
        // A step of 1e30 per weight overflows the next forward pass.
        TrainingSettings settings = new TrainingSettings(2, 20, 1e30, 0, ProbabilityLoss.Kind.MSE, 100, 5, 2, 2.0, 3);
        Path out = temp.resolve("diverged");
        try (TrainedModel model = TrainedModel.create(TestModels.card(arch), 3)) {
            AtomfinderException e = assertThrows(AtomfinderException.class, () -> new NetTraining().train(model,
                    FixedBatchSource.firstBatchOf(new SyntheticBlobSource(16, 3, 1.5, 0.1, 9), 2), settings, out, (s, t, l) -> { }));
            assertTrue(e.getMessage().contains("training loss became") && e.getMessage().contains("nothing was saved in " + out), e.getMessage());
        }
        assertTrue(!Files.exists(out.resolve(TrainedModel.CARD_FILE)), "no checkpoint of corrupt weights");
    }

    @Test
    void resumedTrainingContinuesTheStepCountLogAndBundle() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 2, 2);
        SyntheticBlobSource source = new SyntheticBlobSource(16, 3, 1.2, 0.1, 4);
        Path out = temp.resolve("model");
        try (TrainedModel model = TrainedModel.create(TestModels.card(arch), 1)) {
            new NetTraining().train(model, source, new TrainingSettings(2, 4, 1e-3, 1e-5, ProbabilityLoss.Kind.CROSS_ENTROPY,
                    2, 3, 2, 2.0, 1), out, (s, t, l) -> { });
        }
        try (TrainedModel loaded = TrainedModel.load(out)) {
            assertEquals(4, loaded.card().steps());
            new NetTraining().train(loaded, source, new TrainingSettings(2, 6, 1e-3, 1e-5, ProbabilityLoss.Kind.CROSS_ENTROPY,
                    2, 3, 2, 2.0, 1), out, (s, t, l) -> assertTrue(s > 4, "resumed at step " + s));
        }
        try (TrainedModel loaded = TrainedModel.load(out)) {
            assertEquals(6, loaded.card().steps());
            assertTrue(loaded.card().validation() != null);
        }
        List<String> csv = Files.readAllLines(out.resolve(TrainingLog.CSV));
        assertEquals(List.of("step", "2", "4", "6"), csv.stream().map(l -> l.split(",")[0]).toList());
        assertTrue(Files.size(out.resolve(TrainingLog.PLOT)) > 0);
        try (var files = Files.list(out)) {
            assertEquals(List.of("model.json", "optimizer-00000006.params", "training-log.csv", "training-plot.png",
                    "weights-00000006.params"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** Width 4, two levels, 32² crops with weight decay on: the brief's tiny resumable run. */
    private static final FusionNetArchitecture TINY = new FusionNetArchitecture(1, 2, 4, 2);
    private static final SyntheticBlobSource BLOBS = new SyntheticBlobSource(32, 4, 1.5, 0.1, 21);

    private static TrainingSettings tinySettings(long steps) {
        return new TrainingSettings(2, steps, 1e-3, 1e-4, ProbabilityLoss.Kind.MSE, 3, 3, 1, 2.0, 5);
    }

    /** Every parameter (weights, biases, batch-norm statistics) in block order, flattened. */
    private static float[] parameters(TrainedModel model) {
        List<float[]> arrays = model.net().getParameters().stream().map(p -> p.getValue().getArray().toFloatArray()).toList();
        float[] all = new float[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    private static double maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** Trains the bundle in {@code dir} (loaded) up to {@code steps}; returns its parameters and collects warnings. */
    private static float[] resume(Path dir, long steps, List<String> warnings) throws Exception {
        try (TrainedModel model = TrainedModel.load(dir)) {
            new NetTraining().train(model, BLOBS, tinySettings(steps), dir, new NetTraining.Progress() {
                @Override
                public void step(long step, long total, double loss) {
                }

                @Override
                public void warning(String message) {
                    warnings.add(message);
                }
            });
            return parameters(model);
        }
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void stoppedAndResumedTrainingEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        float[] straight;
        try (TrainedModel model = TrainedModel.create(TestModels.card(TINY), 5)) {
            new NetTraining().train(model, BLOBS, tinySettings(6), temp.resolve("straight"), (s, t, l) -> { });
            straight = parameters(model);
        }
        Path stopped = temp.resolve("stopped");
        try (TrainedModel model = TrainedModel.create(TestModels.card(TINY), 5)) {
            new NetTraining().train(model, BLOBS, tinySettings(3), stopped, (s, t, l) -> { });
        }
        assertTrue(Files.isRegularFile(stopped.resolve(TrainedModel.optimizerFileName(3))));
        Path withoutState = temp.resolve("without-state");
        copyFolder(stopped, withoutState);
        Files.delete(withoutState.resolve(TrainedModel.optimizerFileName(3)));

        List<String> warnings = new ArrayList<>();
        float[] resumed = resume(stopped, 6, warnings);
        assertEquals(List.of(), warnings);
        // Same data, weights, batch-norm statistics, Adam moments and update counts; one intra-op thread
        // (surefire), so the two runs are expected to agree to the last bit.
        assertTrue(maxDifference(straight, resumed) <= 1e-6, "resumed run differs by " + maxDifference(straight, resumed));

        float[] restarted = resume(withoutState, 6, warnings);
        // Measured: resumed 0.0 (bit-identical), restarted 1.7e-2 (zero moments make the three steps sign-sized).
        assertTrue(maxDifference(straight, restarted) > 1e-3, "restarted Adam differs by only " + maxDifference(straight, restarted));
        assertEquals(List.of("optimizer state not found in " + withoutState + ": Adam moments restart from zero"), warnings);
    }

    @Test
    void bundleWithoutOptimizerStateLoadsAndResumesWithAWarning() throws Exception {
        Path checkpoint = temp.resolve("checkpoint");
        try (TrainedModel model = TrainedModel.create(TestModels.card(TINY), 5)) {
            new NetTraining().train(model, BLOBS, tinySettings(3), checkpoint, (s, t, l) -> { });
        }
        // A shipped bundle: weights and a card without optimizerFile, as bundles were written before it existed.
        Path shipped = temp.resolve("shipped");
        try (TrainedModel model = TrainedModel.load(checkpoint)) {
            ModelCard c = model.card();
            model.save(shipped, c.afterTraining(c.steps(), c.validation(), c.weightsFile(), null));
        }
        assertTrue(!Files.readString(shipped.resolve(TrainedModel.CARD_FILE)).contains("optimizerFile"));
        try (var files = Files.list(shipped)) {
            assertEquals(List.of("model.json", "weights-00000003.params"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (TrainedModel loaded = TrainedModel.load(shipped)) {
            assertEquals(null, loaded.card().optimizerFile());
        }
        List<String> warnings = new ArrayList<>();
        resume(shipped, 5, warnings);
        assertEquals(List.of("optimizer state not found in " + shipped + ": Adam moments restart from zero"), warnings);
        try (TrainedModel loaded = TrainedModel.load(shipped)) {
            assertEquals(5, loaded.card().steps());
            assertEquals(TrainedModel.optimizerFileName(5), loaded.card().optimizerFile());
            assertTrue(Files.isRegularFile(shipped.resolve(TrainedModel.optimizerFileName(5))));
        }
    }

    @Test
    void optimizerStateOfAnotherNetworkIsAUserErrorNamingTheFile() throws Exception {
        Path mine = temp.resolve("mine");
        Path other = temp.resolve("other");
        try (TrainedModel model = TrainedModel.create(TestModels.card(TINY), 5)) {
            new NetTraining().train(model, BLOBS, tinySettings(1), mine, (s, t, l) -> { });
        }
        try (TrainedModel model = TrainedModel.create(TestModels.card(new FusionNetArchitecture(1, 2, 2, 2)), 5)) {
            new NetTraining().train(model, BLOBS, tinySettings(1), other, (s, t, l) -> { });
        }
        Path state = mine.resolve(TrainedModel.optimizerFileName(1));
        Files.copy(other.resolve(TrainedModel.optimizerFileName(1)), state, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        AtomfinderException e = assertThrows(AtomfinderException.class, () -> resume(mine, 2, new ArrayList<>()));
        assertTrue(e.getMessage().contains(state.toString()), e.getMessage());
    }

    @Test
    void stopRequestLikeCtrlCCheckpointsTheCurrentStep() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 2, 2);
        Path out = temp.resolve("stopped");
        NetTraining training = new NetTraining();
        try (TrainedModel model = TrainedModel.create(TestModels.card(arch), 1)) {
            training.train(model, new SyntheticBlobSource(16, 3, 1.2, 0.1, 4), new TrainingSettings(1, 100, 1e-3, 0,
                    ProbabilityLoss.Kind.MSE, 50, 50, 1, 2.0, 1), out, (step, total, loss) -> {
                        if (step == 3) {
                            training.requestStop();
                        }
                    });
        }
        try (TrainedModel loaded = TrainedModel.load(out)) {
            assertEquals(3, loaded.card().steps());
        }
    }

    @Test
    void perfectPredictionScoresOneAndAnEmptyPredictionFindsNothing() {
        SyntheticBlobSource source = new SyntheticBlobSource(32, 4, 1.5, 0.0, 2);
        TrainingPair pair = source.pair(0, 0);
        NetTraining.DetectionCounts perfect = NetTraining.scoreAtoms(pair.labels(), pair, 2.0);
        assertTrue(perfect.truePositives() >= 3, "blobs found: " + perfect.truePositives());
        assertEquals(0, perfect.falsePositives() + perfect.falseNegatives());
        assertEquals(1.0, perfect.scores(0).f1());
        assertEquals(0.0, perfect.scores(0).positionRmsePixels(), 1e-9);
        // All background: nothing found, so precision is 1 (no false alarms) and recall 0.
        float[] background = new float[pair.labels().length];
        java.util.Arrays.fill(background, 0, 32 * 32, 1f);
        ValidationScores empty = NetTraining.scoreAtoms(background, pair, 2.0).scores(0);
        assertEquals(1.0, empty.precision());
        assertEquals(0.0, empty.recall());
        assertEquals(0.0, empty.f1());
        // Counts from several maps add up.
        NetTraining.DetectionCounts twice = perfect.plus(perfect);
        assertEquals(2 * perfect.truePositives(), twice.truePositives());
    }
}
