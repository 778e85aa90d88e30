package io.github.atomfinder.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gatan DigitalMicrograph DM3 and DM4: walks the tag tree (headers big-endian, values in the file's byte order),
 * keeps array tags as references into the file, and reads each image under {@code ImageList} with its
 * {@code Calibrations/Dimension} scales and units, per axis (x and y may differ in size and unit).
 */
final class DmReader {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_INFO = 1024;
    private static final int STRUCT = 15;
    private static final int STRING = 18;
    private static final int ARRAY = 20;

    /** ImageTags leaves worth showing the user, by their last path elements. */
    private static final List<String> KEY_TAGS = List.of(
            "Microscope Info/Voltage", "Microscope Info/Indicated Magnification", "Microscope Info/Actual Magnification",
            "Microscope Info/Name", "Microscope Info/Operation Mode", "Microscope Info/Illumination Mode",
            "Microscope Info/STEM Camera Length", "Microscope Info/Cs(mm)", "Microscope Info/Microscope",
            "Acquisition/Parameters/High Level/Exposure (s)", "DataBar/Exposure Time (s)", "DataBar/Acquisition Date",
            "DataBar/Acquisition Time", "Acquisition/Device/Name", "Meta Data/Signal", "Meta Data/Format");

    private record ArrayRef(long offset, int elementType, long count) {
    }

    private final ByteSource src;
    private final boolean dm4;
    private final ByteOrder order;
    private final Map<String, Object> tags = new LinkedHashMap<>();

    private DmReader(ByteSource src, boolean dm4, ByteOrder order) {
        this.src = src;
        this.dm4 = dm4;
        this.order = order;
    }

    /** DM3/DM4 begin with the big-endian version 3 or 4 and a byte-order flag of 0 or 1. */
    static boolean hasMagic(ByteSource src) {
        if (src.length() < 16) {
            return false;
        }
        int version = src.i32(0, ByteOrder.BIG_ENDIAN);
        int flagAt = version == 3 ? 8 : 12;
        return (version == 3 || version == 4) && (src.i32(flagAt, ByteOrder.BIG_ENDIAN) & ~1) == 0;
    }

    static List<LoadedImage> read(ByteSource src) {
        boolean dm4 = src.i32(0, ByteOrder.BIG_ENDIAN) == 4;
        int flag = src.i32(dm4 ? 12 : 8, ByteOrder.BIG_ENDIAN);
        DmReader reader = new DmReader(src, dm4, flag == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        reader.readGroup(dm4 ? 16 : 12, "", 0);
        return reader.images();
    }

    private String format() {
        return dm4 ? "DM4" : "DM3";
    }

    private long headerInt(long at) {
        return dm4 ? src.i64(at, ByteOrder.BIG_ENDIAN) : src.u32(at, ByteOrder.BIG_ENDIAN);
    }

    private int headerIntSize() {
        return dm4 ? 8 : 4;
    }

    /** Reads a tag group at {@code at} and returns the offset just past it. */
    private long readGroup(long at, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw src.error(format() + " tag tree nests deeper than " + MAX_DEPTH + " levels (corrupt)");
        }
        long count = headerInt(at + 2);
        long pos = at + 2 + headerIntSize();
        if (count < 0 || count > src.length() - pos) {
            throw src.error(format() + " tag group '" + path + "' claims " + count + " tags, more than the file holds");
        }
        for (long i = 0; i < count; i++) {
            int kind = src.u8(pos);
            int nameLength = src.u16(pos + 1, ByteOrder.BIG_ENDIAN);
            String name = nameLength == 0 ? "[" + i + "]"
                    : new String(src.bytes(pos + 3, nameLength), StandardCharsets.ISO_8859_1);
            pos += 3 + nameLength;
            if (dm4) {
                pos += 8;
            }
            String child = path.isEmpty() ? name : path + "/" + name;
            if (kind == 20) {
                pos = readGroup(pos, child, depth + 1);
            } else if (kind == 21) {
                pos = readData(pos, child);
            } else {
                throw src.error(format() + " tag '" + child + "' has unknown kind " + kind + " at byte " + (pos - 3 - nameLength));
            }
        }
        return pos;
    }

    private long readData(long at, String path) {
        if (!src.startsWith(at, (byte) '%', (byte) '%', (byte) '%', (byte) '%')) {
            throw src.error(format() + " tag '" + path + "' lacks its %%%% marker at byte " + at + " (corrupt)");
        }
        int step = headerIntSize();
        long infoCount = headerInt(at + 4);
        if (infoCount < 1 || infoCount > MAX_INFO) {
            throw src.error(format() + " tag '" + path + "' has " + infoCount + " type descriptors (corrupt)");
        }
        long[] info = new long[(int) infoCount];
        for (int k = 0; k < info.length; k++) {
            info[k] = headerInt(at + 4 + step * (k + 1L));
        }
        long pos = at + 4 + step * (infoCount + 1);
        int type = (int) info[0];
        if (type == ARRAY) {
            if (info.length < 3) {
                throw src.error(format() + " array tag '" + path + "' has a short type descriptor");
            }
            long count = info[info.length - 1];
            long elementSize;
            int elementType = (int) info[1];
            if (elementType == STRUCT) {
                elementSize = structSize(info, 2, path);
            } else {
                elementSize = simpleSize(elementType, path);
            }
            if (count < 0 || elementSize * count < 0 || count > (src.length() - pos) / Math.max(1, elementSize)) {
                throw src.error(format() + " array tag '" + path + "' claims " + count + " elements, more than the file holds");
            }
            if (elementType != STRUCT) {
                tags.put(path, new ArrayRef(pos, elementType, count));
            }
            return pos + elementSize * count;
        }
        if (type == STRUCT) {
            long size = structSize(info, 1, path);
            src.requireRange(pos, size, format() + " tag '" + path + "'");
            return pos + size;
        }
        if (type == STRING) {
            long chars = info.length > 1 ? info[1] : 0;
            src.requireRange(pos, 2 * chars, format() + " string tag '" + path + "'");
            return pos + 2 * chars;
        }
        int size = simpleSize(type, path);
        tags.put(path, simpleValue(pos, type));
        return pos + size;
    }

    /** Size of a struct described at {@code info[start]} = name length, then field count, then (name, type) pairs. */
    private long structSize(long[] info, int start, String path) {
        if (info.length < start + 2) {
            throw src.error(format() + " struct tag '" + path + "' has a short type descriptor");
        }
        long fields = info[start + 1];
        if (fields < 0 || start + 2 + 2 * fields > info.length) {
            throw src.error(format() + " struct tag '" + path + "' claims " + fields + " fields (corrupt)");
        }
        long size = 0;
        for (int f = 0; f < fields; f++) {
            size += simpleSize((int) info[start + 3 + 2 * f], path);
        }
        return size;
    }

    private int simpleSize(int type, String path) {
        return switch (type) {
            case 2, 4 -> 2;
            case 3, 5, 6 -> 4;
            case 7, 11, 12 -> 8;
            case 8, 9, 10 -> 1;
            default -> throw src.error(format() + " tag '" + path + "' has unknown data type " + type + " (corrupt)");
        };
    }

    private Object simpleValue(long at, int type) {
        return switch (type) {
            case 2 -> (double) (short) src.u16(at, order);
            case 3 -> (double) src.i32(at, order);
            case 4 -> (double) src.u16(at, order);
            case 5 -> (double) src.u32(at, order);
            case 6 -> (double) src.f32(at, order);
            case 7 -> src.f64(at, order);
            case 8, 10 -> (double) src.u8(at);
            case 9 -> (double) (byte) src.u8(at);
            default -> (double) src.i64(at, order);
        };
    }

    private PixelType arrayType(int elementType) {
        return switch (elementType) {
            case 2 -> PixelType.INT16;
            case 3 -> PixelType.INT32;
            case 4 -> PixelType.UINT16;
            case 5 -> PixelType.UINT32;
            case 6 -> PixelType.FLOAT32;
            case 7 -> PixelType.FLOAT64;
            case 8, 10 -> PixelType.UINT8;
            case 9 -> PixelType.INT8;
            case 11 -> PixelType.INT64;
            default -> PixelType.UINT64;
        };
    }

    private double number(String path, double fallback) {
        return tags.get(path) instanceof Double d ? d : fallback;
    }

    /** A tag as text: numbers plainly, short uint16 arrays as UTF-16 strings (how DM stores names and units). */
    private String text(String path) {
        Object v = tags.get(path);
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (v instanceof ArrayRef a && (a.elementType() == 4 || a.elementType() == 10 || a.elementType() == 9) && a.count() <= 4096) {
            int width = a.elementType() == 4 ? 2 : 1;
            StringBuilder s = new StringBuilder();
            for (long k = 0; k < a.count(); k++) {
                int c = width == 2 ? src.u16(a.offset() + 2 * k, order) : src.u8(a.offset() + k);
                if (c != 0) {
                    s.append((char) c);
                }
            }
            return s.toString();
        }
        return "";
    }

    private List<LoadedImage> images() {
        List<String> entries = new ArrayList<>();
        for (String key : tags.keySet()) {
            if (key.startsWith("ImageList/") && key.endsWith("/ImageData/Data")) {
                entries.add(key.substring(0, key.length() - "/ImageData/Data".length()));
            }
        }
        if (entries.isEmpty()) {
            throw src.error(format() + " file contains no image data");
        }
        // DigitalMicrograph saves an RGB thumbnail (DataType 23) beside the image; drop it when a real image exists.
        List<String> measured = entries.stream().filter(e -> !isRgb(e)).toList();
        if (!measured.isEmpty()) {
            entries = measured;
        }
        List<LoadedImage> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String entry : entries) {
            String problem = unusable(entry);
            if (problem != null) {
                skipped.add(problem);
            } else {
                out.addAll(readImage(entry));
            }
        }
        if (out.isEmpty()) {
            throw src.error(format() + " file contains no image: " + String.join("; ", skipped));
        }
        return out;
    }

    private boolean isRgb(String entry) {
        int dataType = (int) number(entry + "/ImageData/DataType", -1);
        return dataType == 8 || dataType == 23;
    }

    /** Why the entry is not a 2-D image or a stack of them, or null when it is one. */
    private String unusable(String entry) {
        String dims = entry + "/ImageData/Dimensions/";
        int rank = 0;
        while (tags.containsKey(dims + "[" + rank + "]")) {
            rank++;
        }
        int dataType = (int) number(entry + "/ImageData/DataType", -1);
        if (rank < 2) {
            return "'" + entry + "' is " + (rank == 1 ? "a 1-D spectrum of " + text(dims + "[0]") + " channels" : "empty");
        }
        if (rank > 3) {
            return "'" + entry + "' has " + rank + " dimensions (4-D data such as 4D-STEM is not an image)";
        }
        if (dataType == 3 || dataType == 13 || dataType == 5) {
            return "'" + entry + "' is complex-valued (an FFT), not an image";
        }
        if (isRgb(entry)) {
            return "'" + entry + "' is an RGB image; save it as greyscale";
        }
        for (int d = 0; d < rank; d++) {
            String unit = text(entry + "/ImageData/Calibrations/Dimension/[" + d + "]/Units");
            if (unit.toLowerCase(Locale.ROOT).endsWith("ev")) {
                return "'" + entry + "' is spectral data (axis " + d + " in " + unit + "), not an image";
            }
        }
        return null;
    }

    private List<LoadedImage> readImage(String entry) {
        String data = entry + "/ImageData/";
        long nx = (long) number(data + "Dimensions/[0]", 0);
        long ny = (long) number(data + "Dimensions/[1]", 0);
        long nz = tags.containsKey(data + "Dimensions/[2]") ? (long) number(data + "Dimensions/[2]", 0) : 1;
        ArrayRef array = (ArrayRef) tags.get(data + "Data");
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw src.error(format() + " image '" + entry + "' has invalid dimensions " + nx + " x " + ny + " x " + nz);
        }
        if ((double) nx * ny > Integer.MAX_VALUE / 2 || (double) nx * ny * nz != array.count()) {
            throw src.error(format() + " image '" + entry + "' claims " + nx + " x " + ny + " x " + nz
                    + " pixels but stores " + array.count() + " values (corrupt)");
        }
        PixelType type = arrayType(array.elementType());
        float[] pixels = src.pixels(array.offset(), array.count(), type, order, format() + " image '" + entry + "'");
        String cal = data + "Calibrations/Dimension/";
        String unitX = text(cal + "[0]/Units");
        String unitY = text(cal + "[1]/Units");
        Map<String, String> meta = new LinkedHashMap<>();
        Frames.PixelSize size = new Frames.PixelSize(number(cal + "[1]/Scale", Double.NaN), unitY,
                number(cal + "[0]/Scale", Double.NaN), unitX);
        String name = text(entry + "/Name");
        if (!name.isEmpty()) {
            meta.put("name", name);
        }
        String prefix = entry + "/ImageTags/";
        for (String key : tags.keySet()) {
            if (key.startsWith(prefix)) {
                String tail = key.substring(prefix.length());
                for (String wanted : KEY_TAGS) {
                    if (tail.endsWith(wanted)) {
                        meta.putIfAbsent(wanted.substring(wanted.lastIndexOf('/') + 1), text(key));
                    }
                }
            }
        }
        return Frames.split(pixels, (int) nz, (int) ny, (int) nx, size, format(), type.dtype(), meta);
    }
}
