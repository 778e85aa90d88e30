package io.github.atomfinder.io;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one entry point for image files: {@link #read} detects the format from the content and returns every
 * frame with its calibration; {@link #write} chooses the writer from the file name's extension.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    public static List<LoadedImage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AtomfinderException(file + ": no such file");
        }
        byte[] head;
        try (var in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        } catch (IOException e) {
            throw new AtomfinderException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (Npy.hasMagic(head)) {
            return readNpy(file);
        }
        throw new AtomfinderException(file + ": unrecognised image format");
    }

    public static void write(Path file, RealImage image) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            Npy.write(file, image);
        } else {
            throw new AtomfinderException(file + ": unsupported output format (use .npy)");
        }
    }

    private static List<LoadedImage> readNpy(Path file) {
        NpyArray array = Npy.read(file);
        int[] shape = array.shape();
        if (array.isComplex()) {
            throw new AtomfinderException(file + ": complex .npy arrays are waves, not images");
        }
        if (shape.length != 2 && shape.length != 3) {
            throw new AtomfinderException(file + ": expected a 2-D image or a 3-D stack, got " + shape.length + " dimensions");
        }
        int frames = shape.length == 3 ? shape[0] : 1;
        int ny = shape[shape.length - 2];
        int nx = shape[shape.length - 1];
        if (ny == 0 || nx == 0) {
            throw new AtomfinderException(file + ": empty image");
        }
        Grid grid = Grid.of(ny, nx, 1.0);
        List<LoadedImage> images = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            float[] data = new float[ny * nx];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) array.real()[f * ny * nx + i];
            }
            images.add(new LoadedImage(new RealImage(grid, data), false, "NPY", numpyTypeName(array.dtype()), Map.of()));
        }
        return images;
    }

    private static String numpyTypeName(String descr) {
        return switch (descr.substring(1)) {
            case "f4" -> "float32";
            case "f8" -> "float64";
            case "u1" -> "uint8";
            case "i1" -> "int8";
            case "u2" -> "uint16";
            case "i2" -> "int16";
            case "u4" -> "uint32";
            case "i4" -> "int32";
            case "u8" -> "uint64";
            case "i8" -> "int64";
            case "b1" -> "bool";
            default -> descr;
        };
    }
}
