package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DM3 and DM4 image data of every numeric type. The shared files cover only int16, uint16, int32, uint32 and
 * float32, so these files are built here from the tag-file layout (big-endian tag headers, little-endian
 * values; DM4 widens counts to 64 bits and adds a tag length), with pixel values known by construction.
 */
class DmNumericTypesTest {

    @TempDir
    Path dir;

    /** Minimal tag tree: ImageList/[0]/ImageData/{Data, Dimensions, Calibrations/Dimension/[d]/{Scale, Units}}. */
    private static final class DmBuilder {
        private final boolean dm4;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        DmBuilder(boolean dm4) {
            this.dm4 = dm4;
        }

        void count(long n) throws IOException {
            if (dm4) {
                out.writeLong(n);
            } else {
                out.writeInt((int) n);
            }
        }

        void name(int kind, String name) throws IOException {
            out.writeByte(kind);
            out.writeShort(name.length());
            out.writeBytes(name);
            if (dm4) {
                out.writeLong(0);
            }
        }

        void group(String name, int tags) throws IOException {
            name(20, name);
            out.writeByte(0);
            out.writeByte(0);
            count(tags);
        }

        void longTag(String name, int value) throws IOException {
            name(21, name);
            out.writeBytes("%%%%");
            count(1);
            count(3);
            out.writeInt(Integer.reverseBytes(value));
        }

        void floatTag(String name, float value) throws IOException {
            name(21, name);
            out.writeBytes("%%%%");
            count(1);
            count(6);
            out.writeInt(Integer.reverseBytes(Float.floatToIntBits(value)));
        }

        void arrayTag(String name, int elementType, long count, byte[] littleEndian) throws IOException {
            name(21, name);
            out.writeBytes("%%%%");
            count(3);
            count(20);
            count(elementType);
            count(count);
            out.write(littleEndian);
        }

        void unitsTag(String unit) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(2 * unit.length()).order(ByteOrder.LITTLE_ENDIAN);
            for (char c : unit.toCharArray()) {
                b.putShort((short) c);
            }
            arrayTag("Units", 4, unit.length(), b.array());
        }

        byte[] build(int elementType, int nx, int ny, byte[] data, float scale, String unit) throws IOException {
            out.writeInt(dm4 ? 4 : 3);
            if (dm4) {
                out.writeLong(0);
            } else {
                out.writeInt(0);
            }
            out.writeInt(1);
            out.writeByte(1);
            out.writeByte(0);
            count(1);
            group("ImageList", 1);
            group("", 1);
            group("ImageData", 3);
            arrayTag("Data", elementType, (long) nx * ny, data);
            group("Dimensions", 2);
            longTag("", nx);
            longTag("", ny);
            group("Calibrations", 1);
            group("Dimension", 2);
            for (int d = 0; d < 2; d++) {
                group("", 2);
                floatTag("Scale", scale);
                unitsTag(unit);
            }
            out.flush();
            return bytes.toByteArray();
        }
    }

    @ParameterizedTest(name = "{0} DM4={1}")
    @CsvSource({
        "int8, false", "uint8, false", "int16, false", "uint16, false", "int32, false", "uint32, false", "int64, false",
        "uint64, false", "float32, false", "float64, false", "int8, true", "uint16, true", "float64, true", "int64, true"})
    void everyNumericTypeReadsBackWithItsCalibration(String dtype, boolean dm4) throws IOException {
        // DM array element types: 2 int16, 3 int32, 4 uint16, 5 uint32, 6 float32, 7 float64, 9 int8, 10 uint8, 11 int64, 12 uint64.
        record Type(int code, int bytes) {
        }
        Type type = switch (dtype) {
            case "int8" -> new Type(9, 1);
            case "uint8" -> new Type(10, 1);
            case "int16" -> new Type(2, 2);
            case "uint16" -> new Type(4, 2);
            case "int32" -> new Type(3, 4);
            case "uint32" -> new Type(5, 4);
            case "int64" -> new Type(11, 8);
            case "uint64" -> new Type(12, 8);
            case "float32" -> new Type(6, 4);
            default -> new Type(7, 8);
        };
        int nx = 5;
        int ny = 3;
        boolean signed = dtype.startsWith("int") || dtype.startsWith("float");
        ByteBuffer data = ByteBuffer.allocate(nx * ny * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        float[] expected = new float[nx * ny];
        for (int i = 0; i < expected.length; i++) {
            // Negative values for signed types; 120..246 for unsigned ones, which sets the top bit of a uint8.
            long v = signed ? (i - 7) * 9L : 120L + i * 9L;
            expected[i] = v;
            switch (type.code()) {
                case 9, 10 -> data.put((byte) v);
                case 2, 4 -> data.putShort((short) v);
                case 3, 5 -> data.putInt((int) v);
                case 11, 12 -> data.putLong(v);
                case 6 -> data.putFloat(v);
                default -> data.putDouble(v);
            }
        }
        Path file = dir.resolve("image." + (dm4 ? "dm4" : "dm3"));
        Files.write(file, new DmBuilder(dm4).build(type.code(), nx, ny, data.array(), 0.25f, "nm"));
        List<LoadedImage> images = ImageFiles.read(file);
        LoadedImage image = images.get(0);
        assertEquals(dm4 ? "DM4" : "DM3", image.format());
        assertEquals(dtype, image.dtype());
        assertEquals(ny, image.image().ny());
        assertEquals(nx, image.image().nx());
        assertEquals(2.5, image.image().grid().dxAngstrom(), 1e-12);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], image.image().data()[i], "pixel " + i);
        }
    }
}
