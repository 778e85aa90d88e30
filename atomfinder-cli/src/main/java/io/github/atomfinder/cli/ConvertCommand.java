package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code atomfinder convert FILE --out X.tif|X.npy}: a microscope file as float TIFF or .npy. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert an image file to a calibrated 32-bit float TIFF (opens calibrated in ImageJ/Fiji) "
                + "or a float32 .npy.%nA stack is written whole (TIFF pages, or frames x ny x nx in .npy) unless "
                + "--frame picks one frame. The output is written atomically.")
public final class ConvertCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the input image file (any format 'info' reads)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "X.tif|X.npy", description = "output file; the extension picks the format")
    Path out;

    @Option(names = "--frame", paramLabel = "N", description = "write only this frame of a stack, counting from 0 (default: all frames)")
    Integer frame;

    @Option(names = "--pixel-size", paramLabel = "Å", description = "pixel size in Å, replacing the file's calibration")
    Double pixelSizeAngstrom;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<LoadedImage> images = ImageFiles.read(file);
        if (frame != null && (frame < 0 || frame >= images.size())) {
            throw new AtomfinderException("--frame " + frame + ": " + file + " has " + images.size()
                    + " frame(s), numbered 0.." + (images.size() - 1));
        }
        List<LoadedImage> chosen = frame == null ? images : List.of(images.get(frame));
        boolean calibrated = chosen.get(0).calibrated();
        if (pixelSizeAngstrom != null && (!(pixelSizeAngstrom > 0) || pixelSizeAngstrom.isInfinite())) {
            throw new AtomfinderException("--pixel-size must be a positive number of Å, got " + pixelSizeAngstrom);
        }
        List<RealImage> frames = new ArrayList<>();
        for (LoadedImage image : chosen) {
            frames.add(pixelSizeAngstrom == null ? image.image() : image.image().withPixelSize(pixelSizeAngstrom, pixelSizeAngstrom));
        }
        calibrated |= pixelSizeAngstrom != null;
        ImageFiles.writeStack(out, frames, calibrated);
        RealImage first = frames.get(0);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + out + " (" + (frames.size() > 1 ? frames.size() + " frames of " : "") + first.ny() + " x " + first.nx()
                + (calibrated ? String.format(Locale.ROOT, ", %.6g Å per pixel", first.grid().dxAngstrom()) : ", uncalibrated")
                + (frame != null ? ", frame " + frame + " of " + images.size() : "") + ")");
        stdout.flush();
        return 0;
    }
}
