package io.github.atomfinder.io;

import io.github.atomfinder.grid.RealImage;
import java.util.Map;

/**
 * One image (frame) read from a file. When {@code calibrated} is false the file stored no usable pixel size
 * and the image's grid has a placeholder pixel size of 1 Å; callers must ask the user for one.
 *
 * @param image pixels as float, row-major [y][x], pixel size in Å when calibrated
 * @param calibrated whether the pixel size came from the file
 * @param format a short format name, e.g. "TIFF", "DM3", "NPY"
 * @param dtype the stored data type, e.g. "float32", "uint16"
 * @param metadata key metadata as text (voltage, magnification, exposure, original unit, ...)
 */
public record LoadedImage(RealImage image, boolean calibrated, String format, String dtype, Map<String, String> metadata) {

    public LoadedImage {
        metadata = Map.copyOf(metadata);
    }
}
