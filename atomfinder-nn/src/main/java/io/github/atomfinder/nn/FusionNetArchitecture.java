package io.github.atomfinder.nn;

/**
 * The shape of a {@link FusionNet}: what goes in, what comes out, and its two speed knobs.
 *
 * @param inputChannels 1 for single images, Nf for a focal series
 * @param classes output maps; with more than one the first is background and a softmax is applied,
 *     a single class (no background) gets a sigmoid
 * @param baseWidth feature maps at full resolution (the paper uses 32); level k has {@code baseWidth·2^k}
 * @param levels max-pool steps (3 pools down to 1/8 resolution in the paper)
 * @param globalContext whether the bridge also receives the mean of its features over the whole input (passed
 *     through two 1×1 convs and added at every bridge pixel), so that every output pixel can draw on what the
 *     whole image says about the microscope, not only on its receptive field; not in the paper
 */
public record FusionNetArchitecture(int inputChannels, int classes, int baseWidth, int levels, boolean globalContext) {

    public FusionNetArchitecture {
        if (inputChannels < 1 || classes < 1 || baseWidth < 1 || levels < 1 || levels > 6) {
            throw new IllegalArgumentException("invalid architecture: " + inputChannels + " input channels, " + classes
                    + " classes, base width " + baseWidth + ", " + levels + " levels");
        }
    }

    /** A network whose outputs see only their receptive field. */
    public FusionNetArchitecture(int inputChannels, int classes, int baseWidth, int levels) {
        this(inputChannels, classes, baseWidth, levels, false);
    }

    /** The paper's network for one input image: 3 levels, base width 32. */
    public static FusionNetArchitecture paper(int inputChannels, int classes) {
        return new FusionNetArchitecture(inputChannels, classes, 32, 3);
    }

    /** Feature maps at level {@code k} (0 = full resolution). */
    public int width(int level) {
        return baseWidth << level;
    }

    /** Input sizes must be multiples of this (one pixel per cell of the coarsest level). */
    public int sizeMultiple() {
        return 1 << levels;
    }

    /**
     * Radius in input pixels beyond which a pixel cannot influence an output pixel other than through the global
     * context, when there is one (exact bound from the layer list): five 3×3 convs per block (encoder and decoder)
     * contribute 5·2^k each at level k, the bridge 5·2^levels, each 3×3 up-sampling conv 2^(k+1), pools at most
     * 2^k. Tiles overlapping by this much give the untiled result.
     */
    public int receptiveRadius() {
        int radius = 5 << levels;
        for (int k = 0; k < levels; k++) {
            radius += 2 * (5 << k) + (2 << k) + (1 << k);
        }
        return radius;
    }
}
