package io.github.atomfinder.nn;

import io.github.atomfinder.data.TrainingPair;
import io.github.atomfinder.data.TrainingPairSource;
import java.util.List;

/**
 * The same batch at every step: for overfitting checks and for timing the network without the data
 * generator. {@code pair(step, i)} is {@code pairs.get(i)}.
 */
public record FixedBatchSource(List<TrainingPair> pairs) implements TrainingPairSource {

    public FixedBatchSource {
        pairs = List.copyOf(pairs);
    }

    /** The first batch of {@code source}, fixed. */
    public static FixedBatchSource firstBatchOf(TrainingPairSource source, int batch) {
        return new FixedBatchSource(java.util.stream.IntStream.range(0, batch).mapToObj(i -> source.pair(0, i)).toList());
    }

    @Override
    public int inputChannels() {
        return pairs.get(0).inputChannels();
    }

    @Override
    public int classes() {
        return pairs.get(0).classes();
    }

    @Override
    public TrainingPair pair(long step, int indexInBatch) {
        return pairs.get(indexInBatch);
    }
}
