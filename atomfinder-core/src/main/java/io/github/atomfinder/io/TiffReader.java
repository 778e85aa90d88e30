package io.github.atomfinder.io;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Grey TIFF (8/16/32/64-bit integer and float, single images and stacks) with the pixel
 * size from DigitalMicrograph's private tags (65009/65010 scale, 65012/65013 unit), from an ImageJ description
 * ({@code unit=}) with X/YResolution in pixels per unit, or from X/YResolution in pixels per centimetre.
 * Uncompressed strips are decoded here with bulk buffer reads; compressed or tiled images through the JDK's
 * TIFF plugin.
 */
final class TiffReader {

    private static final int MAX_IFDS = 100_000;
    private static final int DM_SCALE_X = 65009;
    private static final int DM_SCALE_Y = 65010;
    private static final int DM_UNIT_X = 65012;
    private static final int DM_UNIT_Y = 65013;

    private TiffReader() {
    }

    static boolean hasMagic(ByteSource src) {
        return src.startsWith(0, (byte) 'I', (byte) 'I', (byte) 42, (byte) 0)
                || src.startsWith(0, (byte) 'M', (byte) 'M', (byte) 0, (byte) 42)
                || src.startsWith(0, (byte) 'I', (byte) 'I', (byte) 43, (byte) 0)
                || src.startsWith(0, (byte) 'M', (byte) 'M', (byte) 0, (byte) 43);
    }

    /** One IFD's tags: numeric values as long/double arrays, ASCII as strings. */
    private record Ifd(int index, Map<Integer, Object> tags) {

        long number(int tag, long fallback) {
            Object v = tags.get(tag);
            if (v instanceof long[] a && a.length > 0) {
                return a[0];
            }
            if (v instanceof double[] d && d.length > 0) {
                return (long) d[0];
            }
            return fallback;
        }

        double real(int tag) {
            Object v = tags.get(tag);
            if (v instanceof double[] d && d.length > 0) {
                return d[0];
            }
            if (v instanceof long[] a && a.length > 0) {
                return a[0];
            }
            return Double.NaN;
        }

        long[] numbers(int tag) {
            Object v = tags.get(tag);
            return v instanceof long[] a ? a : new long[0];
        }

        String text(int tag) {
            Object v = tags.get(tag);
            return v instanceof String s ? s : "";
        }
    }

