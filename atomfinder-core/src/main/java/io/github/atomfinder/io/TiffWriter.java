package io.github.atomfinder.io;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes 32-bit float, little-endian, uncompressed TIFF that ImageJ/Fiji opens calibrated: an ImageJ
 * description with {@code unit=nm} and X/YResolution in pixels per nm (nm because TIFF text is ASCII, so "Å"
 * cannot be written portably). A stack has one directory per frame and {@code images=N} in the description,
 * as ImageJ writes it. {@link TiffReader} reads the pixel size back in Å.
 */
final class TiffWriter {

    private static final int ENTRIES = 15;
    private static final int IFD_BYTES = 2 + ENTRIES * 12 + 4;
    /** Each directory is followed by its X and Y resolution rationals. */
    private static final int BLOCK_BYTES = IFD_BYTES + 16;

    private TiffWriter() {
    }

    static void write(Path file, List<RealImage> frames, boolean calibrated) throws IOException {
        Grid grid = frames.get(0).grid();
        for (RealImage frame : frames) {
            if (!frame.grid().equals(grid)) {
                throw new IllegalArgumentException("all frames of a TIFF stack must share one grid");
            }
        }
        int ny = grid.ny();
        int nx = grid.nx();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RealImage frame : frames) {
            min = Math.min(min, frame.min());
            max = Math.max(max, frame.max());
        }
        int count = frames.size();
        String description = "ImageJ=1.54f\n" + (count > 1 ? "images=" + count + "\nslices=" + count + "\n" : "")
                + (calibrated ? "unit=nm\n" : "") + "min=" + min + "\nmax=" + max + "\n\0";
        byte[] text = description.getBytes(StandardCharsets.US_ASCII);
        int textAt = 8 + BLOCK_BYTES * count;
        long dataAt = textAt + text.length + ((textAt + text.length) & 1);
        long frameBytes = 4L * ny * nx;
        if (dataAt + frameBytes * count > 0xffffffffL) {
            throw new IllegalArgumentException("a classic TIFF holds at most 4 GB; write fewer frames");
        }
        ByteBuffer head = ByteBuffer.allocate((int) dataAt).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int f = 0; f < count; f++) {
            int ifdAt = 8 + BLOCK_BYTES * f;
            head.position(ifdAt);
            head.putShort((short) ENTRIES);
            entry(head, 254, 4, 1, 0);
            entry(head, 256, 4, 1, nx);
            entry(head, 257, 4, 1, ny);
            entry(head, 258, 3, 1, 32);
            entry(head, 259, 3, 1, 1);
            entry(head, 262, 3, 1, 1);
            entry(head, 270, 2, f == 0 ? text.length : 1, f == 0 ? textAt : 0);
            entry(head, 273, 4, 1, (int) (dataAt + frameBytes * f));
            entry(head, 277, 3, 1, 1);
            entry(head, 278, 4, 1, ny);
            entry(head, 279, 4, 1, (int) frameBytes);
            entry(head, 282, 5, 1, ifdAt + IFD_BYTES);
            entry(head, 283, 5, 1, ifdAt + IFD_BYTES + 8);
            entry(head, 296, 3, 1, 1);
            entry(head, 339, 3, 1, 3);
            head.putInt(f + 1 < count ? ifdAt + BLOCK_BYTES : 0);
            // Pixels per nm = 10 / (Å per pixel); uncalibrated images get 1 pixel per unit, as ImageJ writes them.
            rational(head, calibrated ? 10.0 / grid.dxAngstrom() : 1.0);
            rational(head, calibrated ? 10.0 / grid.dyAngstrom() : 1.0);
        }
        head.position(textAt);
        head.put(text);
        AtomicFiles.write(file, out -> {
            out.write(head.array());
            ByteBuffer rows = ByteBuffer.allocate(4 * nx).order(ByteOrder.LITTLE_ENDIAN);
            for (RealImage frame : frames) {
                float[] data = frame.data();
                for (int y = 0; y < ny; y++) {
                    rows.clear();
                    rows.asFloatBuffer().put(data, y * nx, nx);
                    out.write(rows.array());
                }
            }
        });
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** Writes {@code value} as an unsigned rational with the largest denominator that keeps both in 32 bits. */
    private static void rational(ByteBuffer b, double value) {
        long max = 0xffffffffL;
        long denominator = (long) Math.min(max, Math.floor(max / Math.max(1.0, value)));
        long numerator = Math.round(value * denominator);
        b.putInt((int) numerator).putInt((int) denominator);
    }
}
