package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.GrapheneSummary;
import io.github.atomfinder.analysis.GrapheneSummaryFiles;
import io.github.atomfinder.analysis.LatticeCalibration;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import io.github.atomfinder.io.SharedData;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.postprocess.PeakFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lattice calibration of every shared graphene image (pixel size, spread, rotation, time), then the graphene
 * summary of atoms found in graphene_defect_filtered without a network: the image is inverted (atoms are dark)
 * and scaled to [0, 1], and its maxima above 0.3 at least 1 Å apart are taken as atoms. This is a yardstick for
 * the summary on real data, not the project's atom finder.
 */
public final class GrapheneBenchmark {

    private GrapheneBenchmark() {
    }

    public static void main(String[] args) {
        List<String> files = List.of("graphene_defect_raw.tif", "graphene_defect_filtered.tif", "graphene_flower_raw.tif",
                "graphene_flower_filtered.tif", "graphene_filtered.dm3");
        System.out.println("| file | pixel size (Å/px) | x / y (Å/px) | rotation | {110} check (Å/px) | stored | time |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String name : files) {
            Path file = SharedData.file("data/graphene-hrtem/" + name).orElseThrow(() -> new IllegalStateException("no shared " + name));
            LoadedImage loaded = ImageFiles.read(file).get(0);
            LatticeCalibration.Result[] r = new LatticeCalibration.Result[1];
            Timing.Result t = Timing.time("calibrate " + name, 2, 5, () -> r[0] = LatticeCalibration.graphenePixelSize(loaded.image()));
            System.out.println(String.format(Locale.ROOT, "| %s | %.5f ± %.5f | %.5f / %.5f | %.2f° | %s | %s | %.0f ms |", name,
                    r[0].pixelSizeAngstrom(), r[0].uncertaintyAngstrom(), r[0].pixelSizeXAngstrom(), r[0].pixelSizeYAngstrom(),
                    Math.toDegrees(r[0].rotationRad()),
                    r[0].secondOrderPixelSizeAngstrom().map(p -> String.format(Locale.ROOT, "%.5f", p)).orElse("not visible"),
                    loaded.calibrated() ? String.format(Locale.ROOT, "%.5f", loaded.image().grid().dxAngstrom()) : "none",
                    t.medianMs()));
        }
        Path file = SharedData.file("data/graphene-hrtem/graphene_defect_filtered.tif").orElseThrow();
        RealImage image = ImageFiles.read(file).get(0).image();
        double p = LatticeCalibration.graphenePixelSize(image).pixelSizeAngstrom();
        for (double pixel : new double[] {p, 0.108}) {
            RealImage calibrated = image.withPixelSize(pixel, pixel);
            double min = image.min();
            double max = image.max();
            float[] inverted = new float[image.data().length];
            for (int i = 0; i < inverted.length; i++) {
                inverted[i] = (float) ((max - image.data()[i]) / (max - min));
            }
            Detections atoms = PeakFinder.find(new RealImage(calibrated.grid(), inverted), "C", new PeakFinder.Parameters(0.3, 1.0));
            GrapheneSummary summary = GrapheneSummary.of(atoms, GrapheneSummary.Options.defaults());
            System.out.printf(Locale.ROOT, "%n graphene_defect_filtered.tif at %.5f Å/px, atoms = inverted maxima > 0.3:%n%s", pixel,
                    GrapheneSummaryFiles.text(summary));
        }
    }
}