    static List<LoadedImage> read(ByteSource src) {
        if (src.u8(2) == 43 || src.u8(3) == 43) {
            throw src.error("BigTIFF files are not supported; save as a classic TIFF");
        }
        ByteOrder order = src.u8(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        List<Ifd> ifds = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long offset = src.u32(4, order);
        while (offset != 0 && ifds.size() < MAX_IFDS) {
            if (!seen.add(offset)) {
                throw src.error("TIFF directory chain loops back to offset " + offset);
            }
            int count = src.u16(offset, order);
            src.requireRange(offset + 2, 12L * count + 4, "TIFF directory");
            ifds.add(readIfd(src, ifds.size(), offset, count, order));
            offset = src.u32(offset + 2 + 12L * count, order);
        }
        if (ifds.isEmpty()) {
            throw src.error("TIFF has no image directory");
        }
        Ifd first = ifds.get(0);
        int nx = (int) first.number(256, -1);
        int ny = (int) first.number(257, -1);
        if (nx <= 0 || ny <= 0) {
            throw src.error("TIFF image has invalid size " + nx + " x " + ny);
        }
        PixelType type = pixelType(src, first);
        String description = first.text(270);
        int imagejImages = imagejInt(description, "images", 1);

        List<Ifd> frames = new ArrayList<>();
        for (Ifd ifd : ifds) {
            boolean reduced = (ifd.number(254, 0) & 1) != 0;
            if (!reduced && ifd.number(256, -1) == nx && ifd.number(257, -1) == ny && pixelTypeOrNull(ifd) == type) {
                frames.add(ifd);
            }
        }
        long pixelsPerFrame = (long) nx * ny;
        if (first.number(259, 1) == 1) {
            src.requirePixels(0, pixelsPerFrame, type, "TIFF image of " + nx + " x " + ny);
        } else if (pixelsPerFrame > Integer.MAX_VALUE / 2 || pixelsPerFrame > 1024 * src.length() + (16 << 20)) {
            // Compression ratios beyond 1000 do not occur in micrographs; refuse before decoding allocates.
            throw src.error("compressed TIFF claims " + nx + " x " + ny + " pixels, implausible for a file of "
                    + src.length() + " bytes");
        }
        int frameCount;
        float[] data;
        if (imagejImages > frames.size() && stripsAreContiguous(first, pixelsPerFrame * type.bytes())) {
            // ImageJ writes large stacks as one contiguous block described only by the first directory.
            frameCount = imagejImages;
            long start = first.numbers(273)[0];
            data = src.pixels(start, pixelsPerFrame * frameCount, type, order, "ImageJ stack of " + frameCount + " frames");
        } else {
            frameCount = frames.size();
            long total = pixelsPerFrame * frameCount;
            if (total > Integer.MAX_VALUE / 2) {
                throw src.error("TIFF stack of " + frameCount + " frames of " + nx + " x " + ny + " is too large");
            }
            data = new float[(int) total];
            for (int f = 0; f < frameCount; f++) {
                float[] frame = readFrame(src, frames.get(f), ny, nx, type, order);
                System.arraycopy(frame, 0, data, (int) (f * pixelsPerFrame), frame.length);
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Frames.PixelSize size = calibration(src, first, description, meta);
        String format = first.tags().containsKey(DM_SCALE_X) ? "TIFF (DigitalMicrograph)"
                : description.startsWith("ImageJ=") ? "TIFF (ImageJ)" : "TIFF";
        return Frames.split(data, frameCount, ny, nx, size, format, type.dtype(), meta);
    }

    private static boolean stripsAreContiguous(Ifd ifd, long frameBytes) {
        long[] offsets = ifd.numbers(273);
        long[] counts = ifd.numbers(279);
        if (offsets.length == 0 || counts.length != offsets.length || ifd.number(259, 1) != 1) {
            return false;
        }
        long expected = offsets[0];
        long total = 0;
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != expected) {
                return false;
            }
            expected += counts[i];
            total += counts[i];
        }
        return total == frameBytes;
    }

    private static float[] readFrame(ByteSource src, Ifd ifd, int ny, int nx, PixelType type, ByteOrder order) {
        if (ifd.number(259, 1) != 1 || ifd.tags().containsKey(322)) {
            return decodeWithImageIo(src, ifd, ny, nx);
        }
        long[] offsets = ifd.numbers(273);
        long[] counts = ifd.numbers(279);
        long rowsPerStrip = Math.min(ifd.number(278, ny), ny);
        if (offsets.length == 0 || rowsPerStrip <= 0) {
            throw src.error("TIFF directory has no strip offsets");
        }
        long rowBytes = (long) nx * type.bytes();
        float[] out = new float[ny * nx];
        int row = 0;
        for (int s = 0; s < offsets.length && row < ny; s++) {
            int rows = (int) Math.min(rowsPerStrip, ny - row);
            if (counts.length > s && counts[s] < rows * rowBytes) {
                throw src.error("TIFF strip " + s + " holds " + counts[s] + " bytes, fewer than its " + rows + " rows need");
            }
            float[] strip = src.pixels(offsets[s], (long) rows * nx, type, order, "TIFF strip " + s);
            System.arraycopy(strip, 0, out, row * nx, strip.length);
            row += rows;
        }
        if (row < ny) {
            throw src.error("TIFF strips cover " + row + " of " + ny + " rows");
        }
        return out;
    }

    /** Compressed or tiled directories go through the JDK's TIFF plugin (LZW, Deflate, PackBits, JPEG). */
    private static float[] decodeWithImageIo(ByteSource src, Ifd ifd, int ny, int nx) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(src.buffer().array()))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("tiff");
            if (!readers.hasNext()) {
                throw src.error("compressed TIFF (compression " + ifd.number(259, 1) + ") needs a TIFF decoder, none found");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, true);
                Raster raster = reader.read(ifd.index()).getRaster();
                if (raster.getWidth() != nx || raster.getHeight() != ny) {
                    throw src.error("TIFF directory " + ifd.index() + " decoded to an unexpected size");
                }
                float[] out = new float[ny * nx];
                raster.getSamples(0, 0, nx, ny, 0, out);
                return out;
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw src.error("cannot decode compressed TIFF (compression " + ifd.number(259, 1) + "): " + e.getMessage());
        }
    }

    private static PixelType pixelType(ByteSource src, Ifd ifd) {
        long spp = ifd.number(277, 1);
        if (spp != 1) {
            throw src.error("TIFF with " + spp + " samples per pixel (colour) is not supported; save as greyscale");
        }
        PixelType type = pixelTypeOrNull(ifd);
        if (type == null) {
            throw src.error("unsupported TIFF pixel type: " + ifd.number(258, 1) + " bits, sample format "
                    + ifd.number(339, 1));
        }
        return type;
    }

    private static PixelType pixelTypeOrNull(Ifd ifd) {
        long bits = ifd.number(258, 1);
        long format = ifd.number(339, 1);
        if (format == 3) {
            return bits == 32 ? PixelType.FLOAT32 : bits == 64 ? PixelType.FLOAT64 : null;
        }
        boolean signed = format == 2;
        if (format != 1 && format != 2 && format != 4) {
            return null;
        }
        return switch ((int) bits) {
            case 8 -> signed ? PixelType.INT8 : PixelType.UINT8;
            case 16 -> signed ? PixelType.INT16 : PixelType.UINT16;
            case 32 -> signed ? PixelType.INT32 : PixelType.UINT32;
            case 64 -> signed ? PixelType.INT64 : PixelType.UINT64;
            default -> null;
        };
    }

    private static Frames.PixelSize calibration(ByteSource src, Ifd ifd, String description, Map<String, String> meta) {
        double dmX = ifd.real(DM_SCALE_X);
        double dmY = ifd.real(DM_SCALE_Y);
        if (dmX > 0 && dmY > 0) {
            return new Frames.PixelSize(dmY, ifd.text(DM_UNIT_Y), dmX, ifd.text(DM_UNIT_X));
        }
        double xres = ifd.real(282);
        double yres = ifd.real(283);
        if (!(xres > 0) || !(yres > 0)) {
            return Frames.PixelSize.none();
        }
        if (description.startsWith("ImageJ=")) {
            String unit = imagejValue(description, "unit");
            meta.put("ImageJ", imagejValue(description, "ImageJ"));
            if (unit != null) {
                return new Frames.PixelSize(1 / yres, 1 / xres, unescapeImageJ(unit));
            }
        }
        if (ifd.number(296, 2) == 3) {
            return new Frames.PixelSize(1 / yres, 1 / xres, "cm");
        }
        meta.put("resolution", xres + " pixels per " + (ifd.number(296, 2) == 2 ? "inch" : "unit") + " (not a specimen size)");
        return Frames.PixelSize.none();
    }

    private static String unescapeImageJ(String unit) {
        return unit.replace("\\u00B5", "\u00b5").replace("\\u00C5", "\u00c5");
    }

    private static String imagejValue(String description, String key) {
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).trim().equals(key)) {
                return line.substring(eq + 1).trim();
            }
        }
        return null;
    }

    private static int imagejInt(String description, String key, int fallback) {
        if (!description.startsWith("ImageJ=")) {
            return fallback;
        }
        String v = imagejValue(description, key);
        try {
            return v == null ? fallback : Math.max(1, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Ifd readIfd(ByteSource src, int index, long offset, int count, ByteOrder order) {
        Map<Integer, Object> tags = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long entry = offset + 2 + 12L * i;
            int tag = src.u16(entry, order);
            int type = src.u16(entry + 2, order);
            long n = src.u32(entry + 4, order);
            int size = switch (type) {
                case 1, 2, 6, 7 -> 1;
                case 3, 8 -> 2;
                case 4, 9, 11 -> 4;
                case 5, 10, 12 -> 8;
                default -> 0;
            };
            if (size == 0 || n == 0) {
                continue;
            }
            long bytes = n * size;
            long at = bytes <= 4 ? entry + 8 : src.u32(entry + 8, order);
            src.requireRange(at, bytes, "TIFF tag " + tag);
            tags.put(tag, value(src, at, type, (int) n, order));
        }
        return new Ifd(index, tags);
    }

    private static Object value(ByteSource src, long at, int type, int n, ByteOrder order) {
        if (type == 2) {
            String s = src.ascii(at, n);
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        }
        if (type == 5 || type == 10 || type == 11 || type == 12) {
            double[] d = new double[n];
            for (int k = 0; k < n; k++) {
                d[k] = switch (type) {
                    case 5 -> (double) src.u32(at + 8L * k, order) / src.u32(at + 8L * k + 4, order);
                    case 10 -> (double) src.i32(at + 8L * k, order) / src.i32(at + 8L * k + 4, order);
                    case 11 -> src.f32(at + 4L * k, order);
                    default -> src.f64(at + 8L * k, order);
                };
            }
            return d;
        }
        long[] v = new long[n];
        for (int k = 0; k < n; k++) {
            v[k] = switch (type) {
                case 1, 7 -> src.u8(at + k);
                case 6 -> (byte) src.u8(at + k);
                case 3 -> src.u16(at + 2L * k, order);
                case 8 -> (short) src.u16(at + 2L * k, order);
                case 4 -> src.u32(at + 4L * k, order);
                default -> src.i32(at + 4L * k, order);
            };
        }
        return v;
    }
}
