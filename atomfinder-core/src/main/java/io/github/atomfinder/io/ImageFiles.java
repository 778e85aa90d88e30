package io.github.atomfinder.io;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.RealImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one entry point for image files: {@link #read} detects the format from the content and returns every
 * frame with its calibration in Å; {@link #write} chooses the writer from the file name's extension.
 *
 * <p>Read: TIFF (uncompressed grey, ImageJ and DigitalMicrograph calibration), DigitalMicrograph DM3/DM4,
 * TIA SER (with its .emi), Velox and Berkeley EMD (HDF5), MRC/CCP4, NumPy .npy, PNG and JPEG. Every failure,
 * including corrupt or truncated files, is an {@link AtomfinderException} naming the file and the problem.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    public static List<LoadedImage> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AtomfinderException(file + ": no such file");
        }
        ByteSource src = ByteSource.read(file);
        String format = "";
        try {
            if (src.length() == 0) {
                throw src.error("empty file");
            }
            if (Npy.hasMagic(src.bytes(0, (int) Math.min(6, src.length())))) {
                format = "NPY";
                return readNpy(src);
            }
            if (TiffReader.hasMagic(src)) {
                format = "TIFF";
                return TiffReader.read(src);
            }
            if (DmReader.hasMagic(src)) {
                format = "DigitalMicrograph";
                return DmReader.read(src);
            }
            if (SerReader.hasMagic(src)) {
                format = "TIA SER";
                return SerReader.read(src);
            }
            if (EmdReader.hasMagic(src)) {
                format = "HDF5/EMD";
                return EmdReader.read(src);
            }
            if (RasterReader.hasMagic(src)) {
                format = "PNG/JPEG";
                return RasterReader.read(src);
            }
            if (MrcReader.hasMagic(src) || MrcReader.looksLikeMrc(src)) {
                format = "MRC";
                return MrcReader.read(src);
            }
            if (SerReader.isEmi(src)) {
                format = "TIA EMI";
                return SerReader.readEmi(src);
            }
        } catch (AtomfinderException e) {
            throw e;
        } catch (RuntimeException e) {
            // Corrupt content reaching a library (jHDF, ImageIO) or an arithmetic corner: report, never crash.
            throw new AtomfinderException(file + ": corrupt or unreadable " + format + " file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (src.length() > 24 && src.ascii(4, 20).startsWith("JED-2200")) {
            throw src.error("JEOL Analysis Station (JED-2200) files are not supported; export the image as TIFF");
        }
        throw src.error("unrecognised image format (supported: TIFF, DM3, DM4, SER/EMI, EMD, MRC, NPY, PNG, JPEG)");
    }

    private static List<LoadedImage> readNpy(ByteSource src) {
        NpyArray array = Npy.parse(src.file().toString(), src.buffer().array());
        int[] shape = array.shape();
        if (array.isComplex()) {
            throw src.error("complex .npy arrays are waves, not images");
        }
        if (shape.length != 2 && shape.length != 3) {
            throw src.error("expected a 2-D image or a 3-D stack, got " + shape.length + " dimensions");
        }
        int frames = shape.length == 3 ? shape[0] : 1;
        int ny = shape[shape.length - 2];
        int nx = shape[shape.length - 1];
        if (ny == 0 || nx == 0 || frames == 0) {
            throw src.error("empty image");
        }
        double[] real = array.real();
        float[] data = new float[real.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) real[i];
        }
        return Frames.split(data, frames, ny, nx, Frames.PixelSize.none(), "NPY", numpyTypeName(array.dtype()), Map.of());
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

    /** Writes {@code image} as calibrated float TIFF (.tif/.tiff) or float32 .npy, atomically. */
    public static void write(Path file, RealImage image) throws IOException {
        write(file, image, true);
    }

    /** As {@link #write(Path, RealImage)}; an uncalibrated image is written without a pixel size. */
    public static void write(Path file, RealImage image, boolean calibrated) throws IOException {
        writeStack(file, List.of(image), calibrated);
    }

    /**
     * Writes frames sharing one grid: a multi-page float TIFF (an ImageJ stack) or a frames × ny × nx .npy;
     * one frame gives a plain 2-D image.
     */
    public static void writeStack(Path file, List<RealImage> frames, boolean calibrated) throws IOException {
        if (frames.isEmpty()) {
            throw new AtomfinderException(file + ": nothing to write (no frames)");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            if (frames.size() == 1) {
                Npy.write(file, frames.get(0));
                return;
            }
            RealImage first = frames.get(0);
            int n = first.grid().size();
            float[] all = new float[Math.multiplyExact(n, frames.size())];
            for (int f = 0; f < frames.size(); f++) {
                if (!frames.get(f).grid().equals(first.grid())) {
                    throw new AtomfinderException(file + ": frame " + f + " differs in size from frame 0");
                }
                System.arraycopy(frames.get(f).data(), 0, all, f * n, n);
            }
            Npy.writeFloat32(file, new int[] {frames.size(), first.ny(), first.nx()}, all);
        } else if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            TiffWriter.write(file, frames, calibrated);
        } else {
            throw new AtomfinderException(file + ": unsupported output format (use .tif, .tiff or .npy)");
        }
    }
}
