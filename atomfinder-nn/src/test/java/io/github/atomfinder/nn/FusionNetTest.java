package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.atomfinder.data.TrainingPair;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FusionNetTest {

    @Test
    void outputHasOneMapPerClassSummingToOneAtEveryPixel() {
        FusionNetArchitecture arch = new FusionNetArchitecture(3, 4, 4, 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            FusionNet net = new FusionNet(arch);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 48, 40));
            NDArray x = manager.randomNormal(new Shape(2, 3, 48, 40));
            NDArray p = net.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(2, 4, 48, 40), p.getShape());
            float[] sums = p.sum(new int[] {1}).toFloatArray();
            for (float s : sums) {
                assertEquals(1.0, s, 1e-5);
            }
            assertTrue(p.min().getFloat() >= 0);
        }
    }

    @Test
    void singleClassWithoutBackgroundGivesSigmoidProbabilities() {
        // Seeded: an unlucky random net can saturate the sigmoid to exactly 0 or 1 in float. A softmax over the
        // single class would give exactly 1 everywhere whatever the seed.
        ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            FusionNet net = new FusionNet(new FusionNetArchitecture(1, 1, 4, 2));
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 16, 16));
            NDArray p = net.forward(new ParameterStore(manager, false), new NDList(manager.randomNormal(new Shape(1, 1, 16, 16))), false)
                    .singletonOrThrow();
            assertEquals(new Shape(1, 1, 16, 16), p.getShape());
            assertTrue(p.min().getFloat() > 0 && p.max().getFloat() < 1);
        }
    }

    @Test
    void bilinearInitialisedPixelShuffleReproducesBilinearInterpolation() {
        int c = 2;
        int h = 6;
        int w = 7;
        Random random = new Random(5);
        float[] pattern = new float[c * h * w];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (float) random.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            PixelShuffleUpsampler up = new PixelShuffleUpsampler(c);
            up.initialize(manager, DataType.FLOAT32, new Shape(1, c, h, w));
            float[] out = up.forward(new ParameterStore(manager, false), new NDList(manager.create(pattern, new Shape(1, c, h, w))), false)
                    .singletonOrThrow().toFloatArray();
            // Reference: PyTorch F.interpolate(scale_factor=2, mode="bilinear", align_corners=False): source
            // coordinate (i + 0.5) / 2 - 0.5, clamped to the image, linear weights.
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < 2 * h; y++) {
                    for (int x = 0; x < 2 * w; x++) {
                        double expected = bilinear(pattern, ch, h, w, (y + 0.5) / 2 - 0.5, (x + 0.5) / 2 - 0.5);
                        assertEquals(expected, out[(ch * 2 * h + y) * 2 * w + x], 1e-5, "channel " + ch + " at " + y + "," + x);
                    }
                }
            }
        }
    }

    private static double bilinear(float[] img, int ch, int h, int w, double sy, double sx) {
        sy = Math.max(0, sy);
        sx = Math.max(0, sx);
        int y0 = Math.min((int) Math.floor(sy), h - 1);
        int x0 = Math.min((int) Math.floor(sx), w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double fy = sy - y0;
        double fx = sx - x0;
        int o = ch * h * w;
        return (1 - fy) * ((1 - fx) * img[o + y0 * w + x0] + fx * img[o + y0 * w + x1])
                + fy * ((1 - fx) * img[o + y1 * w + x0] + fx * img[o + y1 * w + x1]);
    }

    @Test
    void inferenceOutputForOneImageDoesNotDependOnTheRestOfTheBatch() {
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 4, 3);
        SyntheticBlobSource source = new SyntheticBlobSource(32, 6, 1.5, 0.2, 7);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            FusionNet net = new FusionNet(arch);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 32, 32));
            // Move the running statistics away from their initial (0, 1) so the test can see them used.
            ParameterStore training = new ParameterStore(manager, false);
            for (int i = 0; i < 5; i++) {
                net.forward(training, new NDList(manager.randomNormal(3f, 2f, new Shape(4, 1, 32, 32), DataType.FLOAT32)), true);
            }
            TrainingPair a = source.pair(0, 0);
            NDArray alone = manager.create(a.input(), new Shape(1, 1, 32, 32));
            NDArray others = manager.randomNormal(new Shape(3, 1, 32, 32)).mul(10);
            ParameterStore inference = new ParameterStore(manager, false);
            float[] single = net.forward(inference, new NDList(alone), false).singletonOrThrow().toFloatArray();
            NDArray batch = alone.concat(others, 0);
            float[] inBatch = net.forward(inference, new NDList(batch), false).singletonOrThrow().get("0:1").toFloatArray();
            // Equal up to float rounding: oneDNN may sum a batch of 1 and of 4 in different orders (seen: 1.1e-5).
            assertArrayEquals(single, inBatch, 1e-4f);
            // Training mode normalises with the batch's own statistics, so there the batch does matter.
            float[] trainingMode = net.forward(training, new NDList(batch), true).singletonOrThrow().get("0:1").toFloatArray();
            double difference = 0;
            for (int i = 0; i < single.length; i++) {
                difference = Math.max(difference, Math.abs(single[i] - trainingMode[i]));
            }
            assertTrue(difference > 1e-3, "training-mode output should use batch statistics");
        }
    }
}
