package io.github.atomfinder.io;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FEI/Thermo TIA series files (.ser, versions 0x0210 and 0x0220): every 2-D element of the series becomes a
 * frame, calibrated by its CalibrationDelta (m). Microscope settings come from the sibling .emi file's XML.
 */
final class SerReader {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final Pattern LABEL_VALUE = Pattern.compile(
            "<Label>([^<]{1,200})</Label>\\s*<Value>([^<]{0,200})</Value>(?:\\s*<Unit>([^<]{0,40})</Unit>)?");
    private static final Pattern SIMPLE_TAG = Pattern.compile("<(AcceleratingVoltage|Magnification|DwellTimePath|"
            + "ExposureTime|Mode|Microscope|CameraNamePath|FrameTime)>([^<]{0,200})</\\1>");

    private SerReader() {
    }

    static boolean hasMagic(ByteSource src) {
        return src.startsWith(0, (byte) 0x49, (byte) 0x49, (byte) 0x97, (byte) 0x01);
    }

    /** TIA's .emi files hold XML metadata and a binary object; their image data is in NAME_1.ser beside them. */
    static boolean isEmi(ByteSource src) {
        return src.startsWith(0, (byte) 'J', (byte) 'K', (byte) 0, (byte) 2) || containsXml(src);
    }

    private static boolean containsXml(ByteSource src) {
        return new String(src.buffer().array(), StandardCharsets.ISO_8859_1).contains("<ObjectInfo>");
    }

    static List<LoadedImage> readEmi(ByteSource emi) {
        String name = emi.file().getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        Path ser = emi.file().resolveSibling(stem + "_1.ser");
        if (!Files.isRegularFile(ser)) {
            throw emi.error("TIA .emi file holds only metadata and its data file " + ser.getFileName() + " is missing");
        }
        ByteSource data = ByteSource.read(ser);
        if (!hasMagic(data)) {
            throw data.error("not a TIA .ser file (wrong magic)");
        }
        return read(data, emi);
    }

    static List<LoadedImage> read(ByteSource src) {
        return read(src, siblingEmi(src.file()));
    }

    private static ByteSource siblingEmi(Path ser) {
        String name = ser.getFileName().toString();
        Matcher m = Pattern.compile("(.*)_\\d+\\.ser", Pattern.CASE_INSENSITIVE).matcher(name);
        if (m.matches()) {
            Path emi = ser.resolveSibling(m.group(1) + ".emi");
            if (Files.isRegularFile(emi)) {
                return ByteSource.read(emi);
            }
        }
        return null;
    }

    private static List<LoadedImage> read(ByteSource src, ByteSource emi) {
        int version = src.u16(4, LE);
        int dataTypeId = src.i32(6, LE);
        long valid = src.u32(18, LE);
        boolean wide = version >= 0x0220;
        long offsetArray = wide ? src.i64(22, LE) : src.u32(22, LE);
        if (dataTypeId == 0x4120) {
            throw src.error("TIA file contains no image: its elements are 1-D spectra");
        }
        if (dataTypeId != 0x4122) {
            throw src.error("unknown TIA data type id 0x" + Integer.toHexString(dataTypeId));
        }
        int step = wide ? 8 : 4;
        if (valid <= 0 || valid > (src.length() - offsetArray) / step) {
            throw src.error("TIA header claims " + valid + " elements, more than the file holds");
        }
        Map<String, String> meta = emi == null ? new LinkedHashMap<>() : emiMetadata(emi);
        List<float[]> frames = new ArrayList<>();
        int nx = 0;
        int ny = 0;
        PixelType type = null;
        double dx = Double.NaN;
        double dy = Double.NaN;
        long totalPixels = 0;
        for (long e = 0; e < valid; e++) {
            long at = wide ? src.i64(offsetArray + e * step, LE) : src.u32(offsetArray + e * step, LE);
            src.requireRange(at, 50, "TIA element " + e + " header");
            int dataType = src.u16(at + 40, LE);
            int ex = src.i32(at + 42, LE);
            int ey = src.i32(at + 46, LE);
            PixelType t = type(dataType);
            if (t == null) {
                throw src.error("TIA element " + e + " has unsupported data type " + dataType
                        + (dataType >= 9 ? " (complex)" : ""));
            }
            if (e == 0) {
                nx = ex;
                ny = ey;
                type = t;
                dx = src.f64(at + 8, LE);
                dy = src.f64(at + 28, LE);
            } else if (ex != nx || ey != ny || t != type) {
                throw src.error("TIA element " + e + " differs in size or type from the first");
            }
            if (nx <= 0 || ny <= 0) {
                throw src.error("TIA element " + e + " has invalid size " + nx + " x " + ny);
            }
            totalPixels += (long) nx * ny;
            if (totalPixels > Integer.MAX_VALUE / 2) {
                throw src.error("TIA series of " + valid + " frames of " + nx + " x " + ny + " is too large");
            }
            frames.add(src.pixels(at + 50, (long) nx * ny, t, LE, "TIA element " + e));
        }
        float[] all = new float[(int) totalPixels];
        for (int f = 0; f < frames.size(); f++) {
            System.arraycopy(frames.get(f), 0, all, f * nx * ny, nx * ny);
        }
        return Frames.split(all, frames.size(), ny, nx, new Frames.PixelSize(dy, dx, "m"), "SER", type.dtype(), meta);
    }

    private static PixelType type(int dataType) {
        return switch (dataType) {
            case 1 -> PixelType.UINT8;
            case 2 -> PixelType.UINT16;
            case 3 -> PixelType.UINT32;
            case 4 -> PixelType.INT8;
            case 5 -> PixelType.INT16;
            case 6 -> PixelType.INT32;
            case 7 -> PixelType.FLOAT32;
            case 8 -> PixelType.FLOAT64;
            default -> null;
        };
    }

    /** Voltage, magnification, exposure and the like from the XML block of a .emi file. */
    static Map<String, String> emiMetadata(ByteSource emi) {
        String text = new String(emi.buffer().array(), StandardCharsets.ISO_8859_1);
        int start = text.indexOf("<ObjectInfo>");
        int end = text.indexOf("</ObjectInfo>");
        Map<String, String> meta = new LinkedHashMap<>();
        if (start < 0 || end < start) {
            return meta;
        }
        String xml = text.substring(start, end);
        Matcher m = LABEL_VALUE.matcher(xml);
        while (m.find()) {
            String label = m.group(1).trim();
            String lower = label.toLowerCase(Locale.ROOT);
            if (lower.contains("voltage") || lower.contains("magnification") || lower.contains("exposure")
                    || lower.contains("dwell") || lower.contains("camera length") || lower.contains("mode")) {
                String unit = m.group(3) == null ? "" : " " + m.group(3).trim();
                meta.putIfAbsent(label, m.group(2).trim() + unit);
            }
        }
        Matcher s = SIMPLE_TAG.matcher(xml);
        while (s.find()) {
            meta.putIfAbsent(s.group(1), s.group(2).trim());
        }
        return meta;
    }
}
