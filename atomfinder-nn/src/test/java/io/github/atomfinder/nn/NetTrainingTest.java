package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.data.TrainingPair;
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
            assertEquals(List.of("model.json", "training-log.csv", "training-plot.png", "weights-00000006.params"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
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
