package io.github.atomfinder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBuilderTest {

    @TempDir
    Path dir;

    private static Example example(int index) {
        Grid grid = Grid.of(8, 6, 0.05);
        ComplexField wave = ComplexField.planeWave(grid);
        wave.data()[1] = index;
        Sites sites = new Sites(new double[] {0.1 * index, 0.2}, new double[] {0.05, 0.3}, new int[] {1, 2});
        return new Example(wave, sites, true, 80e3, Map.of("seed", Integer.toString(index)));
    }

    @Test
    void exampleRoundTripsThroughTheStore() throws Exception {
        ExampleStore.write(dir, 3, example(3));
        Example read = ExampleStore.read(dir, 3);
        assertArrayEquals(example(3).wave().data(), read.wave().data());
        assertEquals(example(3).wave().grid(), read.wave().grid());
        assertArrayEquals(example(3).sites().xAngstrom(), read.sites().xAngstrom());
        assertArrayEquals(new int[] {1, 2}, read.sites().classIndex());
        assertEquals("3", read.parameters().get("seed"));
        assertTrue(read.periodic());
    }

    @Test
    void interruptedBuildResumesWithoutRedoingOrLeavingPartialExamples() throws Exception {
        AtomicInteger made = new AtomicInteger();
        IntFunction<Example> failingAtFive = i -> {
            if (i == 5) {
                throw new IllegalStateException("killed");
            }
            made.incrementAndGet();
            return example(i);
        };
        assertThrows(IllegalStateException.class, () -> DatasetBuilder.build(dir, 8, 1, failingAtFive, n -> { }));
        int[] firstRun = ExampleStore.indices(dir);
        // Examples queued behind the failure may finish before the pool stops; 5 itself never exists.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, java.util.Arrays.copyOf(firstRun, 5));
        assertTrue(java.util.Arrays.stream(firstRun).noneMatch(i -> i == 5));
        FileTime before = Files.getLastModifiedTime(ExampleStore.folder(dir, 0).resolve("wave.npy"));
        Files.createDirectories(dir.resolve(".example-00006.part123"));

        made.set(0);
        IntFunction<Example> healthy = i -> {
            made.incrementAndGet();
            return example(i);
        };
        int madeNow = DatasetBuilder.build(dir, 8, 2, healthy, n -> { });
        assertEquals(8 - firstRun.length, madeNow);
        assertEquals(8 - firstRun.length, made.get(), "only the missing examples are made");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, ExampleStore.indices(dir));
        assertEquals(before, Files.getLastModifiedTime(ExampleStore.folder(dir, 0).resolve("wave.npy")));
        try (Stream<Path> entries = Files.list(dir)) {
            assertTrue(entries.noneMatch(p -> p.getFileName().toString().contains(".part")), "no temporary folders left");
        }
        assertEquals(7 * 0.1, ExampleStore.read(dir, 7).sites().x(0), 1e-12);
    }
}
