package io.github.atomfinder.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Numeric pixel types found in microscope files, decoded to float with bulk buffer reads. */
enum PixelType {
    UINT8("uint8", 1), INT8("int8", 1), UINT16("uint16", 2), INT16("int16", 2), UINT32("uint32", 4),
    INT32("int32", 4), UINT64("uint64", 8), INT64("int64", 8), FLOAT32("float32", 4), FLOAT64("float64", 8);

    private final String dtype;
    private final int bytes;

    PixelType(String dtype, int bytes) {
        this.dtype = dtype;
        this.bytes = bytes;
    }

    String dtype() {
        return dtype;
    }

    int bytes() {
        return bytes;
    }

    /**
     * Decodes {@code count} values starting at byte {@code offset} of {@code source}. The caller has checked
     * that the bytes exist ({@link ByteSource#requireRange}), so this never allocates for data that is absent.
     */
    float[] decode(ByteBuffer source, long offset, int count, ByteOrder order) {
        ByteBuffer b = source.duplicate().order(order);
        b.position(Math.toIntExact(offset));
        b.limit(Math.toIntExact(offset + (long) count * bytes));
        b = b.slice().order(order);
        float[] out = new float[count];
        switch (this) {
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT16 -> {
                short[] s = new short[count];
                b.asShortBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i] & 0xffff;
                }
            }
            case INT16 -> {
                short[] s = new short[count];
                b.asShortBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case UINT32 -> {
                int[] s = new int[count];
                b.asIntBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i] & 0xffffffffL;
                }
            }
            case INT32 -> {
                int[] s = new int[count];
                b.asIntBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case UINT64 -> {
                long[] s = new long[count];
                b.asLongBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    long v = s[i];
                    out[i] = v >= 0 ? v : (float) ((v >>> 1) * 2.0 + (v & 1));
                }
            }
            case INT64 -> {
                long[] s = new long[count];
                b.asLongBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    out[i] = s[i];
                }
            }
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                double[] s = new double[count];
                b.asDoubleBuffer().get(s);
                for (int i = 0; i < count; i++) {
                    out[i] = (float) s[i];
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return out;
    }
}
