package io.github.atomfinder.cli;

import static io.github.atomfinder.cli.CliRun.run;
import static io.github.atomfinder.cli.CliRun.shared;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code atomfinder info} and {@code atomfinder convert} on real microscope files. */
class FileCommandsTest {

    @TempDir
    Path dir;

    @Test
    void infoPrintsFormatShapeTypePixelSizeAndMetadata() {
        Path dm3 = shared("data/formats/rosettasciio/test_STEM_image.dm3");
        String[] r = run("info", dm3.toString());
        assertEquals("0", r[0], r[2]);
        // test_STEM_image.dm3 stores 0.248538 nm per pixel (bench/formats_crosscheck.py) = 2.48538 Å.
        assertTrue(r[1].contains("format:     DM3"), r[1]);
        assertTrue(r[1].contains("shape:      68 x 68 (y x)"), r[1]);
        assertTrue(r[1].contains("dtype:      uint32"), r[1]);
        assertTrue(r[1].contains("pixel size: 2.48538 Å"), r[1]);
        assertTrue(r[1].contains("Voltage: 200000"), r[1]);
    }

    @Test
    void infoShowsStacksAndStaysQuietAboutHdf5Internals() {
        Path emd = shared("data/formats/rosettasciio/fei_example_tem_stack.emd");
        String[] r = run("info", emd.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("shape:      2 frames x 3 x 3 (y x)"), r[1]);
        assertTrue(!r[1].contains("INFO io.jhdf") && !r[2].contains("INFO io.jhdf"), r[1] + r[2]);
    }

    @Test
    void convertWritesACalibratedFloatTiffThatReadsBack() {
        Path ser = shared("data/formats/rosettasciio/03_Scanning_Preview_1.ser");
        Path out = dir.resolve("frame.tif");
        String[] r = run("convert", ser.toString(), "--out", out.toString(), "--frame", "4");
        assertEquals("0", r[0], r[2]);
        LoadedImage back = ImageFiles.read(out).get(0);
        LoadedImage original = ImageFiles.read(ser).get(4);
        assertEquals("float32", back.dtype());
        assertEquals(original.image().grid().dxAngstrom(), back.image().grid().dxAngstrom(), 1e-8);
        assertEquals(original.image().get(127, 127), back.image().get(127, 127));
    }

    @Test
    void convertWritesAWholeStackWhenNoFrameIsChosen() {
        Path ser = shared("data/formats/rosettasciio/03_Scanning_Preview_1.ser");
        Path out = dir.resolve("stack.tif");
        String[] r = run("convert", ser.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        var back = ImageFiles.read(out);
        var original = ImageFiles.read(ser);
        assertEquals(5, back.size());
        // 03_Scanning_Preview_1.ser frame 4 [127,127] = 2260 (bench/formats_crosscheck.py).
        assertEquals(2260f, back.get(4).image().get(127, 127));
        assertEquals(original.get(2).image().get(64, 42), back.get(2).image().get(64, 42));
    }

    @Test
    void convertAppliesAGivenPixelSizeToAnUncalibratedImage() {
        Path tif = shared("data/graphene-hrtem/graphene_flower_raw.tif");
        Path out = dir.resolve("flower.npy");
        String[] r = run("convert", tif.toString(), "--out", out.toString(), "--pixel-size", "0.22");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.isRegularFile(out));
        assertTrue(r[1].contains("0.220000 Å per pixel"), r[1]);
    }

    @Test
    void badInputsExitWithTwoAndAMessageWithoutStackTrace() {
        Path eels = shared("data/formats/scifidatasets/DMReader_EELS_STO.dm4");
        String[] r = run("info", eels.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("contains no image") && !r[2].contains("\tat "), r[2]);
        String[] missing = run("info", dir.resolve("absent.dm3").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("no such file"), missing[2]);
        Path tif = shared("data/graphene-hrtem/graphene_flower_raw.tif");
        String[] frame = run("convert", tif.toString(), "--out", dir.resolve("x.tif").toString(), "--frame", "3");
        assertEquals("2", frame[0]);
        assertTrue(frame[2].contains("has 1 frame(s)"), frame[2]);
    }
}
