package io.github.atomfinder.io;

import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MRC / CCP4 maps (MRC2014): 1024-byte header, optional extended header, then nz sections of ny × nx. The pixel
 * size is cell length / sampling (CELLA / MX, in Å). Files without the "MAP " stamp are accepted when their
 * name says MRC and their header agrees with the file size.
 */
final class MrcReader {

    private static final int HEADER = 1024;

    private MrcReader() {
    }

    static boolean hasMagic(ByteSource src) {
        return src.length() >= HEADER && src.startsWith(208, (byte) 'M', (byte) 'A', (byte) 'P', (byte) ' ');
    }

    /** For files without the stamp (older writers): the header's sizes must account for the file exactly. */
    static boolean looksLikeMrc(ByteSource src) {
        String name = src.file().getFileName().toString().toLowerCase(Locale.ROOT);
        if (src.length() < HEADER || !(name.endsWith(".mrc") || name.endsWith(".mrcs") || name.endsWith(".map")
                || name.endsWith(".ccp4") || name.endsWith(".st") || name.endsWith(".ali") || name.endsWith(".rec"))) {
            return false;
        }
        ByteOrder order = order(src);
        PixelType type = type(src.i32(12, order));
        long nx = src.i32(0, order);
        long ny = src.i32(4, order);
        long nz = src.i32(8, order);
        long ext = src.i32(92, order);
        return type != null && nx > 0 && ny > 0 && nz > 0 && ext >= 0
                && HEADER + ext + (double) nx * ny * nz * type.bytes() == src.length();
    }

    private static ByteOrder order(ByteSource src) {
        // Machine stamp 0x44 0x41 (or 0x44 0x44) is little-endian, 0x11 0x11 big-endian; default little-endian.
        return src.u8(212) == 0x11 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static PixelType type(int mode) {
        return switch (mode) {
            case 0 -> PixelType.INT8;
            case 1 -> PixelType.INT16;
            case 2 -> PixelType.FLOAT32;
            case 6 -> PixelType.UINT16;
            default -> null;
        };
    }

    static java.util.List<LoadedImage> read(ByteSource src) {
        ByteOrder order = order(src);
        int nx = src.i32(0, order);
        int ny = src.i32(4, order);
        int nz = src.i32(8, order);
        int mode = src.i32(12, order);
        PixelType type = type(mode);
        if (type == null) {
            throw src.error("unsupported MRC mode " + mode + " (supported: 0 int8, 1 int16, 2 float32, 6 uint16)");
        }
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw src.error("MRC header has invalid size " + nx + " x " + ny + " x " + nz);
        }
        long ext = src.u32(92, order);
        float[] pixels = src.pixels(HEADER + ext, (long) nx * ny * nz, type, order,
                "MRC data of " + nx + " x " + ny + " x " + nz);
        int mx = src.i32(28, order);
        int my = src.i32(32, order);
        double cellX = src.f32(40, order);
        double cellY = src.f32(44, order);
        Map<String, String> meta = new LinkedHashMap<>();
        String extType = src.ascii(104, 4).trim();
        if (ext > 0) {
            meta.put("extended header", ext + " bytes" + (extType.isEmpty() ? "" : " (" + extType + ")"));
        }
        Frames.PixelSize size = mx > 0 && my > 0 && cellX > 0 && cellY > 0
                ? new Frames.PixelSize(cellY / my, cellX / mx, "Å") : Frames.PixelSize.none();
        return Frames.split(pixels, nz, ny, nx, size, "MRC", type.dtype(), meta);
    }
}
