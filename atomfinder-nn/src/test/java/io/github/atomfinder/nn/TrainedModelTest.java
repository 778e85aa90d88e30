package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedModelTest {

    @TempDir
    Path temp;

    private static RealImage noiseImage(int ny, int nx, double pixelSize, long seed) {
        return new RealImage(Grid.of(ny, nx, pixelSize), TestModels.normalNoise((long) ny * nx, 1, seed));
    }

    @Test
    void savedAndLoadedBundleGivesIdenticalOutputs() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 4, 3);
        RealImage image = noiseImage(70, 90, 0.1, 3);
        Path dir = temp.resolve("model");
        List<RealImage> before;
        try (TrainedModel model = TestModels.warmedUp(arch, 11)) {
            before = new Segmenter(model).predict(List.of(image));
            model.save(dir, model.card().afterTraining(5, new ValidationScores(0.1, 0.9, 0.8, 0.85, 0.3),
                    TrainedModel.weightsFileName(5), null));
        }
        assertTrue(Files.isRegularFile(dir.resolve("model.json")));
        try (TrainedModel loaded = TrainedModel.load(dir)) {
            assertEquals(5, loaded.card().steps());
            assertEquals(0.85, loaded.card().validation().f1());
            assertEquals(arch, loaded.card().architecture());
            List<RealImage> after = new Segmenter(loaded).predict(List.of(image));
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(before.get(k).data(), after.get(k).data(), 0f);
            }
        }
    }

    @Test
    void aWidenedNetworkComputesTheSameMapsAndHasNewChannelsToTrain() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 4, 3);
        RealImage image = noiseImage(64, 72, 0.1, 5);
        try (TrainedModel narrow = TestModels.warmedUp(arch, 12);
                TrainedModel wide = narrow.widened(6, 13)) {
            assertEquals(new FusionNetArchitecture(1, 2, 6, 3), wide.card().architecture());
            assertEquals(narrow.card().steps(), wide.card().steps());
            assertEquals(null, wide.card().optimizerFile());
            List<RealImage> before = new Segmenter(narrow).predict(List.of(image));
            List<RealImage> after = new Segmenter(wide).predict(List.of(image));
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(before.get(k).data(), after.get(k).data(), 1e-5f);
            }
            // The decoder's last conv: old outputs read only old inputs; the new outputs read everything.
            float[] w = parameter(wide, ".*decoder0.*last.*Conv2d_weight").toFloatArray();
            int in = 6;
            int plane = 9;
            double oldFromNew = 0;
            double newFromAll = 0;
            for (int out = 0; out < 6; out++) {
                for (int i = 0; i < in; i++) {
                    for (int p = 0; p < plane; p++) {
                        double v = Math.abs(w[(out * in + i) * plane + p]);
                        if (out < 4 && i >= 4) {
                            oldFromNew += v;
                        } else if (out >= 4) {
                            newFromAll += v;
                        }
                    }
                }
            }
            assertEquals(0, oldFromNew);
            assertTrue(newFromAll > 0.1, "new output channels are initialised, not zero: " + newFromAll);
            // The class scores ([class][channel]) read the old channels as before and the new ones not at all.
            float[] narrowScore = parameter(narrow, ".*score_weight").toFloatArray();
            float[] wideScore = parameter(wide, ".*score_weight").toFloatArray();
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(Arrays.copyOfRange(narrowScore, 4 * k, 4 * k + 4), Arrays.copyOfRange(wideScore, 6 * k, 6 * k + 4), 0f);
                assertArrayEquals(new float[2], Arrays.copyOfRange(wideScore, 6 * k + 4, 6 * k + 6), 0f);
            }
        }
    }

    @Test
    void aGraftedGlobalContextChangesNothingUntilTrainedThenLetsPixelsBeyondTheReceptiveFieldMatter() throws Exception {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 4, 3);
        int ny = 64;
        int nx = 400;
        float[] near = noiseImage(ny, nx, 0.1, 6).data();
        float[] far = near.clone();
        // The change at x ≥ 376 is more than the 131 px receptive radius of 3 levels away from x < 16.
        for (int y = 0; y < ny; y++) {
            for (int x = 376; x < 384; x++) {
                far[y * nx + x] += 3f;
            }
        }
        Path dir = temp.resolve("context");
        float[] nearMap;
        try (TrainedModel local = TestModels.warmedUp(arch, 14);
                TrainedModel context = local.withGlobalContext(15)) {
            assertTrue(context.card().architecture().globalContext());
            assertEquals(null, context.card().optimizerFile());
            float[] before = atomMap(local, near, ny, nx);
            assertArrayEquals(before, atomMap(context, near, ny, nx), 1e-5f);
            assertEquals(0, leftDifference(before, atomMap(local, far, ny, nx), ny, nx), "no context: the far change cannot reach x < 16");

            NDArray last = parameter(context, ".*context.*03Conv2d_weight");
            assertEquals(0, last.abs().sum().getFloat());
            last.set(TestModels.normalNoise(last.size(), 0.3, 16));
            nearMap = atomMap(context, near, ny, nx);
            float[] farMap = atomMap(context, far, ny, nx);
            double reached = leftDifference(nearMap, farMap, ny, nx);
            assertTrue(reached > 1e-3, "with a context the far change reaches x < 16: " + reached);
            // Tiles of 64 px (windows of 336 px: the whole frame in y, 7 in x) get the whole frame's context.
            List<float[][]> frames = List.<float[][]>of(new float[][] {near}, new float[][] {far});
            List<float[][]> tiled = new Segmenter(context, 64, 2).predictPrepared(frames, ny, nx);
            assertArrayEquals(nearMap, tiled.get(0)[1], 1e-5f);
            assertArrayEquals(farMap, tiled.get(1)[1], 1e-5f);
            context.save(dir, context.card().afterTraining(7, null, TrainedModel.weightsFileName(7), null));
        }
        try (TrainedModel loaded = TrainedModel.load(dir)) {
            assertTrue(loaded.card().architecture().globalContext());
            assertArrayEquals(nearMap, atomMap(loaded, near, ny, nx), 0f);
            AtomfinderException e = assertThrows(AtomfinderException.class, () -> loaded.withGlobalContext(1));
            assertTrue(e.getMessage().contains("already"), e.getMessage());
        }
    }

    /** The largest difference of two maps at x < 16. */
    private static double leftDifference(float[] a, float[] b, int ny, int nx) {
        double max = 0;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < 16; x++) {
                max = Math.max(max, Math.abs(a[y * nx + x] - b[y * nx + x]));
            }
        }
        return max;
    }

    /** The atom map of a prepared (already normalised) frame, untiled. */
    private static float[] atomMap(TrainedModel model, float[] frame, int ny, int nx) {
        return new Segmenter(model, 1024, 1).predictPrepared(List.<float[][]>of(new float[][] {frame}), ny, nx).get(0)[1];
    }

    @Test
    void aNetworkIsNotNarrowed() {
        try (TrainedModel model = TrainedModel.create(TestModels.card(new FusionNetArchitecture(1, 2, 4, 2)), 1)) {
            AtomfinderException e = assertThrows(AtomfinderException.class, () -> model.widened(3, 1));
            assertTrue(e.getMessage().contains("cannot be narrowed"), e.getMessage());
        }
    }

    /** The one parameter whose name matches {@code regex}. */
    private static NDArray parameter(TrainedModel model, String regex) {
        NDArray found = null;
        for (var p : model.net().getParameters()) {
            if (p.getKey().matches(regex)) {
                if (found != null) {
                    throw new AssertionError("more than one parameter matches " + regex);
                }
                found = p.getValue().getArray();
            }
        }
        if (found == null) {
            throw new AssertionError("no parameter matches " + regex);
        }
        return found;
    }

    @Test
    void loadingAFolderWithoutCardNamesTheProblem() {
        AtomfinderException e = assertThrows(AtomfinderException.class, () -> TrainedModel.load(temp));
        assertTrue(e.getMessage().contains("model.json"));
    }

    @Test
    void tiledInferenceOfA1024ImageEqualsUntiledInference() {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 2, 3);
        RealImage image = noiseImage(1024, 1024, 0.1, 4);
        try (TrainedModel model = TestModels.warmedUp(arch, 12)) {
            // Normalisation is shared by both paths; the network part is what tiling changes.
            List<float[][]> frame = List.<float[][]>of(new float[][] {image.data()});
            float[] whole = new Segmenter(model, 1024, 1).predictPrepared(frame, 1024, 1024).get(0)[1];
            float[] tiled = new Segmenter(model, 512, 4).predictPrepared(frame, 1024, 1024).get(0)[1];
            double maxDifference = 0;
            for (int i = 0; i < whole.length; i++) {
                maxDifference = Math.max(maxDifference, Math.abs(whole[i] - tiled[i]));
            }
            assertTrue(maxDifference < 1e-3, "max difference " + maxDifference);
            RealImage map = new RealImage(image.grid(), whole);
            assertTrue(map.standardDeviation() > 1e-3, "the test needs a non-constant output, std " + map.standardDeviation());
        }
    }

    @Test
    void framesBatchedTogetherGiveTheSameMapsAsOneByOne() {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 2, 3);
        List<RealImage> frames = List.of(noiseImage(40, 48, 0.1, 6), noiseImage(40, 48, 0.1, 7), noiseImage(40, 48, 0.1, 8));
        try (TrainedModel model = TestModels.warmedUp(arch, 14)) {
            Segmenter segmenter = new Segmenter(model, 16, 5);
            List<List<RealImage>> batched = segmenter.predictFrames(frames.stream().map(List::of).toList());
            for (int f = 0; f < frames.size(); f++) {
                assertArrayEquals(segmenter.predict(List.of(frames.get(f))).get(1).data(), batched.get(f).get(1).data(), 1e-5f);
            }
        }
    }

    @Test
    void classMapsComeBackOnTheInputGridWhenThePixelSizeDiffers() {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 2, 3);
        RealImage image = noiseImage(50, 61, 0.137, 5);
        try (TrainedModel model = TestModels.warmedUp(arch, 13)) {
            List<RealImage> maps = new Segmenter(model).predict(List.of(image));
            assertEquals(image.grid(), maps.get(0).grid());
            for (int i = 0; i < image.grid().size(); i++) {
                assertEquals(1.0, maps.get(0).data()[i] + maps.get(1).data()[i], 1e-5);
            }
        }
    }
}
