package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code atomfinder convert FILE --out X.tif|X.npy}: one frame of a microscope file as float TIFF or .npy. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert one frame of an image file to a calibrated 32-bit float TIFF (opens calibrated in "
                + "ImageJ/Fiji) or a float32 .npy.%nThe output is written atomically.")
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the input image file (any format 'info' reads)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "X.tif|X.npy", description = "output file; the extension picks the format")
    Path out;

    @Option(names = "--frame", defaultValue = "0", paramLabel = "N", description = "frame of a stack to write, from 0 (default: ${DEFAULT-VALUE})")
    int frame;

    @Option(names = "--pixel-size", paramLabel = "Å", description = "pixel size in Å, replacing the file's calibration")
    Double pixelSizeAngstrom;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<LoadedImage> images = ImageFiles.read(file);
        if (frame < 0 || frame >= images.size()) {
            throw new AtomfinderException("--frame " + frame + ": " + file + " has " + images.size()
                    + " frame(s), numbered 0.." + (images.size() - 1));
        }
        LoadedImage chosen = images.get(frame);
        RealImage image = chosen.image();
        boolean calibrated = chosen.calibrated();
        if (pixelSizeAngstrom != null) {
            if (!(pixelSizeAngstrom > 0) || pixelSizeAngstrom.isInfinite()) {
                throw new AtomfinderException("--pixel-size must be a positive number of Å, got " + pixelSizeAngstrom);
            }
            image = image.withPixelSize(pixelSizeAngstrom, pixelSizeAngstrom);
            calibrated = true;
        }
        ImageFiles.write(out, image, calibrated);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out + " (" + image.ny() + " x " + image.nx()
                + (calibrated ? String.format(java.util.Locale.ROOT, ", %.6g Å per pixel", image.grid().dxAngstrom()) : ", uncalibrated")
                + (images.size() > 1 ? ", frame " + frame + " of " + images.size() : "") + ")");
        stdout.flush();
        return 0;
    }
}
