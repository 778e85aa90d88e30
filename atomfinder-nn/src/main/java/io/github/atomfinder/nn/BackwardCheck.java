package io.github.atomfinder.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.atomfinder.errors.AtomfinderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Whether this machine's backward pass computes the gradients of the loss. On an AVX-512 AMD EPYC, PyTorch's
 * oneDNN vector kernels returned gradients of the wrong sign and size, or NaN, at random, in the layers below the
 * class scores of networks 4, 8 or 24 wide, while the forward pass was right, so training would quietly follow
 * wrong directions (README, "Troubleshooting"; docs/benchmarks.md, "Backward kernels"). A fresh FusionNet of the
 * model's architecture on a small random image has its autograd gradients compared with central differences of
 * its loss, on the decoder side only: below the max-pooling a weight step switches pooled maxima and the
 * differences stop being a derivative.
 */
public final class BackwardCheck {

    private static final double STEP = 1e-3;
    private static final double RELATIVE_TOLERANCE = 0.05;
    private static final double ABSOLUTE_TOLERANCE = 2e-5;
    private static final int[] ENTRIES = {0, 1, 5};
    private static final int CHECK_RUNS = 3;

    private BackwardCheck() {
    }

    /**
     * Throws with the fix when the gradients of networks like {@code architecture} are wrong. The wrong kernels seen
     * so far were wrong at random (in about three runs of four), so the check runs three times.
     */
    public static void verify(FusionNetArchitecture architecture) {
        for (int run = 0; run < CHECK_RUNS; run++) {
            List<String> wrong = mismatches(architecture);
            if (!wrong.isEmpty()) {
                throw new AtomfinderException("this machine's backward pass does not compute the loss's gradients ("
                        + String.join("; ", wrong) + "), so training would follow wrong directions. On AVX-512 AMD CPUs"
                        + " this is PyTorch's oneDNN vector kernels: run with DNNL_MAX_CPU_ISA=SSE41 in the environment"
                        + " (README, Troubleshooting).");
            }
        }
    }

    /**
     * The checked weight entries of a fresh network of {@code architecture} (which kernels run depends on the channel
     * counts) whose autograd gradient disagrees with the central difference, described.
     */
    public static List<String> mismatches(FusionNetArchitecture architecture) {
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < architecture.classes(); c++) {
            classes.add("class" + c);
        }
        ModelCard card = new ModelCard(ModelCard.FORMAT, architecture, classes, 0.1, 1.2, TrainedModel.weightsFileName(0),
                Map.of("purpose", "backward check"), 0, null, ModelCard.currentSoftwareVersion());
        try (TrainedModel model = TrainedModel.create(card, 3)) {
            int side = 2 * architecture.sizeMultiple();
            Random random = new Random(7);
            float[] pixels = new float[2 * architecture.inputChannels() * side * side];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextGaussian();
            }
            NDArray input = model.manager().create(pixels, new Shape(2, architecture.inputChannels(), side, side));
            List<String> convolutions = new ArrayList<>();
            String scores = null;
            for (Pair<String, Parameter> p : model.net().getParameters()) {
                if (p.getKey().endsWith("Conv2d_weight")) {
                    convolutions.add(p.getKey());
                } else if (p.getKey().endsWith("score_weight")) {
                    scores = p.getKey();
                }
            }
            // The decoder's last three convolutions (parameters are listed in block order) and the class scores.
            List<String> weights = new ArrayList<>(convolutions.subList(Math.max(0, convolutions.size() - 3), convolutions.size()));
            weights.add(scores);
            // One backward pass for all: gradients accumulate over passes.
            Map<String, float[]> gradients = new HashMap<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = output(model, input);
                collector.backward(y.mul(y).mean());
                for (String name : weights) {
                    gradients.put(name, model.net().getParameters().get(name).getArray().getGradient().toFloatArray());
                }
            }
            List<String> wrong = new ArrayList<>();
            for (String name : weights) {
                NDArray weight = model.net().getParameters().get(name).getArray();
                float[] w = weight.toFloatArray();
                for (int k : ENTRIES) {
                    if (k >= w.length) {
                        continue;
                    }
                    double numeric = (lossWith(model, input, weight, w, k, STEP) - lossWith(model, input, weight, w, k, -STEP)) / (2 * STEP);
                    weight.set(w);
                    double autograd = gradients.get(name)[k];
                    if (!(Math.abs(autograd - numeric) <= RELATIVE_TOLERANCE * Math.abs(numeric) + ABSOLUTE_TOLERANCE)) {
                        wrong.add(String.format(Locale.ROOT, "%s[%d]: %.3g, the loss says %.3g", name, k, autograd, numeric));
                    }
                }
            }
            return wrong;
        }
    }

    /** Mean of the squared outputs in training mode (batch statistics), with weight entry k moved by step. */
    private static double lossWith(TrainedModel model, NDArray input, NDArray weight, float[] w, int k, double step) {
        float[] moved = w.clone();
        moved[k] += (float) step;
        weight.set(moved);
        // Summed in double: a float32 mean rounds away the 1e-7 changes a 1e-3 step makes.
        double sum = 0;
        float[] y = output(model, input).toFloatArray();
        for (float v : y) {
            sum += (double) v * v;
        }
        return sum / y.length;
    }

    private static NDArray output(TrainedModel model, NDArray input) {
        return model.net().forward(new ParameterStore(model.manager(), false), new NDList(input), true).singletonOrThrow();
    }
}
