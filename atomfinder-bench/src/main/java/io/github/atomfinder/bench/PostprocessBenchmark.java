package io.github.atomfinder.bench;

import io.github.atomfinder.analysis.Scoring;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.postprocess.Overlay;
import io.github.atomfinder.postprocess.PeakFinder;
import io.github.atomfinder.postprocess.WatershedSegmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Post-processing of a 1024 × 1024 probability map at 0.1 Å/px with atoms on a jittered 1.5 Å square
 * lattice (≈ 4 600 atoms, 0.35 Å labels): single-class peak finding, the two-class watershed, scoring and the
 * overlay rendering.
 */
public final class PostprocessBenchmark {

    private PostprocessBenchmark() {
    }

    public static void main(String[] args) {
        int n = 1024;
        Grid grid = Grid.of(n, n, 0.1);
        Random random = new Random(7);
        List<double[]> positions = new ArrayList<>();
        for (double y = 5; y < n - 5; y += 15) {
            for (double x = 5; x < n - 5; x += 15) {
                positions.add(new double[] {x + random.nextDouble() - 0.5, y + random.nextDouble() - 0.5});
            }
        }
        float[] first = new float[grid.size()];
        float[] second = new float[grid.size()];
        double sigma = 3.5;
        for (int a = 0; a < positions.size(); a++) {
            double[] p = positions.get(a);
            float[] target = a % 3 == 0 ? second : first;
            for (int y = (int) p[1] - 12; y <= (int) p[1] + 12; y++) {
                for (int x = (int) p[0] - 12; x <= (int) p[0] + 12; x++) {
                    if (y >= 0 && y < n && x >= 0 && x < n) {
                        double r2 = (x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]);
                        target[y * n + x] += (float) Math.exp(-r2 / (2 * sigma * sigma));
                    }
                }
            }
        }
        float[] background = new float[grid.size()];
        float[] atoms = new float[grid.size()];
        for (int i = 0; i < background.length; i++) {
            atoms[i] = first[i] + second[i];
            background[i] = Math.max(0, 1 - atoms[i]);
        }
        RealImage atomMap = new RealImage(grid, atoms);
        List<RealImage> maps = List.of(new RealImage(grid, background), new RealImage(grid, first), new RealImage(grid, second));
        List<String> names = List.of("background", "A", "B");
        System.out.println(positions.size() + " atoms on a " + n + " x " + n + " map");

        Detections[] peaks = new Detections[1];
        Timing.time("single class: PeakFinder (t 0.5, 1 Å)", 3, 9,
                () -> peaks[0] = PeakFinder.find(atomMap, "C", new PeakFinder.Parameters(0.5, 1.0)));
        Detections[] segments = new Detections[1];
        Timing.time("two classes: WatershedSegmenter (ε 0.995, t 0.1)", 3, 9,
                () -> segments[0] = WatershedSegmenter.find(maps, names, WatershedSegmenter.Parameters.defaults()));
        List<Site> truth = positions.stream().map(p -> new Site(p[0] * 0.1, p[1] * 0.1, 1)).toList();
        Scoring.Score[] score = new Scoring.Score[1];
        Timing.time("scoring: match within 0.5 Å and count", 3, 9,
                () -> score[0] = Scoring.score(Site.of(peaks[0]), truth, 0.5));
        Timing.time("overlay: render 1024 x 1024 PNG image (no write)", 2, 5,
                () -> Overlay.render(atomMap, peaks[0], Overlay.Colouring.CLASS, 3));
        System.out.println("peaks: " + peaks[0].size() + ", segments: " + segments[0].size() + ", " + score[0]);
        double worst = 0;
        for (Scoring.Match m : score[0].matches()) {
            worst = Math.max(worst, m.distanceAngstrom() / 0.1);
        }
        System.out.printf("worst peak position error %.4f px%n", worst);
    }
}
