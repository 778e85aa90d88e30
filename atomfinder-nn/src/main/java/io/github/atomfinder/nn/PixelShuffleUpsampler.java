package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * 2× up-sampling by a 3×3 convolution to 4C channels followed by depth-to-space (pixel shuffle), the
 * learnable replacement for a transposed convolution (which DJL's PyTorch engine does not implement).
 *
 * <p>The conv weights start as bilinear interpolation (PyTorch {@code align_corners=False}): output pixel
 * {@code (2i+a, 2j+b)} is the 3×3 stencil {@code u_a ⊗ u_b} over input pixels around {@code (i, j)} with
 * {@code u_0 = (1/4, 3/4, 0)} and {@code u_1 = (0, 3/4, 1/4)}, i.e. weights 9/16, 3/16, 3/16, 1/16. The input is
 * edge-replicated by one pixel before the (unpadded) conv so borders are bilinear too. Channels are kept
 * (C in, C out); the halving of feature maps happens in a 1×1 conv before this block, at the coarse
 * resolution, where it is 4× cheaper.
 */
public final class PixelShuffleUpsampler extends AbstractBlock {

    private final int channels;
    private final Conv2d conv;

    public PixelShuffleUpsampler(int channels) {
        this.channels = channels;
        this.conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(4 * channels)
                .optBias(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = replicatePad(inputs.singletonOrThrow());
        NDArray y = conv.forward(parameterStore, new NDList(x), training).singletonOrThrow();
        return new NDList(pixelShuffle(y));
    }

    /** PyTorch's pixel_shuffle for factor 2: channel {@code 4c + 2a + b} goes to pixel offset (a, b) of channel c. */
    static NDArray pixelShuffle(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(n, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(n, c, 2 * h, 2 * w);
    }

    private static NDArray replicatePad(NDArray x) {
        NDArray rows = NDArrays.concat(new NDList(x.get(":, :, 0:1, :"), x, x.get(":, :, -1:, :")), 2);
        return NDArrays.concat(new NDList(rows.get(":, :, :, 0:1"), rows, rows.get(":, :, :, -1:")), 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), channels, 2 * s.get(2), 2 * s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.setInitializer(new BilinearInitializer(), Parameter.Type.WEIGHT);
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), s.get(2) + 2, s.get(3) + 2));
    }

    /** Conv weights {@code [4C][C][3][3]} for which conv + pixel shuffle is bilinear 2× interpolation. */
    static float[] bilinearWeights(int channels) {
        double[][] u = {{0.25, 0.75, 0}, {0, 0.75, 0.25}};
        float[] w = new float[4 * channels * channels * 9];
        for (int c = 0; c < channels; c++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    int out = 4 * c + 2 * a + b;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            w[((out * channels + c) * 3 + ky) * 3 + kx] = (float) (u[a][ky] * u[b][kx]);
                        }
                    }
                }
            }
        }
        return w;
    }

    private final class BilinearInitializer implements Initializer {
        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            return manager.create(bilinearWeights(channels), shape).toType(dataType, false);
        }
    }
}
