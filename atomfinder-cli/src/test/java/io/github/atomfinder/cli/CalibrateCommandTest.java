package io.github.atomfinder.cli;

import static io.github.atomfinder.cli.CliRun.run;
import static io.github.atomfinder.cli.CliRun.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atomfinder calibrate} on a real graphene image and on an image without a lattice. */
class CalibrateCommandTest {

    @TempDir
    Path dir;

    @Test
    void calibrateMeasuresTheGrapheneDefectImageAndWritesItCalibrated() {
        Path tif = shared("data/graphene-hrtem/graphene_defect_raw.tif");
        Path out = dir.resolve("calibrated.tif");
        String[] r = run("calibrate", tif.toString(), "--lattice", "graphene", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Matcher m = Pattern.compile("pixel size:\\s+([0-9.]+) ± ([0-9.]+) Å/px").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        double measured = Double.parseDouble(m.group(1));
        // data/SOURCES.md: "the lattice gives about 0.108 Å per pixel".
        assertEquals(0.108, measured, 0.03 * 0.108, r[1]);
        assertTrue(r[1].contains("rotation:"), r[1]);
        assertTrue(r[1].contains("stored:       no calibration in the file"), r[1]);
        LoadedImage written = ImageFiles.read(out).get(0);
        assertTrue(written.calibrated());
        assertEquals(measured, written.image().grid().dxAngstrom(), 1e-5);
        assertEquals(512, written.image().nx());
    }

    @Test
    void calibrateRefusesNoiseAndNamesTheFile() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        float[] data = new float[128 * 128];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        Path noise = dir.resolve("noise.tif");
        ImageFiles.write(noise, new RealImage(Grid.of(128, 128, 1), data), false);
        Path out = dir.resolve("never.tif");
        String[] r = run("calibrate", noise.toString(), "--lattice", "graphene", "--out", out.toString());
        assertEquals("2", r[0], r[1] + r[2]);
        assertTrue(r[2].contains("noise.tif") && r[2].contains("no hexagonal lattice"), r[2]);
        assertFalse(Files.exists(out));
    }

    @Test
    void calibrateNeedsALattice() {
        String[] r = run("calibrate", "x.tif");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--lattice"), r[2]);
    }
}
