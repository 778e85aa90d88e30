package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Losses on the network's probability maps {@code [N][K][H][W]} against label maps of the same shape: mean
 * squared error (the paper's choice) or cross-entropy (categorical over classes; binary for a single class).
 */
public final class ProbabilityLoss extends Loss {

    /** The two losses on offer. */
    public enum Kind { MSE, CROSS_ENTROPY }

    /** Keeps log(p) finite where a probability underflows. */
    private static final float EPSILON = 1e-7f;

    private final Kind kind;

    public ProbabilityLoss(Kind kind) {
        super(kind == Kind.MSE ? "mse" : "cross-entropy");
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray p = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow().reshape(p.getShape());
        if (kind == Kind.MSE) {
            return p.sub(y).square().mean();
        }
        NDArray logP = p.clip(EPSILON, 1f).log();
        if (p.getShape().get(1) > 1) {
            return logP.mul(y).sum(new int[] {1}).neg().mean();
        }
        NDArray logQ = p.neg().add(1f).clip(EPSILON, 1f).log();
        return logP.mul(y).add(logQ.mul(y.neg().add(1f))).neg().mean();
    }
}
