package io.github.atomfinder.postprocess;

import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * A PNG to check detections by eye: the image in grey, contrast-stretched between its 0.5 % and 99.5 %
 * percentiles, with a circle at each detection coloured by class (one colour per class index, cycling a
 * palette) or by confidence (blue → red, with a colour bar at the right edge). The PNG has the image's size
 * in pixels, so a detection at pixel (x, y) is drawn at pixel (x, y).
 */
public final class Overlay {

    /** How marks are coloured. */
    public enum Colouring {
        CLASS, CONFIDENCE
    }

    /** Distinct on grey: red, cyan, yellow, magenta, green, orange, blue, white. Class k uses entry (k − 1). */
    static final Color[] PALETTE = {new Color(230, 25, 75), new Color(70, 240, 240), new Color(255, 225, 25),
        new Color(240, 50, 230), new Color(60, 180, 75), new Color(245, 130, 48), new Color(0, 130, 200),
        new Color(255, 255, 255)};

    static {
        // Rendering never needs a display; servers and CI have none.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Overlay() {
    }

    /**
     * @param radiusPx circle radius in image pixels (e.g. 0.3 Å / pixel size, at least 2)
     */
    public static BufferedImage render(RealImage image, Detections detections, Colouring colouring, double radiusPx) {
        if (image.ny() != detections.grid().ny() || image.nx() != detections.grid().nx()) {
            throw new IllegalArgumentException("image " + image.ny() + " x " + image.nx()
                    + " and detections' grid " + detections.grid().ny() + " x " + detections.grid().nx() + " differ");
        }
        int ny = image.ny();
        int nx = image.nx();
        BufferedImage out = greyscale(image);
        Graphics2D graphics = out.createGraphics();
        try {
            // No anti-aliasing: marks keep their exact class colours, readable at any zoom.
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            graphics.setStroke(new BasicStroke((float) Math.max(1, radiusPx / 4)));
            for (Detection d : detections.detections()) {
                graphics.setColor(colouring == Colouring.CLASS ? classColour(d.classIndex()) : confidenceColour(d.confidence()));
                // Pixel (x, y) covers [x, x+1) in Java2D, so its centre is at x + 0.5.
                graphics.draw(new Ellipse2D.Double(d.xPx() + 0.5 - radiusPx, d.yPx() + 0.5 - radiusPx, 2 * radiusPx, 2 * radiusPx));
            }
            if (colouring == Colouring.CONFIDENCE) {
                drawColourBar(graphics, ny, nx);
            }
        } finally {
            graphics.dispose();
        }
        return out;
    }

    /** The image in grey levels stretched between its 0.5 % and 99.5 % percentiles. */
    public static BufferedImage greyscale(RealImage image) {
        BufferedImage out = new BufferedImage(image.nx(), image.ny(), BufferedImage.TYPE_INT_RGB);
        float[] data = image.data();
        float[] sorted = data.clone();
        Arrays.sort(sorted);
        double low = percentile(sorted, 0.5);
        double high = percentile(sorted, 99.5);
        double scale = high > low ? 255 / (high - low) : 0;
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            int g = (int) Math.round(Math.max(0, Math.min(255, (data[i] - low) * scale)));
            rgb[i] = (g << 16) | (g << 8) | g;
        }
        return out;
    }

    /** Writes a rendered picture as PNG, atomically. */
    public static void writePng(Path file, BufferedImage picture) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(picture, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** A mark radius of 0.3 Å (a quarter of a C–C bond, so neighbouring marks do not touch), at least 2 px. */
    public static double defaultRadiusPx(io.github.atomfinder.grid.Grid grid) {
        return Math.max(2, 0.3 / Math.max(grid.dxAngstrom(), grid.dyAngstrom()));
    }

    public static void write(Path file, RealImage image, Detections detections, Colouring colouring, double radiusPx)
            throws IOException {
        writePng(file, render(image, detections, colouring, radiusPx));
    }

    static Color classColour(int classIndex) {
        return PALETTE[(classIndex - 1) % PALETTE.length];
    }

    /** Linear blue (confidence 0) to red (confidence 1). */
    static Color confidenceColour(double confidence) {
        double c = Math.max(0, Math.min(1, confidence));
        return new Color((int) Math.round(255 * c), 0, (int) Math.round(255 * (1 - c)));
    }

    private static void drawColourBar(Graphics2D graphics, int ny, int nx) {
        int width = Math.max(2, nx / 40);
        int height = Math.max(2, ny / 3);
        int left = nx - width - Math.max(1, nx / 100);
        int top = Math.max(1, ny / 100);
        for (int row = 0; row < height; row++) {
            graphics.setColor(confidenceColour(1 - (double) row / Math.max(1, height - 1)));
            graphics.fillRect(left, top + row, width, 1);
        }
    }

    private static double percentile(float[] sorted, double percent) {
        double position = percent / 100 * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
