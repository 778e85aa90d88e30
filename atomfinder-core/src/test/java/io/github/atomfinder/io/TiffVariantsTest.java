package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TIFF pixel types and compressions written by an independent encoder (the JDK's javax.imageio TIFF plugin):
 * the values set in the raster must come back unchanged.
 */
class TiffVariantsTest {

    @TempDir
    Path dir;

    private static BufferedImage image(int dataType, int nx, int ny) {
        ColorSpace grey = ColorSpace.getInstance(ColorSpace.CS_GRAY);
        var model = new ComponentColorModel(grey, false, false, Transparency.OPAQUE, dataType);
        WritableRaster raster = model.createCompatibleWritableRaster(nx, ny);
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double v = dataType == DataBuffer.TYPE_FLOAT ? (x - 3.25) * 0.5 + y : (x * 7 + y * 13) % 250;
                raster.setSample(x, y, 0, v);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** Writes {@code image} with the JDK's TIFF encoder; {@code compression} is "none" or a JDK compression name. */
    static void writeWithImageIo(Path file, BufferedImage image, String compression) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!compression.equals("none")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionType(compression);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    static BufferedImage testImage(int dataType, int nx, int ny) {
        return image(dataType, nx, ny);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "uint8, none", "uint8, PackBits", "uint16, none", "uint16, LZW", "uint16, Deflate", "float32, none", "float32, Deflate"})
    void pixelTypesAndCompressionsReadBackExactly(String dtype, String compression) throws IOException {
        int dataType = switch (dtype) {
            case "uint8" -> DataBuffer.TYPE_BYTE;
            case "uint16" -> DataBuffer.TYPE_USHORT;
            default -> DataBuffer.TYPE_FLOAT;
        };
        int nx = 37;
        int ny = 23;
        BufferedImage written = image(dataType, nx, ny);
        Path file = dir.resolve(dtype + "-" + compression + ".tif");
        writeWithImageIo(file, written, compression);
        LoadedImage back = ImageFiles.read(file).get(0);
        assertEquals(dtype, back.dtype());
        assertEquals(ny, back.image().ny());
        assertEquals(nx, back.image().nx());
        assertFalse(back.calibrated());
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                assertEquals(written.getRaster().getSampleFloat(x, y, 0), back.image().get(y, x), 0f, "pixel " + y + "," + x);
            }
        }
    }
}
