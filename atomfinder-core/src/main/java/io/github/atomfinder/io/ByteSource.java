package io.github.atomfinder.io;

import io.github.atomfinder.errors.AtomfinderException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole file in memory with reads that check every offset against the file length, so a corrupt header
 * gives an {@link AtomfinderException} naming the file instead of a huge allocation or an index error.
 */
final class ByteSource {

    /** Largest file read in one piece: Java arrays hold at most 2^31 - 1 bytes. */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    private final Path file;
    private final ByteBuffer buffer;

    private ByteSource(Path file, ByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
    }

    static ByteSource read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new AtomfinderException(file + ": file of " + size + " bytes is larger than the 2 GiB this reader handles");
            }
            return new ByteSource(file, ByteBuffer.wrap(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new AtomfinderException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static ByteSource of(Path file, byte[] bytes) {
        return new ByteSource(file, ByteBuffer.wrap(bytes));
    }

    Path file() {
        return file;
    }

    long length() {
        return buffer.capacity();
    }

    ByteBuffer buffer() {
        return buffer;
    }

    AtomfinderException error(String problem) {
        return new AtomfinderException(file + ": " + problem);
    }

    /** Fails unless bytes {@code [offset, offset + length)} lie inside the file. */
    void requireRange(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset > length() || length > length() - offset) {
            throw error(what + " needs bytes " + offset + ".." + (offset + length) + " but the file has only "
                    + length() + " bytes (truncated or corrupt)");
        }
    }

    /** Checks a claimed image size against the bytes present before anything is allocated. */
    int requirePixels(long offset, long pixelCount, PixelType type, String what) {
        if (pixelCount <= 0) {
            throw error(what + " has no pixels");
        }
        if (pixelCount > Integer.MAX_VALUE / 2 || pixelCount * type.bytes() > MAX_FILE_BYTES) {
            throw error(what + " claims " + pixelCount + " pixels, more than this reader can hold");
        }
        requireRange(offset, pixelCount * type.bytes(), what);
        return (int) pixelCount;
    }

    float[] pixels(long offset, long pixelCount, PixelType type, ByteOrder order, String what) {
        return type.decode(buffer, offset, requirePixels(offset, pixelCount, type, what), order);
    }

    int u8(long offset) {
        requireRange(offset, 1, "a header field");
        return buffer.get((int) offset) & 0xff;
    }

    int u16(long offset, ByteOrder order) {
        requireRange(offset, 2, "a header field");
        return buffer.duplicate().order(order).getShort((int) offset) & 0xffff;
    }

    int i32(long offset, ByteOrder order) {
        requireRange(offset, 4, "a header field");
        return buffer.duplicate().order(order).getInt((int) offset);
    }

    long u32(long offset, ByteOrder order) {
        return i32(offset, order) & 0xffffffffL;
    }

    long i64(long offset, ByteOrder order) {
        requireRange(offset, 8, "a header field");
        return buffer.duplicate().order(order).getLong((int) offset);
    }

    float f32(long offset, ByteOrder order) {
        requireRange(offset, 4, "a header field");
        return buffer.duplicate().order(order).getFloat((int) offset);
    }

    double f64(long offset, ByteOrder order) {
        requireRange(offset, 8, "a header field");
        return buffer.duplicate().order(order).getDouble((int) offset);
    }

    byte[] bytes(long offset, int count) {
        requireRange(offset, count, "a header field");
        byte[] out = new byte[count];
        buffer.get((int) offset, out);
        return out;
    }

    String ascii(long offset, int count) {
        return new String(bytes(offset, count), StandardCharsets.ISO_8859_1);
    }

    boolean startsWith(long offset, byte... magic) {
        if (offset + magic.length > length()) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (buffer.get((int) offset + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
