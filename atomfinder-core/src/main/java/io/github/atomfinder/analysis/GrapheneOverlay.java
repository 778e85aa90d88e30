package io.github.atomfinder.analysis;

import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.postprocess.Overlay;
import io.github.atomfinder.structure.BondGraph;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A PNG of a {@link GrapheneSummary} on its image: the detection overlay ({@link Overlay}), counted rings
 * filled by size (5 red, 6 faint green, 7 blue, 8 yellow, any other size magenta) and bonds as white lines.
 * Rendering is headless ({@link Overlay} sets {@code java.awt.headless}).
 */
public final class GrapheneOverlay {

    private GrapheneOverlay() {
    }

    static Color ringColour(int size) {
        return switch (size) {
            case 5 -> new Color(230, 25, 75);
            case 6 -> new Color(60, 180, 75);
            case 7 -> new Color(0, 130, 200);
            case 8 -> new Color(255, 225, 25);
            default -> new Color(240, 50, 230);
        };
    }

    /** The overlay; {@code summary} must come from these detections (its ring atom indices refer to them). */
    public static BufferedImage render(RealImage image, Detections detections, GrapheneSummary summary) {
        if (summary.atomCount() != detections.size()) {
            throw new IllegalArgumentException("summary of " + summary.atomCount() + " atoms does not belong to "
                    + detections.size() + " detections");
        }
        BufferedImage out = Overlay.render(image, detections, Overlay.Colouring.CLASS, Overlay.defaultRadiusPx(detections.grid()));
        int n = detections.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = detections.get(i).xAngstrom();
            y[i] = detections.get(i).yAngstrom();
        }
        BondGraph graph = GrapheneSummary.bonds(x, y, summary.options());
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (GrapheneSummary.Ring ring : summary.rings()) {
                Path2D.Double polygon = new Path2D.Double();
                int[] atoms = ring.atoms();
                for (int k = 0; k < atoms.length; k++) {
                    Detection d = detections.get(atoms[k]);
                    // Pixel (x, y) covers [x, x+1) in Java2D, so its centre is at x + 0.5.
                    if (k == 0) {
                        polygon.moveTo(d.xPx() + 0.5, d.yPx() + 0.5);
                    } else {
                        polygon.lineTo(d.xPx() + 0.5, d.yPx() + 0.5);
                    }
                }
                polygon.closePath();
                g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, ring.size() == 6 ? 0.2f : 0.5f));
                g.setColor(ringColour(ring.size()));
                g.fill(polygon);
            }
            g.setComposite(AlphaComposite.SrcOver);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            for (BondGraph.Bond b : graph.bonds()) {
                Detection p = detections.get(b.i());
                Detection q = detections.get(b.j());
                g.draw(new Line2D.Double(p.xPx() + 0.5, p.yPx() + 0.5, q.xPx() + 0.5, q.yPx() + 0.5));
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    public static void write(Path file, RealImage image, Detections detections, GrapheneSummary summary) throws IOException {
        BufferedImage rendered = render(image, detections, summary);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(rendered, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
