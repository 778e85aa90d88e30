package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.atomfinder.errors.AtomfinderException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DJL 0.36's {@code Adam} with its state readable and restorable, so that a resumed training continues exactly
 * as if it had not stopped. DJL keeps the moment estimates and the update counts in private maps; here they are
 * kept in this class and written to / read from a checkpoint file.
 *
 * <p>The update is DJL's, computed by the same engine kernel with the same arguments: per parameter the count
 * {@code n} goes up by one and {@code t} is the largest count of any parameter so far (DJL's
 * {@code Optimizer.updateCount}); the gradient gets the L2 term {@code g + weightDecay·w} (not AdamW's decoupled
 * decay), then {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
 * {@code w ← w − lr·√(1−β2^t)/(1−β1^t) · m / (√v + ε)} with β1 0.9, β2 0.999, ε 1e-8 (Kingma &amp; Ba 2015,
 * Algorithm 1, with the bias corrections folded into the step size as in §2).
 *
 * <p>DJL calls {@link #update} with a parameter's process-unique id; the state file names parameters by their
 * names in the block ({@link ai.djl.nn.Block#getParameters()}), which are the same in every process. One device
 * (the CPU) is assumed. Moment arrays live in the manager given to {@link Builder#build}.
 */
public final class ResumableAdam extends Optimizer {

    /** First line of a state file. */
    static final String FORMAT = "atomfinder-adam-state/1";

    private final ParameterTracker learningRateTracker;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final NDManager stateManager;
    private final Map<String, NDArray> means = new ConcurrentHashMap<>();
    private final Map<String, NDArray> variances = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private int numUpdate;

    private ResumableAdam(Builder builder, NDManager stateManager) {
        super(builder);
        this.learningRateTracker = builder.learningRateTracker;
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
        this.stateManager = stateManager;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** As DJL's: the parameter's own count goes up by one; the step uses the largest count seen so far. */
    @Override
    protected synchronized int updateCount(String parameterId) {
        int count = counts.merge(parameterId, 1, Integer::sum);
        numUpdate = Math.max(numUpdate, count);
        return numUpdate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        double coef1 = 1.0 - Math.pow(beta1, t);
        double coef2 = 1.0 - Math.pow(beta2, t);
        float lr = learningRateTracker.getNewValue(parameterId, t);
        float biasCorrectedLr = (float) (lr * Math.sqrt(coef2) / coef1);
        float weightDecay = getWeightDecay();
        if (!Float.isFinite(biasCorrectedLr) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("learning rate or weight decay is nan or infinite");
        }
        NDArray mean = means.computeIfAbsent(parameterId, k -> stateManager.zeros(weight.getShape(), weight.getDataType()));
        NDArray variance = variances.computeIfAbsent(parameterId, k -> stateManager.zeros(weight.getShape(), weight.getDataType()));
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight), lr, biasCorrectedLr,
                weightDecay, rescaleGrad, clipGrad, beta1, beta2, epsilon, true, false);
    }

    /**
     * Writes the moments and update counts of the trainable parameters of {@code parameters}, by name. A parameter
     * not updated yet is written with count 0 and zero moments.
     */
    public synchronized void write(OutputStream out, ParameterList parameters) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(FORMAT);
        List<Pair<String, Parameter>> trainable = trainable(parameters);
        data.writeInt(trainable.size());
        for (Pair<String, Parameter> p : trainable) {
            String id = p.getValue().getId();
            Shape shape = p.getValue().getArray().getShape();
            data.writeUTF(p.getKey());
            data.writeInt(counts.getOrDefault(id, 0));
            data.writeInt(shape.dimension());
            for (long d : shape.getShape()) {
                data.writeLong(d);
            }
            int size = Math.toIntExact(shape.size());
            writeFloats(data, means.containsKey(id) ? means.get(id).toFloatArray() : new float[size]);
            writeFloats(data, variances.containsKey(id) ? variances.get(id).toFloatArray() : new float[size]);
        }
        data.flush();
    }

    /**
     * Replaces this optimizer's state by the one {@link #write} wrote for a network with the same trainable
     * parameters (names and shapes); {@code file} names the source in error messages.
     *
     * @throws AtomfinderException if the state is unreadable or belongs to another parameter set
     */
    public synchronized void read(InputStream in, ParameterList parameters, Path file) throws IOException {
        DataInputStream data = new DataInputStream(in);
        Map<String, Parameter> expected = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : trainable(parameters)) {
            expected.put(p.getKey(), p.getValue());
        }
        Map<String, Integer> newCounts = new LinkedHashMap<>();
        Map<String, float[][]> moments = new LinkedHashMap<>();
        try {
            String format = data.readUTF();
            if (!FORMAT.equals(format)) {
                throw new AtomfinderException("optimizer state " + file + " has format " + format + ", expected " + FORMAT);
            }
            int n = data.readInt();
            for (int i = 0; i < n; i++) {
                String name = data.readUTF();
                int count = data.readInt();
                long[] dims = new long[data.readInt()];
                for (int d = 0; d < dims.length; d++) {
                    dims[d] = data.readLong();
                }
                Shape shape = new Shape(dims);
                Parameter parameter = expected.get(name);
                if (parameter == null) {
                    throw new AtomfinderException("optimizer state " + file + " is for another network: it has parameter " + name
                            + ", which this network lacks");
                }
                Shape own = parameter.getArray().getShape();
                if (!own.equals(shape)) {
                    throw new AtomfinderException("optimizer state " + file + " is for another network: parameter " + name
                            + " has shape " + shape + " there and " + own + " here");
                }
                int size = Math.toIntExact(shape.size());
                moments.put(name, new float[][] {readFloats(data, size), readFloats(data, size)});
                newCounts.put(name, count);
            }
        } catch (EOFException e) {
            throw new AtomfinderException("optimizer state " + file + " is truncated", e);
        }
        List<String> missing = new ArrayList<>(expected.keySet());
        missing.removeAll(moments.keySet());
        if (!missing.isEmpty()) {
            throw new AtomfinderException("optimizer state " + file + " is for another network: it lacks parameter(s) " + missing);
        }
        clearState();
        for (Map.Entry<String, float[][]> e : moments.entrySet()) {
            int count = newCounts.get(e.getKey());
            if (count == 0) {
                continue;
            }
            Parameter parameter = expected.get(e.getKey());
            Shape shape = parameter.getArray().getShape();
            String id = parameter.getId();
            counts.put(id, count);
            means.put(id, stateManager.create(e.getValue()[0], shape));
            variances.put(id, stateManager.create(e.getValue()[1], shape));
            numUpdate = Math.max(numUpdate, count);
        }
    }

    /** The largest update count of any parameter: the {@code t} of the last step. */
    public synchronized int updates() {
        return numUpdate;
    }

    private void clearState() {
        means.values().forEach(NDArray::close);
        variances.values().forEach(NDArray::close);
        means.clear();
        variances.clear();
        counts.clear();
        numUpdate = 0;
    }

    private static List<Pair<String, Parameter>> trainable(ParameterList parameters) {
        List<Pair<String, Parameter>> trainable = new ArrayList<>();
        for (Pair<String, Parameter> p : parameters) {
            if (p.getValue().requiresGradient()) {
                if (p.getValue().getArray().getDataType() != DataType.FLOAT32) {
                    throw new IllegalArgumentException("parameter " + p.getKey() + " is " + p.getValue().getArray().getDataType()
                            + "; the optimizer state is stored as float32");
                }
                trainable.add(p);
            }
        }
        return trainable;
    }

    private static void writeFloats(DataOutputStream data, float[] values) throws IOException {
        for (float v : values) {
            data.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream data, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = data.readFloat();
        }
        return values;
    }

    /** Builds a {@link ResumableAdam}; defaults as DJL's Adam (learning rate 1e-3, β1 0.9, β2 0.999, ε 1e-8). */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private ParameterTracker learningRateTracker = Tracker.fixed(0.001f);
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Builder optLearningRateTracker(ParameterTracker tracker) {
            this.learningRateTracker = tracker;
            return this;
        }

        public Builder optBeta1(float value) {
            this.beta1 = value;
            return this;
        }

        public Builder optBeta2(float value) {
            this.beta2 = value;
            return this;
        }

        public Builder optEpsilon(float value) {
            this.epsilon = value;
            return this;
        }

        /** Not supported: the update counts come from a restored state ({@link ResumableAdam#read}) instead. */
        @Override
        public Builder optBeginNumUpdate(int beginNumUpdate) {
            throw new UnsupportedOperationException("ResumableAdam restores its update counts with read(...)");
        }

        /** The optimizer, with its moment arrays in {@code stateManager}. */
        public ResumableAdam build(NDManager stateManager) {
            return new ResumableAdam(this, stateManager);
        }
    }
}
