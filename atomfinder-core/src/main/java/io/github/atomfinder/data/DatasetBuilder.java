package io.github.atomfinder.data;

import io.github.atomfinder.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Builds a dataset folder of {@code count} examples, resumably: examples already present are kept, the rest
 * are made by {@code generator} (a pure function of the example index) on worker threads and each is stored
 * atomically ({@link ExampleStore}). Leftover temporary folders of an interrupted run are removed first.
 */
public final class DatasetBuilder {

    private DatasetBuilder() {
    }

    /**
     * @param onExampleDone called with the number of finished examples (including those already present)
     * @return how many examples this call made
     */
    public static int build(Path dataset, int count, int workers, IntFunction<Example> generator, IntConsumer onExampleDone)
            throws IOException, InterruptedException {
        Files.createDirectories(dataset);
        removeLeftovers(dataset);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!ExampleStore.exists(dataset, i)) {
                missing.add(i);
            }
        }
        int present = count - missing.size();
        onExampleDone.accept(present);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            List<Future<?>> futures = new ArrayList<>();
            int[] done = {present};
            for (int index : missing) {
                futures.add(pool.submit(() -> {
                    Example example = generator.apply(index);
                    try {
                        ExampleStore.write(dataset, index, example);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    synchronized (done) {
                        done[0]++;
                        onExampleDone.accept(done[0]);
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof UncheckedIOException io) {
                        throw io.getCause();
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            return missing.size();
        } finally {
            // Wait for running workers so no example is still being written when build() returns or throws.
            pool.shutdownNow();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        }
    }

    private static void removeLeftovers(Path dataset) throws IOException {
        try (Stream<Path> entries = Files.list(dataset)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().contains(".part")).toList()) {
                AtomicFiles.deleteRecursively(p);
            }
        }
    }
}
