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
    void perfectPredictionScoresOneAndMissedAtomsLowerRecall() {
        SyntheticBlobSource source = new SyntheticBlobSource(32, 4, 1.5, 0.0, 2);
        TrainingPair pair = source.pair(0, 0);
        List<PeakScoring.Peak> truth = PeakScoring.localMaxima(java.util.Arrays.copyOfRange(pair.labels(), 1024, 2048), 32, 32, 0.5);
        assertTrue(truth.size() >= 3, "blobs found: " + truth.size());
        ValidationScores perfect = PeakScoring.match(truth, truth, 2.0).scores(0);
        assertEquals(1.0, perfect.f1());
        assertEquals(0.0, perfect.positionRmsePixels());
        // Half the atoms missed: precision 1, recall 1/2 (for an even count), F1 = 2/3.
        List<PeakScoring.Peak> half = truth.subList(0, truth.size() / 2);
        ValidationScores partial = PeakScoring.match(half, truth, 2.0).scores(0);
        assertEquals(1.0, partial.precision());
        assertEquals((double) half.size() / truth.size(), partial.recall(), 1e-12);
        // A detection shifted by (0.3, 0.4) px is matched with distance 0.5 px.
        PeakScoring.Peak t = truth.get(0);
        ValidationScores shifted = PeakScoring.match(List.of(new PeakScoring.Peak(t.y() + 0.3, t.x() + 0.4, 1)), List.of(t), 2.0).scores(0);
        assertEquals(0.5, shifted.positionRmsePixels(), 1e-9);
    }
}
