package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.atomfinder.errors.AtomfinderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResumableAdamTest {

    private static final float LEARNING_RATE = 0.05f;
    private static final float WEIGHT_DECAY = 0.01f;

    /** A tiny layer (weight 3 × 4, bias 3) whose parameters the optimizers update. */
    private static Linear layer(NDManager manager, int units) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        return linear;
    }

    private static ResumableAdam resumable(NDManager manager) {
        return ResumableAdam.builder().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).optWeightDecays(WEIGHT_DECAY)
                .build(manager);
    }

    /** Seeded gradients for step {@code step} of every parameter, the same for every optimizer. */
    private static NDArray gradient(NDManager manager, Shape shape, int step, int parameter) {
        Random random = new Random(1000L * step + parameter);
        float[] g = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) random.nextGaussian();
        }
        return manager.create(g, shape);
    }

    /** {@code steps} updates of every parameter in {@code weights}, starting at step {@code first}. */
    private static void run(Optimizer optimizer, List<String> ids, List<NDArray> weights, int first, int steps, NDManager manager) {
        for (int s = first; s < first + steps; s++) {
            for (int p = 0; p < weights.size(); p++) {
                try (NDManager scope = manager.newSubManager()) {
                    optimizer.update(ids.get(p), weights.get(p), gradient(scope, weights.get(p).getShape(), s, p));
                }
            }
        }
    }

    private static List<NDArray> copies(List<NDArray> arrays) {
        return arrays.stream().map(NDArray::duplicate).toList();
    }

    private static List<NDArray> arrays(Linear linear) {
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Parameter> p : linear.getParameters()) {
            arrays.add(p.getValue().getArray());
        }
        return arrays;
    }

    private static List<String> ids(Linear linear) {
        return linear.getParameters().stream().map(p -> p.getValue().getId()).toList();
    }

    private static float maxDifference(List<NDArray> a, List<NDArray> b) {
        float max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, a.get(i).sub(b.get(i)).abs().max().getFloat());
        }
        return max;
    }

    @Test
    void updatesEqualDjlAdamOnTheSameGradientsWithWeightDecay() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear linear = layer(manager, 3);
            List<NDArray> ours = arrays(linear);
            List<NDArray> djl = copies(ours);
            List<NDArray> start = copies(ours);
            Optimizer reference = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE))
                    .optWeightDecays(WEIGHT_DECAY).build();
            run(reference, ids(linear), djl, 0, 5, manager);
            run(resumable(manager), ids(linear), ours, 0, 5, manager);
            for (int i = 0; i < ours.size(); i++) {
                assertArrayEquals(djl.get(i).toFloatArray(), ours.get(i).toFloatArray(), 0f, "parameter " + i);
            }
            // Five steps of about lr each moved the weights: the comparison is not between untouched arrays.
            assertTrue(maxDifference(start, ours) > LEARNING_RATE, "moved " + maxDifference(start, ours));
        }
    }

    @Test
    void restoredStateContinuesLikeAnUninterruptedAdam() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear linear = layer(manager, 3);
            List<NDArray> resumed = arrays(linear);
            List<NDArray> restarted = copies(resumed);
            List<NDArray> reference = copies(resumed);
            Optimizer djl = Optimizer.adam().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).optWeightDecays(WEIGHT_DECAY).build();
            run(djl, ids(linear), reference, 0, 6, manager);

            ResumableAdam before = resumable(manager);
            run(before, ids(linear), resumed, 0, 3, manager);
            for (int i = 0; i < resumed.size(); i++) {
                restarted.get(i).set(resumed.get(i).toFloatArray());
            }
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            before.write(saved, linear.getParameters());
            // A new process: other parameter ids, same names.
            Linear again = layer(manager, 3);
            for (int i = 0; i < resumed.size(); i++) {
                again.getParameters().get(i).getValue().getArray().set(resumed.get(i).toFloatArray());
            }
            ResumableAdam after = resumable(manager);
            after.read(new ByteArrayInputStream(saved.toByteArray()), again.getParameters(), Path.of("optimizer-00000003.params"));
            assertEquals(3, after.updates());
            run(after, ids(again), arrays(again), 3, 3, manager);
            for (int i = 0; i < resumed.size(); i++) {
                assertArrayEquals(reference.get(i).toFloatArray(), arrays(again).get(i).toFloatArray(), 0f, "parameter " + i);
            }
            // Without the state (zero moments, bias correction from t = 1) the same three steps end elsewhere.
            run(resumable(manager), ids(linear), restarted, 3, 3, manager);
            float difference = maxDifference(reference, restarted);
            assertTrue(difference > 1e-3, "restarting Adam changed the weights by only " + difference);
        }
    }

    @Test
    void stateOfAnotherParameterSetIsRefusedNamingTheFile() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear three = layer(manager, 3);
            ResumableAdam adam = resumable(manager);
            run(adam, ids(three), arrays(three), 0, 1, manager);
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            adam.write(saved, three.getParameters());
            Linear five = layer(manager, 5);
            AtomfinderException e = assertThrows(AtomfinderException.class, () -> resumable(manager).read(
                    new ByteArrayInputStream(saved.toByteArray()), five.getParameters(), Path.of("run/optimizer-00000001.params")));
            assertTrue(e.getMessage().contains("run/optimizer-00000001.params") && e.getMessage().contains("shape"), e.getMessage());
            byte[] truncated = java.util.Arrays.copyOf(saved.toByteArray(), saved.size() - 5);
            AtomfinderException cut = assertThrows(AtomfinderException.class, () -> resumable(manager).read(
                    new ByteArrayInputStream(truncated), three.getParameters(), Path.of("cut.params")));
            assertTrue(cut.getMessage().contains("cut.params") && cut.getMessage().contains("truncated"), cut.getMessage());
        }
    }
}
