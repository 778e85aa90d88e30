package io.github.atomfinder.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;

/** Small models for tests. */
final class TestModels {

    private TestModels() {
    }

    static ModelCard card(FusionNetArchitecture architecture) {
        List<String> names = architecture.classes() == 1 ? List.of("atom") : List.of("background", "atom");
        return new ModelCard(ModelCard.FORMAT, architecture, names, 0.1, 1.2, TrainedModel.weightsFileName(0),
                Map.of("source", "test"), 0, null, ModelCard.currentSoftwareVersion());
    }

    /**
     * A random network whose batch-norm running statistics have been moved by a few training-mode passes on
     * noise, so inference-mode outputs are neither trivial nor saturated.
     */
    static TrainedModel warmedUp(FusionNetArchitecture architecture, long seed) {
        TrainedModel model = TrainedModel.create(card(architecture), seed);
        ParameterStore store = new ParameterStore(model.manager(), false);
        for (int i = 0; i < 3; i++) {
            try (NDManager scope = model.manager().newSubManager()) {
                model.net().forward(store, new NDList(scope.randomNormal(0f, 1f,
                        new Shape(2, architecture.inputChannels(), 64, 64), DataType.FLOAT32)), true);
            }
        }
        return model;
    }

    /** {@code size} draws of a normal distribution of standard deviation {@code sigma}. */
    static float[] normalNoise(long size, double sigma, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (sigma * random.nextGaussian());
        }
        return values;
    }
}
