package io.github.atomfinder.bench;

import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.data.PairProducer;
import io.github.atomfinder.data.PairSampler;
import io.github.atomfinder.fft.Fft2;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Training pairs per second for 256 × 256 graphene crops from stored 43.2 Å exit waves, through the
 * multi-threaded producer: {@code bin/bench TrainingPairBenchmark [pairs] [workers...]}.
 */
public final class TrainingPairBenchmark {

    private TrainingPairBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int[] workerCounts = {1, 2};
        Path dir = Files.createTempDirectory("pair-bench");
        Fft2.setThreadsPerTransform(1);
        DatasetFolder folder = DatasetFolder.build(dir.resolve("ds"), DatasetPreset.GRAPHENE,
                DatasetPreset.GRAPHENE.microscopes(), 1, 8, 0, 2, n -> { });
        PairSampler.Settings settings = new PairSampler.Settings(256, 0.35, 12, 2, new double[] {0}, 0.1, 0.1);
        for (int workers : workerCounts) {
            PairSampler sampler = folder.trainingPairs(settings, 1);
            try (PairProducer producer = new PairProducer(sampler, 1, 0, workers, 8)) {
                for (int i = 0; i < 20; i++) {
                    producer.nextBatch();
                }
                long start = System.nanoTime();
                for (int i = 0; i < pairs; i++) {
                    producer.nextBatch();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("256x256 graphene pairs, %d worker(s): %.1f pairs/s (%d pairs in %.1f s)%n",
                        workers, pairs / seconds, pairs, seconds);
            }
        }
    }
}
