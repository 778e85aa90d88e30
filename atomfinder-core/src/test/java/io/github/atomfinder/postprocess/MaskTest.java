package io.github.atomfinder.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskTest {

    private static final Grid GRID = Grid.of(8, 10, 0.1);

    @Test
    void polygonIgnoresExactlyThePixelCentresInside() {
        // Square from 1.5 to 4.5 in x and y: centres 2, 3, 4 on each axis are inside, 9 pixels.
        Mask mask = Mask.fromPolygon(8, 10, Mask.parsePolygon("1.5,1.5; 4.5,1.5; 4.5,4.5; 1.5,4.5", "--mask-polygon"));
        assertEquals(9, mask.ignoredCount());
        for (int y = 2; y <= 4; y++) {
            for (int x = 2; x <= 4; x++) {
                assertTrue(mask.ignores(y, x));
            }
        }
        assertFalse(mask.ignores(1, 2));
        assertFalse(mask.ignores(2, 5));
    }

    @Test
    void triangleFollowsTheEvenOddRule() {
        // Vertices (-0.5,-0.5), (6.5,-0.5), (-0.5,6.5): a centre (x, y) is inside iff x, y ≥ 0 and x + y < 6,
        // counted by hand as 6 + 5 + 4 + 3 + 2 + 1 = 21.
        Mask mask = Mask.fromPolygon(8, 10, List.of(new double[] {-0.5, -0.5}, new double[] {6.5, -0.5}, new double[] {-0.5, 6.5}));
        assertEquals(21, mask.ignoredCount());
    }

    @Test
    void maskImageIgnoresNonzeroPixelsAndRemovesTheirDetections() {
        float[] data = new float[GRID.size()];
        data[3 * 10 + 7] = 1;
        Mask mask = Mask.fromImage(new RealImage(GRID, data));
        assertEquals(1, mask.ignoredCount());
        Detections detections = new Detections(GRID, List.of("background", "C"), List.of(
                Detection.atPixel(7.2, 2.8, 0.1, 0.1, 1, 0.9, new double[] {0.1, 0.9}),
                Detection.atPixel(7.6, 2.8, 0.1, 0.1, 1, 0.9, new double[] {0.1, 0.9}),
                Detection.atPixel(-0.3, 9.0, 0.1, 0.1, 1, 0.9, new double[] {0.1, 0.9})));
        Detections kept = detections.without(mask);
        assertEquals(2, kept.size());
        assertEquals(7.6, kept.get(0).xPx());
        Mask both = mask.or(Mask.fromPolygon(8, 10, Mask.parsePolygon("-1,6.5;1,6.5;1,9;-1,9", "polygon")));
        assertEquals(1, detections.without(both).size(), "the detection outside the image counts at its nearest pixel");
    }

    @Test
    void maskOfAnotherShapeIsAUserError() {
        Detections detections = new Detections(GRID, List.of("background", "C"), List.of());
        AtomfinderException e = assertThrows(AtomfinderException.class, () -> detections.without(Mask.fromImage(RealImage.zeros(Grid.of(8, 11, 0.1)))));
        assertEquals("mask is 8 x 11 pixels but the image is 8 x 10", e.getMessage());
    }

    @Test
    void malformedPolygonTextIsAUserErrorNamingTheParameter() {
        AtomfinderException e = assertThrows(AtomfinderException.class, () -> Mask.parsePolygon("1,2;3", "--mask-polygon"));
        assertTrue(e.getMessage().startsWith("--mask-polygon"));
        assertThrows(AtomfinderException.class, () -> Mask.parsePolygon("1,2;3,4", "--mask-polygon"));
        assertThrows(AtomfinderException.class, () -> Mask.parsePolygon("1,2;3,x;5,6", "--mask-polygon"));
        assertThrows(AtomfinderException.class, () -> Mask.parsePolygon("1,2;3,NaN;5,6", "--mask-polygon"));
    }
}
