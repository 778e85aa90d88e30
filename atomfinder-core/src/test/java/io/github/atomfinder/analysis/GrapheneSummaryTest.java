package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.IdealGraphene;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrapheneSummaryTest {

    private static final double PIXEL = 0.1;

    @TempDir
    Path dir;

    /** The image grid holding a w x h Å crop: pixel centres from 0 to w (docs/conventions.md). */
    private static Grid gridFor(double widthAngstrom, double heightAngstrom) {
        return Grid.of((int) Math.round(heightAngstrom / PIXEL) + 1, (int) Math.round(widthAngstrom / PIXEL) + 1, PIXEL);
    }

    @Test
    void idealGrapheneCropHasExactBondsOnlyInteriorHexagonsAndThreefoldAtoms() {
        Atoms sheet = IdealGraphene.sheet(40, 30, 1.42, 0.3, 1);
        GrapheneSummary s = GrapheneSummary.of(sheet.xs(), sheet.ys(), gridFor(40, 30), GrapheneSummary.Options.defaults());
        assertEquals(sheet.size(), s.atomCount());
        assertEquals(1.42, s.bondStatistics().meanAngstrom(), 1e-9);
        assertEquals(0, s.bondStatistics().stdAngstrom(), 1e-9);
        assertEquals(1, s.ringCounts().size(), s.ringCounts().toString());
        // A hexagon covers (3√3/2)·1.42² = 5.24 Å²; the 38 x 28 Å interior holds about 200, the border eats some.
        int hexagons = s.ringCounts().get(6);
        assertTrue(hexagons > 150 && hexagons < 210, "hexagons: " + hexagons);
        assertTrue(s.defects().isEmpty());
        assertEquals(1, s.coordinationHistogram().size(), s.coordinationHistogram().toString());
        assertTrue(s.coordinationHistogram().get(3) > 300);
    }

    /**
     * A Stone–Wales defect: the horizontal bond nearest (20, 20) turned by 90° about its midpoint and shortened
     * to 1.32 Å (its length in relaxed Stone–Wales graphene, DFT, e.g. Ma et al., PRB 80, 033407 (2009)). The two
     * hexagons that shared the bond lose an atom (pentagons above and below); the two beside it gain one
     * (heptagons left and right).
     */
    static double[][] stoneWales(Atoms sheet, double[] midpoint) {
        double[] x = sheet.xs().clone();
        double[] y = sheet.ys().clone();
        int bestI = -1;
        int bestJ = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                boolean horizontal = Math.abs(x[j] - x[i] - 1.42) < 1e-6 && Math.abs(y[j] - y[i]) < 1e-6;
                double d = Math.hypot((x[i] + x[j]) / 2 - 20, (y[i] + y[j]) / 2 - 20);
                if (horizontal && d < best) {
                    best = d;
                    bestI = i;
                    bestJ = j;
                }
            }
        }
        midpoint[0] = (x[bestI] + x[bestJ]) / 2;
        midpoint[1] = (y[bestI] + y[bestJ]) / 2;
        x[bestI] = midpoint[0];
        x[bestJ] = midpoint[0];
        y[bestI] = midpoint[1] - 0.66;
        y[bestJ] = midpoint[1] + 0.66;
        return new double[][] {x, y};
    }

    @Test
    void stoneWalesDefectGivesTwoPentagonsAboveAndBelowAndTwoHeptagonsBesideTheRotatedBond() {
        Atoms sheet = IdealGraphene.sheet(40, 40, 1.42, 0, 1);
        double[] mid = new double[2];
        double[][] xy = stoneWales(sheet, mid);
        GrapheneSummary s = GrapheneSummary.of(xy[0], xy[1], gridFor(40, 40), GrapheneSummary.Options.defaults());
        assertEquals(2, s.ringCounts().get(5), s.ringCounts().toString());
        assertEquals(2, s.ringCounts().get(7), s.ringCounts().toString());
        assertEquals(3, s.ringCounts().size(), s.ringCounts().toString());
        List<GrapheneSummary.Ring> defects = s.defects();
        assertEquals(4, defects.size());
        for (GrapheneSummary.Ring r : defects) {
            double dx = r.xAngstrom() - mid[0];
            double dy = r.yAngstrom() - mid[1];
            if (r.size() == 5) {
                // Pentagon centre: mean of (0, 0.66), (±1.42, 1.23), (±0.71, 2.46) = (0, 1.61) Å from the midpoint.
                assertEquals(0, dx, 1e-6);
                assertEquals(1.608, Math.abs(dy), 1e-3);
            } else {
                // Heptagon centre: mean of (0, ±0.66), (1.42, ±1.23), (2.13, 0), (2.84, ±1.23) ... on the bond's line.
                assertEquals(0, dy, 1e-6);
                assertTrue(Math.abs(dx) > 1.5 && Math.abs(dx) < 2.5, "heptagon at dx = " + dx);
            }
            assertEquals(r.xAngstrom() / PIXEL, r.xPx(), 1e-9);
            assertEquals(r.yAngstrom() / PIXEL, r.yPx(), 1e-9);
        }
    }

    @Test
    void positionNoiseOfSigmaGivesBondSpreadOfSigmaTimesRootTwo() {
        // Each bond length changes by the difference of two independent N(0, σ²) displacements projected on
        // the bond: standard deviation σ·√2 = 0.0707 Å for σ = 0.05 Å.
        double sigma = 0.05;
        Atoms sheet = IdealGraphene.sheet(80, 80, 1.42, 0.1, 1);
        double[] x = sheet.xs().clone();
        double[] y = sheet.ys().clone();
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < x.length; i++) {
            x[i] += sigma * gaussian(random);
            y[i] += sigma * gaussian(random);
        }
        GrapheneSummary s = GrapheneSummary.of(x, y, gridFor(80, 80), GrapheneSummary.Options.defaults());
        // About 3600 bonds: the standard error of the std is 0.0707/√7200 ≈ 0.001 Å.
        assertTrue(s.bondStatistics().count() > 3000);
        assertEquals(sigma * Math.sqrt(2), s.bondStatistics().stdAngstrom(), 0.004);
        // Perpendicular noise lengthens bonds by σ²/b ≈ 0.002 Å on average.
        assertEquals(1.42, s.bondStatistics().meanAngstrom(), 0.005);
        assertTrue(s.defects().isEmpty(), s.ringCounts().toString());
    }

    @Test
    void loneHexagonIsOneRingNotTwo() {
        // Its outline is also a 6-atom face of the plane graph, walked clockwise: the outside, not a ring.
        double[] x = new double[6];
        double[] y = new double[6];
        for (int k = 0; k < 6; k++) {
            x[k] = 10 + 1.42 * Math.cos(k * Math.PI / 3);
            y[k] = 10 + 1.42 * Math.sin(k * Math.PI / 3);
        }
        GrapheneSummary s = GrapheneSummary.of(x, y, gridFor(20, 20), GrapheneSummary.Options.defaults());
        assertEquals(java.util.Map.of(6, 1), s.ringCounts());
        assertEquals(10, s.rings().get(0).xAngstrom(), 1e-9);
        // Every atom has two neighbours, so no bond joins two 3-coordinated atoms.
        assertEquals(0, s.bondStatistics().count());
        assertTrue(Double.isNaN(s.bondStatistics().meanAngstrom()));
        assertTrue(GrapheneSummaryFiles.text(s).contains("no bond between two 3-coordinated atoms"));
    }

    @Test
    void noAtomsGiveAnEmptySummary() {
        GrapheneSummary s = GrapheneSummary.of(new double[0], new double[0], gridFor(20, 20), GrapheneSummary.Options.defaults());
        assertEquals(0, s.atomCount());
        assertTrue(s.ringCounts().isEmpty() && s.coordinationHistogram().isEmpty());
        assertTrue(GrapheneSummaryFiles.json(s).get("bonds_between_3_coordinated").toString().contains("mean_A=null"));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static Detections detections(double[] x, double[] y, Grid grid) {
        List<Detection> list = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            list.add(Detection.atPixel(x[i] / grid.dxAngstrom(), y[i] / grid.dyAngstrom(), grid.dyAngstrom(),
                    grid.dxAngstrom(), 1, 1, new double[] {0, 1}));
        }
        return new Detections(grid, List.of("background", "C"), list);
    }

    @Test
    void jsonTextAndOverlayReportTheStoneWalesRings() throws Exception {
        Atoms sheet = IdealGraphene.sheet(40, 40, 1.42, 0, 1);
        double[] mid = new double[2];
        double[][] xy = stoneWales(sheet, mid);
        Grid grid = gridFor(40, 40);
        Detections found = detections(xy[0], xy[1], grid);
        GrapheneSummary s = GrapheneSummary.of(found, GrapheneSummary.Options.defaults());

        Path json = dir.resolve("graphene.json");
        GrapheneSummaryFiles.writeJson(json, s);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(sheet.size(), root.get("atoms").asInt());
        assertEquals(2, root.get("ring_counts").get("5").asInt());
        assertEquals(2, root.get("ring_counts").get("7").asInt());
        assertEquals(4, root.get("defect_rings").size());
        assertEquals(s.bondStatistics().meanAngstrom(), root.get("bonds_between_3_coordinated").get("mean_A").asDouble(), 1e-12);

        String text = GrapheneSummaryFiles.text(s);
        assertTrue(text.contains("2 × 5-membered"), text);
        assertTrue(text.contains("2 × 7-membered"), text);
        assertTrue(text.contains("defect rings (not 6-membered): 4"), text);

        Path png = dir.resolve("graphene.png");
        GrapheneOverlay.write(png, RealImage.filled(grid, 0.5f), found, s);
        BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertEquals(grid.nx(), image.getWidth());
        GrapheneSummary.Ring pentagon = s.defects().stream().filter(r -> r.size() == 5).findFirst().orElseThrow();
        Color centre = new Color(image.getRGB((int) Math.round(pentagon.xPx()), (int) Math.round(pentagon.yPx())));
        // A uniform image renders black (no contrast to stretch); under 50 % pentagon red (230, 25, 75) it is red.
        assertTrue(centre.getRed() > 100 && centre.getRed() > 2 * centre.getGreen() && centre.getRed() > 2 * centre.getBlue(),
                centre.toString());
    }
}
