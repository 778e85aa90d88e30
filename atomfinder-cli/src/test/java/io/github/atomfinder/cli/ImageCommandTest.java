package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {

    @TempDir
    Path dir;

    private Path wave;

    @BeforeEach
    void writeWave() throws Exception {
        // 120 x 96 px at 0.05 Å (6 x 4.8 Å), a weak phase grating; the side file says what simulate writes.
        Grid grid = Grid.of(120, 96, 0.05);
        float[] data = new float[2 * grid.size()];
        for (int y = 0; y < grid.ny(); y++) {
            for (int x = 0; x < grid.nx(); x++) {
                double phase = 0.2 * Math.cos(2 * Math.PI * 4 * x / 96.0) * Math.cos(2 * Math.PI * 5 * y / 120.0);
                data[2 * (y * 96 + x)] = (float) Math.cos(phase);
                data[2 * (y * 96 + x) + 1] = (float) Math.sin(phase);
            }
        }
        wave = dir.resolve("wave.npy");
        Npy.write(wave, new ComplexField(grid, data));
        Files.writeString(dir.resolve("wave.json"), "{\"sampling_A\": [0.05, 0.05], \"energy_eV\": 80000}");
    }

    @Test
    void writesANoisyImageAtThePixelSizeReproducibly() {
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        String[] common = {"image", wave.toString(), "--defocus", "-100", "--cs", "-2e5", "--focal-spread", "30",
            "--dose", "1e4", "--mtf", "0.05,0.5,2.5", "--pixel-size", "0.12", "--seed", "3", "--out"};
        assertEquals(0, Main.run(concat(common, a.toString())));
        assertEquals(0, Main.run(concat(common, b.toString())));
        NpyArray image = Npy.read(a);
        // 6 Å / 0.12 Å = 50 rows, 4.8 Å / 0.12 Å = 40 columns; vacuum gives dose · Δx · Δy = 144 e per pixel.
        assertArrayEquals(new int[] {50, 40}, image.shape());
        double mean = Arrays.stream(image.real()).average().orElseThrow();
        assertEquals(144, mean, 2);
        assertArrayEquals(image.real(), Npy.read(b).real());
    }

    @Test
    void randomPresetDrawsAndExplicitOptionsWin() {
        Path a = dir.resolve("r1.npy");
        Path b = dir.resolve("r2.npy");
        assertEquals(0, Main.run("image", wave.toString(), "--random", "graphene-80kv", "--seed", "1", "--out", a.toString()));
        assertEquals(0, Main.run("image", wave.toString(), "--random", "graphene-80kv", "--seed", "2",
                "--pixel-size", "0.1", "--out", b.toString()));
        assertArrayEquals(new int[] {60, 48}, Npy.read(b).shape());
        Path c = dir.resolve("r3.npy");
        Path used = dir.resolve("used.json");
        assertEquals(0, Main.run("image", wave.toString(), "--random", "graphene-80kv", "--seed", "1",
                "--save-microscope", used.toString(), "--out", c.toString()));
        assertArrayEquals(Npy.read(a).real(), Npy.read(c).real());
        // Replaying the saved microscope with the same seed gives the same image (noise has its own stream).
        Path d = dir.resolve("r4.npy");
        assertEquals(0, Main.run("image", wave.toString(), "--random", used.toString(), "--seed", "1", "--out", d.toString()));
        assertArrayEquals(Npy.read(a).real(), Npy.read(d).real());
        int rows = Npy.read(a).shape()[0];
        assertTrue(rows >= 46 && rows <= 55, "pixel size 0.11-0.13 Å gives 46-55 rows, got " + rows);
    }

    @Test
    void missingSamplingIsAUserErrorNamingTheOption() throws Exception {
        Files.delete(dir.resolve("wave.json"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = Main.run("image", wave.toString(), "--energy", "80000", "--out", dir.resolve("x.npy").toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(Main.EXIT_USER_ERROR, code);
        assertTrue(err.toString().contains("--wave-sampling"), err.toString());
        assertFalse(Files.exists(dir.resolve("x.npy")));
        assertEquals(0, Main.run("image", wave.toString(), "--energy", "80000", "--wave-sampling", "0.05",
                "--out", dir.resolve("x.npy").toString()));
    }

    @Test
    void focalSeriesWritesOneNumberedImagePerOffset() {
        Path out = dir.resolve("series.npy");
        assertEquals(0, Main.run("image", wave.toString(), "--defocus", "-40", "--cs", "-1.5e5", "--focal-spread", "30",
                "--focal-series", "-130,0,130", "--pixel-size", "0.1", "--out", out.toString()));
        assertFalse(Files.exists(out));
        Path single = dir.resolve("single.npy");
        assertEquals(0, Main.run("image", wave.toString(), "--defocus", "-40", "--cs", "-1.5e5", "--focal-spread", "30",
                "--pixel-size", "0.1", "--out", single.toString()));
        // Offset 0 is the plain image (noiseless, so no randomness involved); the others differ from it.
        assertArrayEquals(Npy.read(single).real(), Npy.read(dir.resolve("series_1.npy")).real(), 1e-6);
        assertFalse(Arrays.equals(Npy.read(dir.resolve("series_0.npy")).real(), Npy.read(dir.resolve("series_2.npy")).real()));
    }

    private static String[] concat(String[] head, String last) {
        String[] all = Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }
}
