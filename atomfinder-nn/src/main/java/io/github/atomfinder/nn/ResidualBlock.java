package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One FusionNet level block: conv unit → (three conv units + identity) → conv unit, where a conv unit is
 * conv3×3 → ReLU → batch norm. Written out (not as DJL Sequential/Parallel blocks) so inference can free each
 * unit's activations as soon as they are consumed ({@link Scopes}).
 */
final class ResidualBlock extends AbstractBlock {

    private final int filters;
    private final Block first;
    private final Block[] residual = new Block[3];
    private final Block last;

    ResidualBlock(int filters) {
        this.filters = filters;
        first = addChildBlock("first", FusionNet.convUnit(filters, 3));
        for (int i = 0; i < residual.length; i++) {
            residual[i] = addChildBlock("residual" + i, FusionNet.convUnit(filters, 3));
        }
        last = addChildBlock("last", FusionNet.convUnit(filters, 3));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Scopes.apply(first, ps, inputs.singletonOrThrow(), training);
        NDArray r = x;
        for (Block unit : residual) {
            NDArray next = Scopes.apply(unit, ps, r, training);
            if (r != x) {
                Scopes.release(r, training);
            }
            r = next;
        }
        NDArray sum = x.add(r);
        Scopes.release(x, training);
        Scopes.release(r, training);
        NDArray out = Scopes.apply(last, ps, sum, training);
        Scopes.release(sum, training);
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        first.initialize(manager, dataType, s);
        Shape inner = new Shape(s.get(0), filters, s.get(2), s.get(3));
        for (Block unit : residual) {
            unit.initialize(manager, dataType, inner);
        }
        last.initialize(manager, dataType, inner);
    }
}
