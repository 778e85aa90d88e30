package io.github.atomfinder.data;

/**
 * An endless, reproducible stream of training pairs: {@code pair(step, indexInBatch)} is a pure function of
 * its arguments and the source's seed, so training can resume at any step and get the same data.
 */
public interface TrainingPairSource {

    int inputChannels();

    int classes();

    TrainingPair pair(long step, int indexInBatch);
}
