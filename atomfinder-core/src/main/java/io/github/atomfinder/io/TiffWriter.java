package io.github.atomfinder.io;

import io.github.atomfinder.grid.RealImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a 32-bit float, little-endian, uncompressed TIFF that ImageJ/Fiji opens calibrated: an ImageJ
 * description with {@code unit=nm} and X/YResolution in pixels per nm (nm because TIFF text is ASCII, so "Å"
 * cannot be written portably). {@link TiffReader} reads the pixel size back in Å.
 */
final class TiffWriter {

    private static final int ENTRIES = 15;

    private TiffWriter() {
    }

    static void write(Path file, RealImage image, boolean calibrated) throws IOException {
        int ny = image.ny();
        int nx = image.nx();
        String description = "ImageJ=1.54f\n" + (calibrated ? "unit=nm\n" : "") + "min=" + image.min() + "\nmax=" + image.max() + "\n\0";
        byte[] text = description.getBytes(StandardCharsets.US_ASCII);
        int ifdOffset = 8;
        int ifdSize = 2 + ENTRIES * 12 + 4;
        int xResAt = ifdOffset + ifdSize;
        int yResAt = xResAt + 8;
        int textAt = yResAt + 8;
        int dataAt = textAt + text.length + ((textAt + text.length) & 1);
        long dataBytes = 4L * ny * nx;
        ByteBuffer head = ByteBuffer.allocate(dataAt).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        head.putShort((short) ENTRIES);
        entry(head, 254, 4, 1, 0);
        entry(head, 256, 4, 1, nx);
        entry(head, 257, 4, 1, ny);
        entry(head, 258, 3, 1, 32);
        entry(head, 259, 3, 1, 1);
        entry(head, 262, 3, 1, 1);
        entry(head, 270, 2, text.length, textAt);
        entry(head, 273, 4, 1, dataAt);
        entry(head, 277, 3, 1, 1);
        entry(head, 278, 4, 1, ny);
        entry(head, 279, 4, 1, (int) dataBytes);
        entry(head, 282, 5, 1, xResAt);
        entry(head, 283, 5, 1, yResAt);
        entry(head, 296, 3, 1, 1);
        entry(head, 339, 3, 1, 3);
        head.putInt(0);
        // Pixels per nm = 10 / (Å per pixel); uncalibrated images get 1 pixel per unit, as ImageJ writes them.
        rational(head, calibrated ? 10.0 / image.grid().dxAngstrom() : 1.0);
        rational(head, calibrated ? 10.0 / image.grid().dyAngstrom() : 1.0);
        head.put(text);
        AtomicFiles.write(file, out -> {
            out.write(head.array());
            ByteBuffer rows = ByteBuffer.allocate(4 * nx).order(ByteOrder.LITTLE_ENDIAN);
            float[] data = image.data();
            for (int y = 0; y < ny; y++) {
                rows.clear();
                rows.asFloatBuffer().put(data, y * nx, nx);
                out.write(rows.array());
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
