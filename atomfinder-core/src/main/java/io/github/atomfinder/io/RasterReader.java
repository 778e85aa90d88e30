package io.github.atomfinder.io;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG and JPEG through javax.imageio: grey images as stored (8 or 16 bit), colour images as luminance
 * (ITU-R BT.601 weights). These formats carry no specimen calibration, so the images are uncalibrated.
 */
final class RasterReader {

    private RasterReader() {
    }

    static boolean hasMagic(ByteSource src) {
        return src.startsWith(0, (byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G')
                || src.startsWith(0, (byte) 0xff, (byte) 0xd8, (byte) 0xff);
    }

    static List<LoadedImage> read(ByteSource src) {
        String format = src.startsWith(0, (byte) 0x89) ? "PNG" : "JPEG";
        byte[] bytes = src.buffer().array();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw src.error("no decoder for this " + format + " file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int nx = reader.getWidth(0);
                int ny = reader.getHeight(0);
                // Check the header's size before the decoder allocates the raster.
                src.requirePixels(0, (long) nx * ny, PixelType.UINT8, format + " image of " + nx + " x " + ny);
                if ((long) nx * ny * 4 > 64L * src.length() + (64L << 20)) {
                    throw src.error(format + " header claims " + nx + " x " + ny + " pixels, implausible for a file of "
                            + src.length() + " bytes");
                }
                Raster raster = reader.read(0).getRaster();
                int bands = raster.getNumBands();
                int bits = raster.getSampleModel().getSampleSize(0);
                float[] data = new float[nx * ny];
                float[] row = new float[nx * bands];
                for (int y = 0; y < ny; y++) {
                    raster.getPixels(0, y, nx, 1, row);
                    for (int x = 0; x < nx; x++) {
                        data[y * nx + x] = bands >= 3
                                ? 0.299f * row[x * bands] + 0.587f * row[x * bands + 1] + 0.114f * row[x * bands + 2]
                                : row[x * bands];
                    }
                }
                String dtype = (bits > 8 ? "uint16" : "uint8") + (bands >= 3 ? " (grey from colour)" : "");
                return Frames.split(data, 1, ny, nx, Frames.PixelSize.none(), format, dtype, Map.of());
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw src.error("cannot decode " + format + " (" + e.getMessage() + ")");
        }
    }
}
