package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.nn.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path temp;

    @Test
    void syntheticTrainingWritesABundleAndResumesToMoreSteps() throws Exception {
        Path out = temp.resolve("model");
        String[] common = {"train", "--synthetic", "--width", "2", "--levels", "2", "--crop", "16", "--batch", "2",
            "--validate-every", "2", "--validation-size", "2", "--threads", "1", "--out", out.toString()};
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
    void cropThatIsNotAMultipleOfTheCoarsestLevelIsAUserError() {
        assertEquals(Main.EXIT_USER_ERROR, Main.run("train", "--synthetic", "--crop", "100", "--steps", "1",
                "--out", temp.resolve("m").toString()));
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
