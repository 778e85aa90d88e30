package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.testing.Shared;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile files: each gives an {@link AtomfinderException} naming the file, never a crash. */
class ImageFilesRobustnessTest {

    private static final List<String> SAMPLES = List.of(
            "formats/rosettasciio/test-1.dm3", "formats/rosettasciio/test-1.dm4", "formats/rosettasciio/Fei_HAADF-UK_location.dm3",
            "formats/rosettasciio/test_STEM_image.dm3", "formats/rosettasciio/test_loading_image_saved_with_DM.tif",
            "formats/rosettasciio/test_loading_image_saved_with_imageJ.tif", "formats/rosettasciio/64x64_TEM_images_acquire_1.ser",
            "formats/rosettasciio/HAADFscan.mrc", "formats/ncempy/temp.mrc", "formats/rosettasciio/fei_example_tem_stack.emd",
            "formats/ncempy/dmTest_float32_nonSquare_diffPixelSize.dm4", "formats/ncempy/STEM_HAADF_Diffraction_Micro.emd", "formats/ncempy/Acquisition_18.emd",
            "formats/scifidatasets/DMReader_EELS_STO.dm4", "formats/ncempy/dmTest_3D_int16_64x65x66.dm4");

    @TempDir
    Path dir;

    private static void assertCleanError(Path file, String expectedPart) {
        var e = assertThrows(AtomfinderException.class, () -> ImageFiles.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedPart), "says '" + expectedPart + "': " + e.getMessage());
    }

    @Test
    void truncatedFilesAreReportedAsTruncatedOrCorrupt() throws IOException {
        for (String sample : SAMPLES) {
            byte[] bytes = Files.readAllBytes(Shared.require("data/" + sample));
            for (int length : new int[] {bytes.length / 2, Math.min(200, bytes.length - 1), 3}) {
                Path cut = dir.resolve(Path.of(sample).getFileName());
                Files.write(cut, java.util.Arrays.copyOf(bytes, length));
                var e = assertThrows(AtomfinderException.class, () -> ImageFiles.read(cut), sample + " cut to " + length);
                assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
            }
        }
    }

    @Test
    void wrongMagicIsAnUnrecognisedFormat() throws IOException {
        Path fake = dir.resolve("image.dm3");
        Files.writeString(fake, "this is a text file, not a DigitalMicrograph image\n".repeat(10));
        assertCleanError(fake, "unrecognised image format");
        Path empty = dir.resolve("empty.tif");
        Files.write(empty, new byte[0]);
        assertCleanError(empty, "empty file");
    }

    @Test
    void aHeaderClaimingABillionPixelsFailsBeforeAllocating() throws IOException {
        // MRC claiming 100000 x 100000 x 1 float32 (4e10 bytes) in a 2 kB file.
        ByteBuffer mrc = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        mrc.putInt(0, 100_000).putInt(4, 100_000).putInt(8, 1).putInt(12, 2);
        mrc.put(208, "MAP ".getBytes(StandardCharsets.US_ASCII));
        Path big = dir.resolve("big.mrc");
        Files.write(big, mrc.array());
        assertCleanError(big, "more than this reader can hold");

        // A real TIFF whose width and height tags are changed to 20000 x 20000 (1.6 GB of float32 in a tiny file).
        RealImage small = RealImage.filled(Grid.of(4, 4, 1.0), 1f);
        Path tif = dir.resolve("big.tif");
        ImageFiles.write(tif, small);
        byte[] bytes = Files.readAllBytes(tif);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int entries = b.getShort(8);
        for (int i = 0; i < entries; i++) {
            int at = 10 + 12 * i;
            int tag = b.getShort(at) & 0xffff;
            if (tag == 256 || tag == 257) {
                b.putInt(at + 8, 20_000);
            }
        }
        Files.write(tif, bytes);
        assertCleanError(tif, "needs bytes");
    }

    @Test
    void unsupportedDataTypesAreNamed() throws IOException {
        ByteBuffer mrc = ByteBuffer.allocate(1024 + 16 * 8).order(ByteOrder.LITTLE_ENDIAN);
        mrc.putInt(0, 4).putInt(4, 4).putInt(8, 1).putInt(12, 4);
        mrc.put(208, "MAP ".getBytes(StandardCharsets.US_ASCII));
        Path complex = dir.resolve("complex.mrc");
        Files.write(complex, mrc.array());
        assertCleanError(complex, "unsupported MRC mode 4");
    }

    @Test
    void randomlyMutatedRealFilesGiveAnImageOrACleanError() throws IOException {
        Random random = new Random(20261124L);
        int images = 0;
        int errors = 0;
        List<Path> inputs = new java.util.ArrayList<>();
        for (String sample : SAMPLES) {
            inputs.add(Shared.require("data/" + sample));
        }
        // Compressed TIFFs take the JDK decoder's path; no shared file is compressed, so make two.
        Path sources = Files.createDirectories(dir.resolve("sources"));
        for (String compression : List.of("LZW", "Deflate")) {
            Path tif = sources.resolve(compression + ".tif");
            TiffVariantsTest.writeWithImageIo(tif, TiffVariantsTest.testImage(java.awt.image.DataBuffer.TYPE_USHORT, 64, 48), compression);
            inputs.add(tif);
        }
        for (Path input : inputs) {
            String sample = input.getFileName().toString();
            byte[] original = Files.readAllBytes(input);
            Path mutated = dir.resolve(input.getFileName());
            for (int trial = 0; trial < 40; trial++) {
                byte[] bytes = original.clone();
                int flips = 1 + random.nextInt(8);
                for (int k = 0; k < flips; k++) {
                    // Half the mutations hit the first 2 kB, where the headers and tag tables are.
                    int at = random.nextBoolean() ? random.nextInt(Math.min(2048, bytes.length)) : random.nextInt(bytes.length);
                    bytes[at] = switch (random.nextInt(3)) {
                        case 0 -> (byte) random.nextInt(256);
                        case 1 -> (byte) 0xff;
                        default -> 0;
                    };
                }
                Files.write(mutated, bytes);
                try {
                    List<LoadedImage> read = ImageFiles.read(mutated);
                    assertFalse(read.isEmpty());
                    for (LoadedImage image : read) {
                        assertEquals(image.image().grid().size(), image.image().data().length);
                    }
                    images++;
                } catch (AtomfinderException e) {
                    assertTrue(e.getMessage().startsWith(mutated.toString()), e.getMessage());
                    errors++;
                } catch (RuntimeException | Error e) {
                    fail(sample + " trial " + trial + ": " + e, e);
                }
            }
        }
        assertEquals(40 * inputs.size(), images + errors);
        assertTrue(images > 0 && errors > 0, "mutations produced both outcomes: " + images + " images, " + errors + " errors");
    }
}
