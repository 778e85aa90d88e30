package io.github.atomfinder.io;

import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import io.github.atomfinder.structure.Column;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * PNG previews of structures seen along the beam: white background, the cell outline, atoms as discs coloured
 * by element, or columns as discs coloured by their atom count. y points down the image like the arrays
 * (docs/conventions.md: row = y).
 */
public final class StructurePreview {

    private StructurePreview() {
    }

    /** Draws atoms coloured by element; discs of 0.4 Å radius (well inside half a C–C bond). */
    public static void writeAtoms(Path file, Atoms atoms, double pixelsPerAngstrom) throws IOException {
        BufferedImage image = canvas(atoms.cell(), pixelsPerAngstrom);
        Graphics2D g = graphics(image, atoms.cell(), pixelsPerAngstrom);
        Integer[] order = new Integer[atoms.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Lowest z first so atoms nearer the viewer (larger z, upstream of the beam) are drawn on top.
        java.util.Arrays.sort(order, (a, b) -> Double.compare(atoms.z(a), atoms.z(b)));
        for (int i : order) {
            disc(g, atoms.x(i), atoms.y(i), 0.4, pixelsPerAngstrom, elementColour(atoms.atomicNumber(i)));
        }
        g.dispose();
        save(file, image);
    }

    /** Draws columns coloured by atom count (viridis-like ramp from 1 to the largest count); 0.7 Å discs. */
    public static void writeColumns(Path file, Cell cell, List<Column> columns, double pixelsPerAngstrom)
            throws IOException {
        BufferedImage image = canvas(cell, pixelsPerAngstrom);
        Graphics2D g = graphics(image, cell, pixelsPerAngstrom);
        int max = columns.stream().mapToInt(Column::atomCount).max().orElse(1);
        for (Column c : columns) {
            double t = max == 1 ? 1 : (c.atomCount() - 1) / (double) (max - 1);
            disc(g, c.xAngstrom(), c.yAngstrom(), 0.7, pixelsPerAngstrom, ramp(t));
        }
        g.dispose();
        save(file, image);
    }

    private static BufferedImage canvas(Cell cell, double scale) {
        int w = (int) Math.ceil(cell.aAngstrom() * scale) + 1;
        int h = (int) Math.ceil(cell.bAngstrom() * scale) + 1;
        if ((long) w * h > 100_000_000L) {
            throw new io.github.atomfinder.errors.AtomfinderException(String.format(
                    "preview of %d x %d pixels is too large; lower the pixels per Å", w, h));
        }
        return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    }

    private static Graphics2D graphics(BufferedImage image, Cell cell, double scale) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(0, 0, cell.aAngstrom() * scale, cell.bAngstrom() * scale));
        return g;
    }

    private static void disc(Graphics2D g, double x, double y, double radius, double scale, Color colour) {
        Ellipse2D shape = new Ellipse2D.Double((x - radius) * scale, (y - radius) * scale, 2 * radius * scale,
                2 * radius * scale);
        g.setColor(colour);
        g.fill(shape);
        g.setColor(colour.darker());
        g.draw(shape);
    }

    /** Jmol-like colours for common elements; others get a hue from the atomic number. */
    static Color elementColour(int z) {
        return switch (z) {
            case 1 -> new Color(0xBFBFBF);
            case 6 -> new Color(0x505050);
            case 7 -> new Color(0x3050F8);
            case 8 -> new Color(0xFF0D0D);
            case 14 -> new Color(0xDAA520);
            case 16 -> new Color(0xFFC832);
            case 29 -> new Color(0xC88033);
            case 46 -> new Color(0x006985);
            case 47 -> new Color(0x909090);
            case 78 -> new Color(0x7A7AAA);
            case 79 -> new Color(0xFFD123);
            default -> Color.getHSBColor((z * 0.618034f) % 1f, 0.7f, 0.85f);
        };
    }

    /** Dark blue (t = 0) through teal to yellow (t = 1), close to viridis. */
    private static Color ramp(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double pos = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) pos);
        double f = pos - k;
        return new Color((int) Math.round(stops[k][0] + f * (stops[k + 1][0] - stops[k][0])),
                (int) Math.round(stops[k][1] + f * (stops[k + 1][1] - stops[k][1])),
                (int) Math.round(stops[k][2] + f * (stops[k + 1][2] - stops[k][2])));
    }

    private static void save(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
