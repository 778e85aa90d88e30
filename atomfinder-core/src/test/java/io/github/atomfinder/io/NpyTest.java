package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    @TempDir
    Path dir;

    @Test
    void float32ImageRoundTrips() throws Exception {
        Grid grid = Grid.of(3, 4, 0.1);
        float[] data = new float[12];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 2;
        }
        Path file = dir.resolve("image.npy");
        Npy.write(file, new RealImage(grid, data));
        NpyArray read = Npy.read(file);
        assertArrayEquals(new int[] {3, 4}, read.shape());
        assertEquals("<f4", read.dtype());
        assertNull(read.imag());
        assertArrayEquals(data, read.toImage(grid).data());
        assertEquals(0, Files.size(file) % 16, "header padded so data is aligned");
    }

    @Test
    void complex64FieldRoundTrips() throws Exception {
        Grid grid = Grid.of(2, 3, 0.05);
        float[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Path file = dir.resolve("wave.npy");
        Npy.write(file, new ComplexField(grid, data));
        NpyArray read = Npy.read(file);
        assertTrue(read.isComplex());
        assertArrayEquals(data, read.toComplexField(grid).data());
    }

    @Test
    void readsReferenceComplex128AndItsStatistics() {
        Path file = Shared.require("reference/abtem/graphene_lobato_exitwave.npy");
        NpyArray wave = Npy.read(file);
        assertArrayEquals(new int[] {197, 171}, wave.shape());
        assertEquals("<c16", wave.dtype());
        // graphene_params.json records numpy's complex mean, whose real part is 0.9979230936347999;
        // numpy gives 0.9999433501229525 for the mean of |psi|.
        double meanReal = 0;
        double meanAbs = 0;
        for (int i = 0; i < wave.real().length; i++) {
            meanReal += wave.real()[i];
            meanAbs += Math.hypot(wave.real()[i], wave.imag()[i]);
        }
        assertEquals(0.9979230936347999, meanReal / wave.real().length, 1e-12);
        assertEquals(0.9999433501229525, meanAbs / wave.real().length, 1e-12);
        NpyArray transposed = wave.transposed2d();
        assertArrayEquals(new int[] {171, 197}, transposed.shape());
        assertEquals(wave.real()[5 * 171 + 7], transposed.real()[7 * 197 + 5]);
    }

    @Test
    void truncatedFileIsAClearError() throws Exception {
        Path file = dir.resolve("cut.npy");
        Npy.writeFloat32(file, new int[] {100, 100}, new float[10000]);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut2.npy");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        AtomfinderException error = assertThrows(AtomfinderException.class, () -> Npy.read(cut));
        assertTrue(error.getMessage().contains("cut2.npy") && error.getMessage().contains("truncated"), error.getMessage());
    }

    @Test
    void wrongMagicIsAClearError() throws Exception {
        Path file = dir.resolve("text.npy");
        Files.writeString(file, "hello");
        AtomfinderException error = assertThrows(AtomfinderException.class, () -> Npy.read(file));
        assertTrue(error.getMessage().contains("not a NumPy"), error.getMessage());
    }
}
