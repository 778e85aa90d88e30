package io.github.atomfinder.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayTest {

    private static final Grid GRID = Grid.of(48, 64, 0.1);

    @Test
    void pngHasTheImageSizeAndClassColouredMarksAtTheDetections(@TempDir Path dir) throws IOException {
        float[] data = new float[GRID.size()];
        Random random = new Random(2);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        Detections detections = new Detections(GRID, List.of("background", "1", "2"), List.of(
                Detection.atPixel(20, 10, 0.1, 0.1, 1, 0.9, new double[] {0.1, 0.9, 0}),
                Detection.atPixel(45.5, 33.2, 0.1, 0.1, 2, 0.8, new double[] {0.1, 0.1, 0.8})));
        Path file = dir.resolve("overlay.png");
        Overlay.write(file, new RealImage(GRID, data), detections, Overlay.Colouring.CLASS, 4);
        BufferedImage png = ImageIO.read(file.toFile());
        assertEquals(64, png.getWidth());
        assertEquals(48, png.getHeight());
        Color first = Overlay.classColour(1);
        Color second = Overlay.classColour(2);
        assertTrue(countNear(png, 20, 10, 6, first) >= 12, "ring of class 1 around (20, 10)");
        assertEquals(0, countNear(png, 20, 10, 6, second));
        assertTrue(countNear(png, 45.5, 33.2, 6, second) >= 12, "ring of class 2 around (45.5, 33.2)");
        assertEquals(0, countNear(png, 45.5, 33.2, 6, first));
        // The centre of a ring keeps the grey image: red = green = blue.
        Color centre = new Color(png.getRGB(20, 10));
        assertTrue(centre.getRed() == centre.getGreen() && centre.getGreen() == centre.getBlue());
    }

    @Test
    void contrastIsStretchedBetweenThePercentiles() {
        // A ramp 0..99 over 100 pixels: the 0.5 % and 99.5 % percentiles are 0.495 and 98.505.
        Grid grid = Grid.of(1, 100, 0.1);
        float[] ramp = new float[100];
        for (int i = 0; i < 100; i++) {
            ramp[i] = i;
        }
        BufferedImage png = Overlay.render(new RealImage(grid, ramp), new Detections(grid, List.of("background", "C"), List.of()),
                Overlay.Colouring.CLASS, 2);
        assertEquals(0, png.getRGB(0, 0) & 0xff);
        assertEquals(255, png.getRGB(99, 0) & 0xff);
        assertEquals(Math.round((50 - 0.495) * 255 / (98.505 - 0.495)), png.getRGB(50, 0) & 0xff);
    }

    @Test
    void confidenceColouringDrawsAColourBarFromBlueToRed() {
        Grid grid = Grid.of(90, 120, 0.1);
        Detections detections = new Detections(grid, List.of("background", "C"), List.of(
                Detection.atPixel(30, 50, 0.1, 0.1, 1, 1.0, new double[] {0, 1})));
        BufferedImage png = Overlay.render(RealImage.zeros(grid), detections, Overlay.Colouring.CONFIDENCE, 4);
        assertTrue(countNear(png, 30, 50, 6, Color.RED) >= 12);
        int left = 120 - 3 - 1;
        assertEquals(Color.RED.getRGB(), png.getRGB(left + 1, 1));
        assertEquals(Color.BLUE.getRGB(), png.getRGB(left + 1, 1 + 30 - 1));
    }

    @Test
    void defaultMarkRadiusIsAQuarterOfABondButAtLeastTwoPixels() {
        assertEquals(3.0, Overlay.defaultRadiusPx(Grid.of(10, 10, 0.1)), 1e-12);
        assertEquals(2.0, Overlay.defaultRadiusPx(Grid.of(10, 10, 0.5)), 1e-12);
    }

    private static int countNear(BufferedImage png, double cx, double cy, int reach, Color colour) {
        int count = 0;
        for (int y = (int) cy - reach; y <= (int) cy + reach; y++) {
            for (int x = (int) cx - reach; x <= (int) cx + reach; x++) {
                if (png.getRGB(x, y) == colour.getRGB()) {
                    count++;
                }
            }
        }
        return count;
    }
}
