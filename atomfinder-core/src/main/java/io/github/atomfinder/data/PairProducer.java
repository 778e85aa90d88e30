package io.github.atomfinder.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Feeds a trainer with batches made ahead of time by worker threads, at most {@code batchesAhead} batches in
 * flight. Each pair is a pure function of (step, index) ({@link TrainingPairSource}), and batches are handed
 * out in step order, so the stream is identical for any worker count and resumes exactly at any step.
 */
public final class PairProducer implements AutoCloseable {

    private final TrainingPairSource source;
    private final int batchSize;
    private final int batchesAhead;
    private final ExecutorService workers;
    private final ArrayDeque<List<Future<TrainingPair>>> queue = new ArrayDeque<>();
    private long nextStepToSubmit;

    public PairProducer(TrainingPairSource source, int batchSize, long firstStep, int workerThreads, int batchesAhead) {
        if (batchSize < 1 || workerThreads < 1 || batchesAhead < 1) {
            throw new IllegalArgumentException("batch size, workers and queue length must be positive");
        }
        this.source = source;
        this.batchSize = batchSize;
        this.batchesAhead = batchesAhead;
        this.nextStepToSubmit = firstStep;
        this.workers = Executors.newFixedThreadPool(workerThreads, runnable -> {
            Thread thread = new Thread(runnable, "training-pairs");
            thread.setDaemon(true);
            return thread;
        });
        fill();
    }

    /** The batch for the next step, waiting for workers if they are behind. */
    public List<TrainingPair> nextBatch() throws InterruptedException {
        List<Future<TrainingPair>> futures = queue.removeFirst();
        fill();
        List<TrainingPair> batch = new ArrayList<>(batchSize);
        for (Future<TrainingPair> future : futures) {
            try {
                batch.add(future.get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("making a training pair failed", cause);
            }
        }
        return batch;
    }

    private void fill() {
        while (queue.size() < batchesAhead) {
            long step = nextStepToSubmit++;
            List<Future<TrainingPair>> futures = new ArrayList<>(batchSize);
            for (int i = 0; i < batchSize; i++) {
                int index = i;
                futures.add(workers.submit(() -> source.pair(step, index)));
            }
            queue.addLast(futures);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
