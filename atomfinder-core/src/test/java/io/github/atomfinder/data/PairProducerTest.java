package io.github.atomfinder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairProducerTest {

    /** A source whose pairs depend only on (step, index) and take a random time, to shuffle completion order. */
    private static final TrainingPairSource SOURCE = new TrainingPairSource() {
        @Override
        public int inputChannels() {
            return 1;
        }

        @Override
        public int classes() {
            return 1;
        }

        @Override
        public TrainingPair pair(long step, int indexInBatch) {
            SplittableRandom random = new SplittableRandom(step * 1000 + indexInBatch);
            try {
                Thread.sleep(random.nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            float[] input = {(float) random.nextDouble(), step, indexInBatch, 0};
            return new TrainingPair(1, 1, 2, 2, input, new float[4]);
        }
    };

    private static List<float[]> stream(int workers, long firstStep, int steps) throws InterruptedException {
        List<float[]> inputs = new ArrayList<>();
        try (PairProducer producer = new PairProducer(SOURCE, 3, firstStep, workers, 4)) {
            for (int s = 0; s < steps; s++) {
                for (TrainingPair pair : producer.nextBatch()) {
                    inputs.add(pair.input());
                }
            }
        }
        return inputs;
    }

    @Test
    void streamIsIdenticalForAnyWorkerCountAndResumesAtAStep() throws InterruptedException {
        List<float[]> one = stream(1, 0, 10);
        List<float[]> three = stream(3, 0, 10);
        List<float[]> resumed = stream(2, 6, 4);
        assertEquals(30, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), three.get(i));
        }
        for (int i = 0; i < resumed.size(); i++) {
            assertArrayEquals(one.get(18 + i), resumed.get(i));
        }
        assertEquals(6f, resumed.get(0)[1]);
    }
}
