package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesWriteTest {

    @TempDir
    Path dir;

    private static RealImage randomImage(int ny, int nx, double dy, double dx) {
        SplittableRandom random = new SplittableRandom(7);
        float[] data = new float[ny * nx];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new RealImage(new Grid(ny, nx, dy, dx), data);
    }

    @Test
    void floatTiffKeepsPixelsAndNonSquareCalibration() throws IOException {
        RealImage image = randomImage(33, 47, 0.1382, 0.2);
        Path tif = dir.resolve("out.tif");
        ImageFiles.write(tif, image);
        LoadedImage back = ImageFiles.read(tif).get(0);
        assertEquals("TIFF (ImageJ)", back.format());
        assertEquals("float32", back.dtype());
        assertTrue(back.calibrated());
        assertArrayEquals(image.data(), back.image().data());
        // Rationals with a ~2^32 denominator keep about nine significant digits.
        assertEquals(0.1382, back.image().grid().dyAngstrom(), 1e-8);
        assertEquals(0.2, back.image().grid().dxAngstrom(), 1e-8);
        // ImageJ reads "unit=nm" from the description and pixels per unit from X/YResolution.
        String head = new String(Files.readAllBytes(tif), 0, 400, StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("ImageJ=") && head.contains("unit=nm\n"), head);
    }

    @Test
    void stacksRoundTripThroughTiffPagesAndThreeDimensionalNpy() throws IOException {
        List<RealImage> frames = List.of(randomImage(6, 9, 0.5, 0.5), RealImage.filled(new Grid(6, 9, 0.5, 0.5), 3f));
        for (String name : List.of("stack.tif", "stack.npy")) {
            Path file = dir.resolve(name);
            ImageFiles.writeStack(file, frames, true);
            List<LoadedImage> back = ImageFiles.read(file);
            assertEquals(2, back.size(), name);
            assertArrayEquals(frames.get(0).data(), back.get(0).image().data(), name);
            assertArrayEquals(frames.get(1).data(), back.get(1).image().data(), name);
        }
    }

    @Test
    void imageJContiguousStackWithOneDirectoryIsReadWhole() throws IOException {
        // ImageJ may describe a stack by "images=N" in the first directory alone, with the frames back to back.
        Path file = dir.resolve("contiguous.tif");
        ImageFiles.writeStack(file, List.of(randomImage(4, 4, 1, 1), RealImage.filled(Grid.of(4, 4, 1), 2f)), true);
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(8 + 2 + 15 * 12, 0);
        Files.write(file, bytes);
        List<LoadedImage> back = ImageFiles.read(file);
        assertEquals(2, back.size());
        assertEquals(2f, back.get(1).image().get(3, 3));
    }

    @Test
    void uncalibratedImagesAreWrittenWithoutAUnit() throws IOException {
        Path tif = dir.resolve("plain.tiff");
        ImageFiles.write(tif, randomImage(8, 8, 1, 1), false);
        assertFalse(ImageFiles.read(tif).get(0).calibrated());
    }

    @Test
    void npyRoundTripKeepsPixels() throws IOException {
        RealImage image = randomImage(5, 6, 1, 1);
        Path npy = dir.resolve("out.npy");
        ImageFiles.write(npy, image);
        LoadedImage back = ImageFiles.read(npy).get(0);
        assertEquals("NPY", back.format());
        assertArrayEquals(image.data(), back.image().data());
    }

    @Test
    void unknownOutputExtensionIsRefusedAndNothingIsLeftBehind() throws IOException {
        Path png = dir.resolve("out.png");
        assertThrows(AtomfinderException.class, () -> ImageFiles.write(png, randomImage(2, 2, 1, 1)));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void pngWrittenByImageIoReadsBackAsGrey() throws IOException {
        var buffered = new java.awt.image.BufferedImage(5, 3, java.awt.image.BufferedImage.TYPE_USHORT_GRAY);
        buffered.getRaster().setSample(4, 2, 0, 40000);
        buffered.getRaster().setSample(1, 0, 0, 7);
        Path png = dir.resolve("grey.png");
        javax.imageio.ImageIO.write(buffered, "png", png.toFile());
        LoadedImage back = ImageFiles.read(png).get(0);
        assertEquals("PNG", back.format());
        assertEquals("uint16", back.dtype());
        assertEquals(40000f, back.image().get(2, 4));
        assertEquals(7f, back.image().get(0, 1));
        assertFalse(back.calibrated());
    }

    @Test
    void colourJpegIsReadAsLuminance() throws IOException {
        var buffered = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                buffered.setRGB(x, y, 0x808080);
            }
        }
        Path jpg = dir.resolve("grey.jpg");
        javax.imageio.ImageIO.write(buffered, "jpeg", jpg.toFile());
        LoadedImage back = ImageFiles.read(jpg).get(0);
        assertEquals("JPEG", back.format());
        assertEquals("uint8 (grey from colour)", back.dtype());
        // A uniform mid-grey (128, 128, 128) survives JPEG within a level or two: 0.299+0.587+0.114 = 1.
        assertEquals(128, back.image().get(8, 8), 2);
    }
}
