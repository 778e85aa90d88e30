package io.github.atomfinder.cli;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code atomfinder info FILE}: what an image file holds, as this program reads it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print an image file's format, shape, data type, pixel size (in Å) and key metadata.%n"
                + "Reads TIFF, DM3, DM4, SER/EMI, EMD (Velox, Berkeley), MRC, NPY, PNG and JPEG; the format is "
                + "detected from the content.")
public final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the image file")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<LoadedImage> images = ImageFiles.read(file);
        PrintWriter out = spec.commandLine().getOut();
        LoadedImage first = images.get(0);
        Grid grid = first.image().grid();
        out.println("file:       " + file);
        out.println("format:     " + first.format());
        out.println("shape:      " + (images.size() > 1 ? images.size() + " frames x " : "") + grid.ny() + " x " + grid.nx()
                + " (y x)");
        out.println("dtype:      " + first.dtype());
        if (first.calibrated()) {
            out.println("pixel size: " + (grid.hasSquarePixels() ? fmt(grid.dxAngstrom()) + " Å"
                    : fmt(grid.dyAngstrom()) + " Å (y) x " + fmt(grid.dxAngstrom()) + " Å (x)"));
        } else {
            out.println("pixel size: not calibrated (give it with --pixel-size where a command needs it)");
        }
        out.println(String.format(Locale.ROOT, "values:     min %.6g, max %.6g, mean %.6g (first frame)",
                first.image().min(), first.image().max(), first.image().mean()));
        if (!first.metadata().isEmpty()) {
            out.println("metadata:");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(first.metadata()).entrySet()) {
                out.println("  " + e.getKey() + ": " + e.getValue());
            }
        }
        out.flush();
        return 0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
