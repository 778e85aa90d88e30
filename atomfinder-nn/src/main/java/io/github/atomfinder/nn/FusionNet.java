package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * The FusionNet-style U-Net of Madsen et al. 2018 (method.md §8), input {@code [N][C][H][W]} with H, W
 * multiples of {@link FusionNetArchitecture#sizeMultiple()}, output per-class probabilities {@code [N][K][H][W]}.
 *
 * <p>Every level is a block conv3×3 → residual(conv3×3 ×3, + identity) → conv3×3, each conv followed by ReLU
 * and batch norm. Down: 2×2 max pool. Up: 1×1 conv halving the feature maps (+ ReLU, batch norm) then a
 * {@link PixelShuffleUpsampler} initialised as bilinear interpolation; long skips are added. A 1×1 conv scores
 * the classes; softmax over classes (sigmoid for a single class). Batch norm uses batch statistics only when
 * {@code forward(..., training=true)}; inference passes false and uses the running statistics.
 */
public final class FusionNet extends AbstractBlock {

    private final FusionNetArchitecture architecture;
    private final List<Block> encoders = new ArrayList<>();
    private final List<Block> halvings = new ArrayList<>();
    private final List<Block> upsamplers = new ArrayList<>();
    private final List<Block> decoders = new ArrayList<>();
    private final Block score;
    /** Two 1×1 convs from the bridge's mean features to a per-channel offset of the bridge; null without one. */
    private final Block context;

    public FusionNet(FusionNetArchitecture architecture) {
        this.architecture = architecture;
        for (int k = 0; k <= architecture.levels(); k++) {
            encoders.add(addChildBlock("encoder" + k, residualBlock(architecture.width(k))));
        }
        for (int k = architecture.levels() - 1; k >= 0; k--) {
            halvings.add(addChildBlock("halve" + k, convUnit(architecture.width(k), 1)));
            upsamplers.add(addChildBlock("up" + k, new PixelShuffleUpsampler(architecture.width(k))));
            decoders.add(addChildBlock("decoder" + k, residualBlock(architecture.width(k))));
        }
        score = addChildBlock("score", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(architecture.classes()).build());
        // Registered last, so the other blocks' parameters keep the order a network without it saves them in.
        int bridge = architecture.width(architecture.levels());
        context = architecture.globalContext()
                ? addChildBlock("context", new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(bridge).build())
                        .add(Activation.reluBlock())
                        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(bridge).build()))
                : null;
        // He initialisation for ReLU nets; the up-samplers override theirs with bilinear weights.
        setInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                Parameter.Type.WEIGHT);
    }

    public FusionNetArchitecture architecture() {
        return architecture;
    }

    static Block convUnit(int filters, int kernel) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optPadding(new Shape(kernel / 2, kernel / 2))
                        .setFilters(filters).build())
                .add(Activation.reluBlock())
                .add(BatchNorm.builder().build());
    }

    private static Block residualBlock(int filters) {
        return new ResidualBlock(filters);
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    /**
     * Inputs: the image {@code [N][C][H][W]} and, for a network with a global context, optionally the mean bridge
     * features {@code [N][C'][1][1]} to use instead of this input's own (tiled inference of a large frame supplies
     * the whole frame's, see {@link #bridge}).
     */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        List<NDArray> skips = new ArrayList<>();
        NDArray x = encode(ps, inputs.get(0), skips, training);
        if (context != null) {
            x = withContext(ps, x, inputs.size() > 1 ? inputs.get(1) : null, training);
        }
        for (int i = 0; i < architecture.levels(); i++) {
            int k = architecture.levels() - 1 - i;
            NDArray halved = Scopes.apply(halvings.get(i), ps, x, training);
            Scopes.release(x, training);
            NDArray up = Scopes.apply(upsamplers.get(i), ps, halved, training);
            Scopes.release(halved, training);
            NDArray joined = up.add(skips.get(k));
            Scopes.release(up, training);
            Scopes.release(skips.get(k), training);
            x = Scopes.apply(decoders.get(i), ps, joined, training);
            Scopes.release(joined, training);
        }
        NDArray scores = Scopes.apply(score, ps, x, training);
        Scopes.release(x, training);
        NDArray probabilities = architecture.classes() == 1 ? Activation.sigmoid(scores) : scores.softmax(1);
        Scopes.release(scores, training);
        return new NDList(probabilities);
    }

    /**
     * The bridge features {@code [N][C'][H/2^L][W/2^L]} of an input in inference mode, before any global context:
     * what the context averages. Each bridge pixel depends only on input pixels within the receptive radius, so
     * tiles give the untiled values at their cores.
     */
    public NDArray bridge(ParameterStore ps, NDArray input) {
        List<NDArray> skips = new ArrayList<>();
        NDArray bridge = encode(ps, input, skips, false);
        skips.forEach(NDArray::close);
        return bridge;
    }

    /** The encoder: the bridge features, with each level's output kept in {@code skips} for the decoder. */
    private NDArray encode(ParameterStore ps, NDArray input, List<NDArray> skips, boolean training) {
        NDArray x = input;
        for (int k = 0; k < architecture.levels(); k++) {
            NDArray encoded = Scopes.apply(encoders.get(k), ps, x, training);
            if (k > 0) {
                Scopes.release(x, training);
            }
            skips.add(encoded);
            x = pool(encoded);
        }
        NDArray bridge = Scopes.apply(encoders.get(architecture.levels()), ps, x, training);
        Scopes.release(x, training);
        return bridge;
    }

    /** The bridge plus the offset the mean of its features ({@code given}, or its own) asks for, at every pixel. */
    private NDArray withContext(ParameterStore ps, NDArray bridge, NDArray given, boolean training) {
        // One axis at a time: the PyTorch engine's mean refuses several axes ("Only 1 axis is support!").
        NDArray mean = given != null ? given : bridge.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray offset = Scopes.apply(context, ps, mean, training);
        if (given == null) {
            Scopes.release(mean, training);
        }
        NDArray result = bridge.add(offset);
        Scopes.release(offset, training);
        Scopes.release(bridge, training);
        return result;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), architecture.classes(), s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        for (int k = 0; k <= architecture.levels(); k++) {
            long c = k == 0 ? architecture.inputChannels() : architecture.width(k - 1);
            encoders.get(k).initialize(manager, dataType, new Shape(n, c, h >> k, w >> k));
        }
        for (int i = 0; i < architecture.levels(); i++) {
            int k = architecture.levels() - 1 - i;
            halvings.get(i).initialize(manager, dataType, new Shape(n, architecture.width(k + 1), h >> (k + 1), w >> (k + 1)));
            upsamplers.get(i).initialize(manager, dataType, new Shape(n, architecture.width(k), h >> (k + 1), w >> (k + 1)));
            decoders.get(i).initialize(manager, dataType, new Shape(n, architecture.width(k), h >> k, w >> k));
        }
        score.initialize(manager, dataType, new Shape(n, architecture.width(0), h, w));
        if (context != null) {
            context.initialize(manager, dataType, new Shape(n, architecture.width(architecture.levels()), 1, 1));
            // A zero last layer makes the context a no-op at first: grafted onto a trained net it changes nothing.
            for (Parameter p : context.getChildren().valueAt(2).getParameters().values()) {
                p.getArray().set(new float[(int) p.getArray().size()]);
            }
        }
    }
}
