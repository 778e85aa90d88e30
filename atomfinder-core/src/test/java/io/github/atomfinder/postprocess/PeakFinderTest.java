package io.github.atomfinder.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeakFinderTest {

    private static final Grid GRID = Grid.of(200, 240, 0.1);

    @Test
    void cleanGaussiansAtRandomSubPixelPositionsAreFoundOnceWithin005Px() {
        // Widths from the published code's labels (0.3-0.4 Å at ~0.1 Å/px) up to the paper's 1 Å (method.md §6).
        for (double sigmaPx : new double[] {1.5, 3.5, 8.0}) {
            double spacing = 8 * sigmaPx;
            List<double[]> truth = SyntheticMaps.randomPositions(GRID, 40, spacing, 3 * sigmaPx, 11);
            RealImage map = SyntheticMaps.gaussians(GRID, truth, sigmaPx, 1.0);
            Detections found = PeakFinder.find(map, "C", new PeakFinder.Parameters(0.5, 0.5 * spacing * 0.1));
            assertEquals(truth.size(), found.size(), "sigma " + sigmaPx + " px");
            int[] near = SyntheticMaps.detectionsNear(found, truth, 0.5);
            assertTrue(Arrays.stream(near).allMatch(n -> n == 1), "every peak found exactly once, sigma " + sigmaPx);
            double worst = truth.stream().mapToDouble(t -> SyntheticMaps.nearestDistancePx(found, t)).max().orElseThrow();
            assertTrue(worst < 0.05, "worst position error " + worst + " px at sigma " + sigmaPx + " px");
        }
    }

    @Test
    void positionsInAngstromArePixelPositionsTimesPixelSize() {
        Grid grid = new Grid(50, 60, 0.12, 0.1);
        RealImage map = SyntheticMaps.gaussians(grid, List.of(new double[] {21.3, 30.6}), 2.0, 1.0);
        Detection d = PeakFinder.find(map, "C", PeakFinder.Parameters.defaults()).get(0);
        assertEquals(d.xPx() * 0.1, d.xAngstrom(), 1e-12);
        assertEquals(d.yPx() * 0.12, d.yAngstrom(), 1e-12);
        assertEquals(21.3, d.xPx(), 0.01);
        assertEquals(30.6, d.yPx(), 0.01);
        assertEquals(d.confidence(), d.probability(1), 1e-12);
        assertEquals(1, d.probability(0) + d.probability(1), 1e-12);
    }

    @Test
    void closePairFartherThanMinimumDistanceGivesTwoAtomsAndCloserPairGivesOne() {
        // C-C bond 1.42 Å (method.md §10) with 0.3 Å labels at 0.1 Å/px.
        List<double[]> pair = List.of(new double[] {100.2, 100.4}, new double[] {114.4, 100.4});
        RealImage map = SyntheticMaps.gaussians(GRID, pair, 3.0, 1.0);
        Detections two = PeakFinder.find(map, "C", new PeakFinder.Parameters(0.5, 1.0));
        assertEquals(2, two.size());
        for (double[] t : pair) {
            assertTrue(SyntheticMaps.nearestDistancePx(two, t) < 0.05);
        }
        Detections one = PeakFinder.find(map, "C", new PeakFinder.Parameters(0.5, 2.0));
        assertEquals(1, one.size(), "atoms 1.42 Å apart with a 2 Å minimum distance");
    }

    @Test
    void atomsOnTheBorderAndInTheCornerAreFound() {
        List<double[]> truth = List.of(new double[] {0, 50}, new double[] {239, 120.3}, new double[] {0, 0},
                new double[] {80.4, 199}, new double[] {150.2, 0.6});
        RealImage map = SyntheticMaps.gaussians(GRID, truth, 3.0, 1.0);
        Detections found = PeakFinder.find(map, "C", PeakFinder.Parameters.defaults());
        assertEquals(truth.size(), found.size());
        int[] near = SyntheticMaps.detectionsNear(found, truth, 0.5);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, near);
        // The along-border coordinate is still refined: (80.4, 199) is found at x within 0.05 px.
        assertTrue(found.detections().stream().anyMatch(d -> Math.abs(d.xPx() - 80.4) < 0.05 && d.yPx() == 199));
    }

    @Test
    void saturatedPlateauGivesOneAtomAtItsCentroid() {
        float[] data = new float[20 * 20];
        for (int y = 5; y <= 6; y++) {
            for (int x = 8; x <= 10; x++) {
                data[y * 20 + x] = 1.0f;
            }
        }
        data[7 * 20 + 9] = 0.8f;
        Detections found = PeakFinder.find(new RealImage(Grid.of(20, 20, 0.1), data), "C", new PeakFinder.Parameters(0.5, 0));
        assertEquals(1, found.size());
        assertEquals(9.0, found.get(0).xPx(), 1e-12);
        assertEquals(5.5, found.get(0).yPx(), 1e-12);
    }

    @Test
    void plateauBesideAHigherPixelIsNotAMaximum() {
        float[] data = new float[10 * 10];
        data[4 * 10 + 4] = 0.7f;
        data[4 * 10 + 5] = 0.7f;
        data[4 * 10 + 6] = 0.9f;
        Detections found = PeakFinder.find(new RealImage(Grid.of(10, 10, 0.1), data), "C", new PeakFinder.Parameters(0.5, 0));
        assertEquals(1, found.size());
        assertEquals(6, Math.round(found.get(0).xPx()));
    }

    @Test
    void noisyMapGivesExactlyTheAtomsAboveThreshold() {
        List<double[]> truth = SyntheticMaps.randomPositions(GRID, 30, 25, 5, 5);
        RealImage clean = SyntheticMaps.gaussians(GRID, truth, 3.0, 1.0);
        RealImage noisy = SyntheticMaps.withUniformNoise(clean, -0.05, 0.05, Double.NEGATIVE_INFINITY, 8);
        Detections found = PeakFinder.find(noisy, "C", new PeakFinder.Parameters(0.5, 1.5));
        assertEquals(truth.size(), found.size());
        // Uniform noise of ±0.05 is as large as the 1-px fall-off of a 3 px Gaussian, so the maximum may move a pixel.
        assertTrue(Arrays.stream(SyntheticMaps.detectionsNear(found, truth, 1.0)).allMatch(n -> n == 1));
    }

    @Test
    void thresholdDecidesWhetherAFaintPeakCounts() {
        List<double[]> strong = List.of(new double[] {50, 50});
        List<double[]> faint = List.of(new double[] {150, 100});
        float[] data = SyntheticMaps.gaussians(GRID, strong, 3, 1.0).data().clone();
        float[] weak = SyntheticMaps.gaussians(GRID, faint, 3, 0.3).data();
        for (int i = 0; i < data.length; i++) {
            data[i] += weak[i];
        }
        RealImage map = new RealImage(GRID, data);
        assertEquals(1, PeakFinder.find(map, "C", new PeakFinder.Parameters(0.5, 2)).size());
        Detections all = PeakFinder.find(map, "C", new PeakFinder.Parameters(0.01, 2));
        assertEquals(2, all.size());
        assertEquals(1.0, all.get(0).confidence(), 0.01, "strongest first, confidence = peak value");
        assertEquals(0.3, all.get(1).confidence(), 0.01);
    }

    @Test
    void logParabolaVertexIsExactForAGaussian() {
        double sigma = 2.0;
        double x0 = 0.37;
        float[] v = new float[3];
        for (int i = 0; i < 3; i++) {
            v[i] = (float) Math.exp(-Math.pow(i - 1 - x0, 2) / (2 * sigma * sigma));
        }
        assertEquals(x0, PeakFinder.vertexOffset(v[0], v[1], v[2]), 1e-5);
        // Not positive: the parabola through the values; (0, 1, 0) is symmetric.
        assertEquals(0, PeakFinder.vertexOffset(0f, 1f, 0f), 1e-12);
        assertEquals(0.5 * (-0.5 - 0) / (-0.5 - 2 + 0), PeakFinder.vertexOffset(-0.5f, 1f, 0f), 1e-7);
    }

    @Test
    void emptyMapGivesNoAtoms() {
        assertEquals(0, PeakFinder.find(RealImage.zeros(GRID), "C", PeakFinder.Parameters.defaults()).size());
        assertEquals(new ArrayList<>(List.of("background", "C")),
                PeakFinder.find(RealImage.zeros(GRID), "C", PeakFinder.Parameters.defaults()).classNames());
    }
}
