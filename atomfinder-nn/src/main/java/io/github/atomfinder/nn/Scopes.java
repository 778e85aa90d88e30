package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * Inference-time memory scoping. DJL frees an intermediate array only when its manager closes, so a forward
 * pass would hold every activation of the whole network at once (≈13 GB for a 1024² image at width 32). In
 * inference each layer unit runs in its own sub-manager that keeps only the unit's output, and consumed
 * activations are closed at once. In training nothing is freed: autograd needs the activations.
 */
final class Scopes {

    private Scopes() {
    }

    /** {@code block(x)}; in inference the block's intermediates are freed before returning. */
    static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        if (training) {
            return block.forward(ps, new NDList(x), true).singletonOrThrow();
        }
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            x.tempAttach(scope);
            NDArray y = block.forward(ps, new NDList(x), false).singletonOrThrow();
            y.attach(owner);
            return y;
        }
    }

    /** Closes an activation that is no longer needed (inference only). */
    static void release(NDArray consumed, boolean training) {
        if (!training) {
            consumed.close();
        }
    }
}
