package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.nn.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path temp;

    @Test
    void syntheticTrainingWritesABundleAndResumesToMoreSteps() throws Exception {
        Path out = temp.resolve("model");
        String[] common = tinySyntheticRun(out);
        assertEquals(0, Main.run(concat(common, "--steps", "2")));
        assertTrue(Files.isRegularFile(out.resolve("model.json")));
        assertTrue(Files.isRegularFile(out.resolve("training-plot.png")));
        // Without --resume an existing bundle is never overwritten.
        assertEquals(Main.EXIT_USER_ERROR, Main.run(concat(common, "--steps", "4")));
        assertEquals(0, Main.run(concat(common, "--steps", "4", "--resume")));
        try (TrainedModel model = TrainedModel.load(out)) {
            assertEquals(4, model.card().steps());
            assertEquals(2, model.card().architecture().baseWidth());
        }
    }

    @Test
    void resumingWithOtherSettingsRecordsANewStageFromTheStepItStarted() throws Exception {
        Path out = temp.resolve("staged");
        String[] common = tinySyntheticRun(out);
        assertEquals(0, Main.run(concat(common, "--steps", "2")));
        // A stage that trains no step (the bundle is already at 2) is replaced by the next one.
        assertEquals(0, Main.run(concat(common, "--steps", "2", "--resume", "--learning-rate", "1e-4")));
        // Recording the new stage rewrites the card; Adam's state must stay named and on disk for the next resume.
        try (TrainedModel model = TrainedModel.load(out)) {
            assertEquals(TrainedModel.optimizerFileName(2), model.card().optimizerFile());
            assertTrue(Files.isRegularFile(out.resolve(TrainedModel.optimizerFileName(2))));
        }
        assertEquals(0, Main.run(concat(common, "--steps", "4", "--resume", "--learning-rate", "3e-4")));
        assertEquals(0, Main.run(concat(common, "--steps", "6", "--resume", "--learning-rate", "3e-4")));
        try (TrainedModel model = TrainedModel.load(out)) {
            List<?> stages = (List<?>) model.card().training().get("stages");
            assertEquals(2, stages.size(), "the last run continues the second stage; the empty one is gone");
            Map<?, ?> second = (Map<?, ?>) stages.get(1);
            assertEquals(2, ((Number) second.get("fromStep")).intValue());
            assertEquals(3e-4, ((Number) second.get("learningRate")).doubleValue(), 1e-12);
            assertEquals(1e-3, ((Number) ((Map<?, ?>) stages.get(0)).get("learningRate")).doubleValue(), 1e-12);
            assertEquals(3e-4, ((Number) model.card().training().get("learningRate")).doubleValue(), 1e-12);
            assertEquals(6, model.card().steps());
        }
    }

    @Test
    void resumingWithALargerWidthWidensTheNetworkAndANarrowerOneIsRefused() throws Exception {
        Path out = temp.resolve("grown");
        String[] narrow = tinySyntheticRun(out);
        assertEquals(0, Main.run(concat(narrow, "--steps", "2")));
        String[] wide = narrow.clone();
        wide[List.of(narrow).indexOf("--width") + 1] = "3";
        assertEquals(0, Main.run(concat(wide, "--steps", "4", "--resume")));
        // Without --width a resumed run keeps the bundle's (now wider) network and its stage.
        String[] unnamed = List.of(narrow).subList(4, narrow.length).toArray(new String[0]);
        assertEquals("--levels", unnamed[0]);
        assertEquals(0, Main.run(concat(new String[] {"train", "--synthetic"}, concat(unnamed, "--steps", "6", "--resume"))));
        try (TrainedModel model = TrainedModel.load(out)) {
            assertEquals(3, model.card().architecture().baseWidth());
            assertEquals(6, model.card().steps());
            assertTrue(Files.isRegularFile(out.resolve(TrainedModel.optimizerFileName(6))));
            List<?> stages = (List<?>) model.card().training().get("stages");
            assertEquals(2, stages.size());
            assertEquals(2, ((Number) ((Map<?, ?>) stages.get(0)).get("width")).intValue());
            Map<?, ?> grown = (Map<?, ?>) stages.get(1);
            assertEquals(3, ((Number) grown.get("width")).intValue());
            assertEquals(2, ((Number) grown.get("fromStep")).intValue());
        }
        assertEquals(Main.EXIT_USER_ERROR, Main.run(concat(narrow, "--steps", "8", "--resume")));
        try (TrainedModel model = TrainedModel.load(out)) {
            assertEquals(3, model.card().architecture().baseWidth(), "a refused narrowing leaves the bundle as it was");
            assertEquals(6, model.card().steps());
        }
    }

    @Test
    void resumingWithGlobalContextGraftsItOnceAndRecordsItsStage() throws Exception {
        Path out = temp.resolve("context");
        String[] run = tinySyntheticRun(out);
        assertEquals(0, Main.run(concat(run, "--steps", "2")));
        assertEquals(0, Main.run(concat(run, "--steps", "4", "--resume", "--global-context")));
        // Without the flag a resumed run keeps the bundle's context and its stage.
        assertEquals(0, Main.run(concat(run, "--steps", "6", "--resume")));
        try (TrainedModel model = TrainedModel.load(out)) {
            assertTrue(model.card().architecture().globalContext());
            assertEquals(6, model.card().steps());
            List<?> stages = (List<?>) model.card().training().get("stages");
            assertEquals(2, stages.size());
            assertEquals(false, ((Map<?, ?>) stages.get(0)).get("globalContext"));
            assertEquals(true, ((Map<?, ?>) stages.get(1)).get("globalContext"));
            assertEquals(2, ((Number) ((Map<?, ?>) stages.get(1)).get("fromStep")).intValue());
        }
    }

    @Test
    void cropThatIsNotAMultipleOfTheCoarsestLevelIsAUserError() {
        assertEquals(Main.EXIT_USER_ERROR, Main.run("train", "--synthetic", "--crop", "100", "--steps", "1",
                "--out", temp.resolve("m").toString()));
    }

    /** A network of width 2 on 16-pixel blob crops: seconds per run. */
    private static String[] tinySyntheticRun(Path out) {
        return new String[] {"train", "--synthetic", "--width", "2", "--levels", "2", "--crop", "16", "--batch", "2",
            "--validate-every", "2", "--validation-size", "2", "--threads", "1", "--out", out.toString()};
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
