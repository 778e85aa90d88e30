package io.github.atomfinder.cli;

import io.github.atomfinder.analysis.LatticeCalibration;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code atomfinder calibrate IMAGE --lattice graphene}: the pixel size measured from a crystal lattice. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Measure an image's pixel size (Å per pixel) from the lattice it shows.%n"
                + "graphene: the six first-order {100} spots (d = 2.1304 Å, a = 2.46 Å) in the Hann-windowed power "
                + "spectrum, refined to sub-pixel; prints the pixel size with its standard error, x and y sizes when "
                + "they differ, the lattice rotation and the second-order {110} check. With --out the image is "
                + "written (atomically) with the measured calibration.")
public final class CalibrateCommand implements Callable<Integer> {

    /** Lattices the command knows, named as users type them. */
    enum Lattice {
        graphene
    }

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image file (any format 'info' reads)")
    Path file;

    @Option(names = "--lattice", required = true, paramLabel = "NAME", description = "the crystal in the image: ${COMPLETION-CANDIDATES}")
    Lattice lattice;

    @Option(names = "--frame", paramLabel = "N", defaultValue = "0", description = "frame of a stack to measure, from 0 (default: ${DEFAULT-VALUE})")
    int frame;

    @Option(names = "--out", paramLabel = "X.tif|X.npy", description = "write the frame with the measured pixel size")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<LoadedImage> images = ImageFiles.read(file);
        if (frame < 0 || frame >= images.size()) {
            throw new AtomfinderException("--frame " + frame + ": " + file + " has " + images.size()
                    + " frame(s), numbered 0.." + (images.size() - 1));
        }
        LoadedImage loaded = images.get(frame);
        LatticeCalibration.Result r;
        try {
            r = LatticeCalibration.graphenePixelSize(loaded.image());
        } catch (AtomfinderException e) {
            throw new AtomfinderException(file + ": " + e.getMessage(), e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("file:         " + file + (images.size() > 1 ? " (frame " + frame + " of " + images.size() + ")" : ""));
        stdout.println("lattice:      graphene, {100} spacing 2.1304 Å (a = 2.46 Å)");
        stdout.println(String.format(Locale.ROOT, "pixel size:   %.5f ± %.5f Å/px", r.pixelSizeAngstrom(), r.uncertaintyAngstrom()));
        if (!r.squarePixels()) {
            stdout.println(String.format(Locale.ROOT, "              x %.5f Å/px, y %.5f Å/px (x and y differ: non-square pixels, "
                    + "scan distortion or strain)", r.pixelSizeXAngstrom(), r.pixelSizeYAngstrom()));
        }
        if (r.uncertaintyAngstrom() > 0.01 * r.pixelSizeAngstrom()) {
            stdout.println(String.format(Locale.ROOT, "warning:      the six spots disagree by %.1f %% (several grains, strong "
                    + "distortion or a filtered image?); check the result", 100 * r.uncertaintyAngstrom() / r.pixelSizeAngstrom()));
        }
        stdout.println(String.format(Locale.ROOT, "rotation:     %.2f° (a {100} spot from +x towards +y, modulo 60°)",
                Math.toDegrees(r.rotationRad())));
        stdout.println("second order: " + r.secondOrderPixelSizeAngstrom()
                .map(p -> String.format(Locale.ROOT, "%.5f Å/px from the {110} spots (1.23 Å)", p)).orElse("{110} spots not visible"));
        if (loaded.calibrated()) {
            Grid stored = loaded.image().grid();
            stdout.println(String.format(Locale.ROOT, "stored:       %.5f Å/px in the file (measured differs by %+.2f %%)",
                    stored.dxAngstrom(), 100 * (r.pixelSizeAngstrom() / stored.dxAngstrom() - 1)));
        } else {
            stdout.println("stored:       no calibration in the file");
        }
        if (out != null) {
            RealImage calibrated = r.squarePixels()
                    ? loaded.image().withPixelSize(r.pixelSizeAngstrom(), r.pixelSizeAngstrom())
                    : loaded.image().withPixelSize(r.pixelSizeYAngstrom(), r.pixelSizeXAngstrom());
            ImageFiles.write(out, calibrated, true);
            stdout.println("wrote " + out);
        }
        stdout.flush();
        return 0;
    }
}
