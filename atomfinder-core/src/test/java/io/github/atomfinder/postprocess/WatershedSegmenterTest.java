package io.github.atomfinder.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatershedSegmenterTest {

    private static final Grid GRID = Grid.of(160, 180, 0.2);
    private static final List<String> NAMES = List.of("background", "1", "2");

    @Test
    void segmentsOfATwoClassMapGetTheRightClassAndPosition() {
        List<double[]> all = SyntheticMaps.randomPositions(GRID, 40, 18, 10, 3);
        List<double[]> first = all.subList(0, 20);
        List<double[]> second = all.subList(20, all.size());
        // Column labels of 0.5 Å at 0.2 Å/px (method.md §6: the code used 0.3-0.4 Å, the paper 1 Å).
        RealImage one = SyntheticMaps.gaussians(GRID, first, 2.5, 1.0);
        RealImage two = SyntheticMaps.gaussians(GRID, second, 2.5, 1.0);
        RealImage background = SyntheticMaps.background(GRID, List.of(one, two));
        Detections found = WatershedSegmenter.find(List.of(background, one, two), NAMES, WatershedSegmenter.Parameters.defaults());
        assertEquals(all.size(), found.size());
        for (int t = 0; t < all.size(); t++) {
            int expectedClass = t < 20 ? 1 : 2;
            double[] truth = all.get(t);
            Detection d = found.detections().stream()
                    .min((a, b) -> Double.compare(Math.hypot(a.xPx() - truth[0], a.yPx() - truth[1]),
                            Math.hypot(b.xPx() - truth[0], b.yPx() - truth[1]))).orElseThrow();
            assertEquals(expectedClass, d.classIndex());
            assertTrue(Math.hypot(d.xPx() - truth[0], d.yPx() - truth[1]) < 0.05, "centre of mass error");
            assertEquals(0, d.probability(3 - expectedClass), 1e-4, "only far tails of the other class reach there");
            assertEquals(1, Arrays.stream(d.probabilities()).sum(), 1e-9);
            assertEquals(d.probability(expectedClass), d.confidence(), 1e-12);
        }
    }

    @Test
    void discardRuleComparesAtomProbabilityWithTTimesBackground() {
        // Two flat 3x3 segments in a background of 1: p1 = 0.4, p0 = 0.6 (0.4 ≥ 0.5·0.6, kept) and
        // p1 = 0.3, p0 = 0.7 (0.3 < 0.5·0.7 = 0.35, discarded). Hand-computed from the rule in method.md §9.
        Grid grid = Grid.of(20, 30, 0.1);
        float[] bg = new float[grid.size()];
        float[] atom = new float[grid.size()];
        Arrays.fill(bg, 1f);
        fillBlock(bg, atom, 30, 5, 5, 0.4f);
        fillBlock(bg, atom, 30, 5, 20, 0.3f);
        List<RealImage> maps = List.of(new RealImage(grid, bg), new RealImage(grid, atom));
        Detections kept = WatershedSegmenter.find(maps, List.of("background", "C"), new WatershedSegmenter.Parameters(0.995, 0.5));
        assertEquals(1, kept.size());
        assertEquals(6.0, kept.get(0).xPx(), 1e-9);
        assertEquals(6.0, kept.get(0).yPx(), 1e-9);
        assertEquals(0.4, kept.get(0).probability(1), 1e-6);
        assertEquals(0.6, kept.get(0).probability(0), 1e-6);
        Detections both = WatershedSegmenter.find(maps, List.of("background", "C"), new WatershedSegmenter.Parameters(0.995, 0.4));
        assertEquals(2, both.size(), "0.3 ≥ 0.4·0.7 = 0.28 keeps the weaker one");
    }

    @Test
    void pixelsAtOrAboveEpsilonBelongToNoSegment() {
        Grid grid = Grid.of(10, 10, 0.1);
        float[] bg = new float[grid.size()];
        Arrays.fill(bg, 0.995f);
        bg[55] = 0.2f;
        bg[56] = 0.9f;
        int[] labels = WatershedSegmenter.segment(new RealImage(grid, bg), 0.995f);
        assertEquals(1, labels[55]);
        assertEquals(1, labels[56]);
        assertEquals(2, Arrays.stream(labels).filter(l -> l != 0).count());
    }

    @Test
    void closeColumnsOfOneClassAreSplitAlongTheBackgroundRidge() {
        // Two columns 1.4 Å apart (0.2 Å/px, 0.3 Å labels): one segment each.
        List<double[]> pair = List.of(new double[] {60.3, 50.2}, new double[] {67.3, 50.2});
        RealImage one = SyntheticMaps.gaussians(GRID, pair, 1.5, 1.0);
        RealImage two = RealImage.zeros(GRID);
        RealImage background = SyntheticMaps.background(GRID, List.of(one, two));
        Detections found = WatershedSegmenter.find(List.of(background, one, two), NAMES, WatershedSegmenter.Parameters.defaults());
        assertEquals(2, found.size());
        for (double[] t : pair) {
            assertTrue(SyntheticMaps.nearestDistancePx(found, t) < 0.1);
        }
    }

    @Test
    void noiseInTheBackgroundMakesNoDetections() {
        List<double[]> truth = SyntheticMaps.randomPositions(GRID, 25, 18, 10, 9);
        RealImage one = SyntheticMaps.gaussians(GRID, truth, 2.5, 1.0);
        RealImage atoms = SyntheticMaps.withUniformNoise(one, 0, 0.01, 0, 4);
        RealImage background = SyntheticMaps.background(GRID, List.of(atoms));
        Detections found = WatershedSegmenter.find(List.of(background, atoms), List.of("background", "C"),
                WatershedSegmenter.Parameters.defaults());
        assertEquals(truth.size(), found.size(), "small noise segments are discarded by the t·p0 rule");
        assertTrue(Arrays.stream(SyntheticMaps.detectionsNear(found, truth, 0.5)).allMatch(n -> n == 1));
    }

    @Test
    void segmentOfAnIdealGaussianLabelHasAtomToBackgroundRatio0231() {
        // δ = 1 − 0.995, mean label value over the capped disc m = 0.995 / ln 200 = 0.18780, ratio m/(1−m) = 0.2312.
        assertEquals(0.2312, WatershedSegmenter.Parameters.idealLabelRatio(0.995), 1e-4);
        Grid grid = Grid.of(120, 120, 0.1);
        for (double sigmaPx : new double[] {3, 8}) {
            RealImage atom = SyntheticMaps.gaussians(grid, List.of(new double[] {60.3, 59.7}), sigmaPx, 1.0);
            RealImage background = SyntheticMaps.background(grid, List.of(atom));
            Detection d = WatershedSegmenter.find(List.of(background, atom), List.of("background", "C"),
                    new WatershedSegmenter.Parameters(0.995, 0)).get(0);
            assertEquals(0.2312, d.probability(1) / d.probability(0), 0.01, "sigma " + sigmaPx + " px");
            assertEquals(0, WatershedSegmenter.find(List.of(background, atom), List.of("background", "C"),
                    WatershedSegmenter.Parameters.paper()).size(), "t = 0.5 discards an ideal label");
        }
    }

    private static void fillBlock(float[] bg, float[] atom, int nx, int y0, int x0, float p) {
        for (int y = y0; y < y0 + 3; y++) {
            for (int x = x0; x < x0 + 3; x++) {
                atom[y * nx + x] = p;
                bg[y * nx + x] = 1 - p;
            }
        }
    }
}
