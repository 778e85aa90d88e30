package io.github.atomfinder.bench;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.io.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Reading and writing a 4096 × 4096 float32 image: float TIFF, MRC mode 2 and .npy through ImageFiles. */
public final class ImageFilesBenchmark {

    private ImageFilesBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        SplittableRandom random = new SplittableRandom(1);
        float[] data = new float[n * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        RealImage image = new RealImage(Grid.of(n, n, 0.1), data);
        Path dir = Files.createTempDirectory("atomfinder-bench-io");
        try {
            Path tif = dir.resolve("image.tif");
            Path npy = dir.resolve("image.npy");
            Path mrc = dir.resolve("image.mrc");
            Timing.time("write float TIFF " + n + "²", 1, 5, () -> write(tif, image));
            Timing.time("write .npy " + n + "²", 1, 5, () -> write(npy, image));
            writeMrc(mrc, image);
            Timing.time("read float TIFF " + n + "²", 2, 7, () -> ImageFiles.read(tif));
            Timing.time("read MRC float32 " + n + "²", 2, 7, () -> ImageFiles.read(mrc));
            Timing.time("read .npy float32 " + n + "²", 2, 7, () -> ImageFiles.read(npy));
        } finally {
            AtomicFiles.deleteRecursively(dir);
        }
    }

    private static void write(Path file, RealImage image) {
        try {
            ImageFiles.write(file, image);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeMrc(Path file, RealImage image) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0, image.nx()).putInt(4, image.ny()).putInt(8, 1).putInt(12, 2);
        header.putInt(28, image.nx()).putInt(32, image.ny()).putInt(36, 1);
        header.putFloat(40, (float) image.grid().extentXAngstrom()).putFloat(44, (float) image.grid().extentYAngstrom());
        header.put(208, "MAP ".getBytes(StandardCharsets.US_ASCII)).put(212, (byte) 0x44).put(213, (byte) 0x41);
        ByteBuffer body = ByteBuffer.allocate(4 * image.data().length).order(ByteOrder.LITTLE_ENDIAN);
        body.asFloatBuffer().put(image.data());
        AtomicFiles.write(file, out -> {
            out.write(header.array());
            out.write(body.array());
        });
    }
}
