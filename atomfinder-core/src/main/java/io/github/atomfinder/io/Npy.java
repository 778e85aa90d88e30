package io.github.atomfinder.io;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.RealImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy .npy files (format versions 1–3): read any numeric array, write float32 and complex64. */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    public static NpyArray read(Path file) {
        long fileSize;
        byte[] bytes;
        try {
            fileSize = Files.size(file);
            if (fileSize > Integer.MAX_VALUE - 16) {
                throw new AtomfinderException(file + ": .npy file of " + fileSize + " bytes is too large to read");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AtomfinderException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(file.toString(), bytes);
    }

    static NpyArray parse(String name, byte[] bytes) {
        if (!hasMagic(bytes)) {
            throw new AtomfinderException(name + ": not a NumPy .npy file (missing \\x93NUMPY magic)");
        }
        if (bytes.length < 10) {
            throw new AtomfinderException(name + ": truncated .npy header");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer head = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = head.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new AtomfinderException(name + ": truncated .npy header");
            }
            headerLength = head.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new AtomfinderException(name + ": unsupported .npy format version " + major);
        }
        if (headerStart + headerLength > bytes.length) {
            throw new AtomfinderException(name + ": truncated .npy header (claims " + headerLength + " bytes)");
        }
        String header = new String(bytes, headerStart, (int) headerLength, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name, "descr");
        boolean fortran = "True".equals(group(FORTRAN, header, name, "fortran_order"));
        int[] shape = parseShape(group(SHAPE, header, name, "shape"), name);

        char order = descr.charAt(0);
        if (descr.length() < 3 || (order != '<' && order != '>' && order != '|' && order != '=')) {
            throw new AtomfinderException(name + ": unsupported .npy dtype '" + descr + "'");
        }
        char kind = descr.charAt(1);
        int itemSize;
        try {
            itemSize = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new AtomfinderException(name + ": unsupported .npy dtype '" + descr + "'");
        }
        long count = 1;
        for (int s : shape) {
            count *= s;
            if (count > Integer.MAX_VALUE / 2) {
                throw new AtomfinderException(name + ": array shape is too large");
            }
        }
        long dataStart = headerStart + headerLength;
        if (dataStart + count * itemSize > bytes.length) {
            throw new AtomfinderException(name + ": truncated data: shape needs " + count * itemSize + " bytes, file has "
                    + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) (count * itemSize)).slice()
                .order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        double[] re = new double[n];
        double[] im = null;
        switch (kind + String.valueOf(itemSize)) {
            case "f4" -> fill(n, i -> re[i] = data.getFloat(4 * i));
            case "f8" -> fill(n, i -> re[i] = data.getDouble(8 * i));
            case "c8", "c16" -> {
                im = new double[n];
                double[] imag = im;
                if (itemSize == 8) {
                    fill(n, i -> {
                        re[i] = data.getFloat(8 * i);
                        imag[i] = data.getFloat(8 * i + 4);
                    });
                } else {
                    fill(n, i -> {
                        re[i] = data.getDouble(16 * i);
                        imag[i] = data.getDouble(16 * i + 8);
                    });
                }
            }
            case "i1" -> fill(n, i -> re[i] = data.get(i));
            case "u1", "b1" -> fill(n, i -> re[i] = data.get(i) & 0xff);
            case "i2" -> fill(n, i -> re[i] = data.getShort(2 * i));
            case "u2" -> fill(n, i -> re[i] = data.getShort(2 * i) & 0xffff);
            case "i4" -> fill(n, i -> re[i] = data.getInt(4 * i));
            case "u4" -> fill(n, i -> re[i] = data.getInt(4 * i) & 0xffffffffL);
            case "i8" -> fill(n, i -> re[i] = data.getLong(8 * i));
            case "u8" -> fill(n, i -> re[i] = unsigned(data.getLong(8 * i)));
            default -> throw new AtomfinderException(name + ": unsupported .npy dtype '" + descr + "'");
        }
        NpyArray array = new NpyArray(shape, descr, re, im);
        return fortran ? toCOrder(array) : array;
    }

    /** Writes a 2-D float32 array {@code [ny][nx]}. */
    public static void write(Path file, RealImage image) throws IOException {
        writeFloat32(file, new int[] {image.ny(), image.nx()}, image.data());
    }

    /** Writes a 2-D complex64 array {@code [ny][nx]}. */
    public static void write(Path file, ComplexField field) throws IOException {
        writeComplex64(file, new int[] {field.ny(), field.nx()}, field.data());
    }

    public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
        writeRaw(file, "<f4", shape, data, 4);
    }

    /** {@code interleaved} holds re, im pairs. */
    public static void writeComplex64(Path file, int[] shape, float[] interleaved) throws IOException {
        writeRaw(file, "<c8", shape, interleaved, 8);
    }

    private static void writeRaw(Path file, String descr, int[] shape, float[] values, int itemSize) throws IOException {
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        if (count * itemSize != values.length * 4L) {
            throw new IllegalArgumentException("shape does not match data length");
        }
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(shape.length == 1 || i < shape.length - 1 ? "," : "");
            if (i < shape.length - 1) {
                dims.append(' ');
            }
        }
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }");
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header.append(" ".repeat(pad)).append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        AtomicFiles.write(file, out -> {
            out.write(MAGIC);
            out.write(1);
            out.write(0);
            out.write(headerBytes.length & 0xff);
            out.write((headerBytes.length >> 8) & 0xff);
            out.write(headerBytes);
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            DataOutputStream sink = new DataOutputStream(out);
            for (float v : values) {
                if (buffer.remaining() < 4) {
                    sink.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putFloat(v);
            }
            sink.write(buffer.array(), 0, buffer.position());
            sink.flush();
        });
    }

    private static double unsigned(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    private interface IndexAction {
        void apply(int i);
    }

    private static void fill(int n, IndexAction action) {
        for (int i = 0; i < n; i++) {
            action.apply(i);
        }
    }

    private static String group(Pattern pattern, String header, String name, String key) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new AtomfinderException(name + ": .npy header lacks '" + key + "'");
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String name) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] parts = trimmed.split(",");
        int count = 0;
        for (String part : parts) {
            if (!part.isBlank()) {
                count++;
            }
        }
        int[] shape = new int[count];
        int j = 0;
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            try {
                long v = Long.parseLong(part.trim().replace("L", ""));
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new AtomfinderException(name + ": invalid .npy shape (" + text + ")");
                }
                shape[j++] = (int) v;
            } catch (NumberFormatException e) {
                throw new AtomfinderException(name + ": invalid .npy shape (" + text + ")");
            }
        }
        return shape;
    }

    private static NpyArray toCOrder(NpyArray fortran) {
        int[] shape = fortran.shape();
        int n = (int) fortran.elementCount();
        int dims = shape.length;
        double[] re = new double[n];
        double[] im = fortran.imag() == null ? null : new double[n];
        int[] index = new int[dims];
        for (int f = 0; f < n; f++) {
            int c = 0;
            for (int d = 0; d < dims; d++) {
                c = c * shape[d] + index[d];
            }
            re[c] = fortran.real()[f];
            if (im != null) {
                im[c] = fortran.imag()[f];
            }
            for (int d = 0; d < dims; d++) {
                if (++index[d] < shape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new NpyArray(shape, fortran.dtype(), re, im);
    }
}
