package io.github.atomfinder.analysis;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.postprocess.Overlay;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A scored test image drawn for inspection, so a user can see where and how a model fails: the (first) image in
 * grey, each true site as a circle, green if it was found and yellow if missed; each detection matched to a site
 * as a green dot (its offset from the circle's centre is the position error) and each spurious detection as a
 * red cross. Sites outside the scored region (the border strip the margin excludes, outlined) are drawn in grey.
 * A caption gives the dose and the image's counts. Small images are enlarged by an integer factor to at least
 * {@value #MIN_SIDE_PX} pixels, so marks of 0.3 Å stay visible.
 */
public final class EvaluationOverlay {

    static final int MIN_SIDE_PX = 512;
    static final Color FOUND = new Color(60, 200, 75);
    static final Color MISSED = new Color(255, 225, 25);
    static final Color SPURIOUS = new Color(230, 25, 75);
    static final Color UNSCORED = new Color(150, 150, 150);
    private static final double MARK_RADIUS_ANGSTROM = 0.3;

    private EvaluationOverlay() {
    }

    /** The enlargement used for an image of {@code ny} × {@code nx} pixels. */
    static int scale(int ny, int nx) {
        return Math.max(1, (MIN_SIDE_PX + Math.min(ny, nx) - 1) / Math.min(ny, nx));
    }

    public static BufferedImage render(Evaluation evaluation, Evaluation.ScoredImage scored) {
        RealImage image = scored.image().channels().get(0);
        Grid grid = image.grid();
        int f = scale(image.ny(), image.nx());
        BufferedImage grey = Overlay.greyscale(image);
        BufferedImage out = new BufferedImage(f * image.nx(), f * image.ny(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(grey, 0, 0, out.getWidth(), out.getHeight(), null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double radius = f * MARK_RADIUS_ANGSTROM / grid.dxAngstrom();
            g.setStroke(new BasicStroke((float) Math.max(1.5, radius / 4)));
            drawScoredRegion(g, evaluation, grid, f);

            List<Site> truth = scored.image().truth();
            List<Site> found = scored.found();
            boolean[] truthMatched = new boolean[truth.size()];
            boolean[] foundMatched = new boolean[found.size()];
            for (Scoring.Match m : scored.score().matches()) {
                truthMatched[m.truth()] = true;
                foundMatched[m.predicted()] = true;
            }
            for (int j = 0; j < truth.size(); j++) {
                Site s = truth.get(j);
                g.setColor(!evaluation.isScored(grid, s) ? UNSCORED : truthMatched[j] ? FOUND : MISSED);
                g.draw(new Ellipse2D.Double(px(s.xAngstrom(), grid.dxAngstrom(), f) - radius,
                        px(s.yAngstrom(), grid.dyAngstrom(), f) - radius, 2 * radius, 2 * radius));
            }
            double dot = Math.max(1.5, radius / 3);
            for (int i = 0; i < found.size(); i++) {
                Site s = found.get(i);
                double x = px(s.xAngstrom(), grid.dxAngstrom(), f);
                double y = px(s.yAngstrom(), grid.dyAngstrom(), f);
                if (foundMatched[i]) {
                    g.setColor(FOUND);
                    g.fill(new Ellipse2D.Double(x - dot, y - dot, 2 * dot, 2 * dot));
                } else {
                    g.setColor(evaluation.isScored(grid, s) ? SPURIOUS : UNSCORED);
                    double arm = 0.7 * radius;
                    g.draw(new Line2D.Double(x - arm, y - arm, x + arm, y + arm));
                    g.draw(new Line2D.Double(x - arm, y + arm, x + arm, y - arm));
                }
            }
            drawCaption(g, scored);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Pixel centre i (at i·d Å) covers [i, i + 1) in Java2D before enlargement. */
    private static double px(double angstrom, double pixelAngstrom, int f) {
        return f * (angstrom / pixelAngstrom + 0.5);
    }

    private static void drawScoredRegion(Graphics2D g, Evaluation evaluation, Grid grid, int f) {
        double mx = f * evaluation.marginAngstrom() / grid.dxAngstrom();
        double my = f * evaluation.marginAngstrom() / grid.dyAngstrom();
        g.setColor(UNSCORED);
        g.draw(new Rectangle2D.Double(mx, my, f * grid.nx() - 2 * mx, f * grid.ny() - 2 * my));
    }

    private static void drawCaption(Graphics2D g, Evaluation.ScoredImage scored) {
        Scoring.Score s = scored.score();
        String caption = String.format(Locale.ROOT, "dose %s e/Å²  F1 %.3f  found %d, missed %d, spurious %d",
                EvaluationFiles.dose(scored.image().doseElectronsPerA2()), s.f1(), s.truePositives(), s.falseNegatives(), s.falsePositives());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int width = g.getFontMetrics().stringWidth(caption);
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(0, 0, width + 12, 22);
        g.setColor(Color.WHITE);
        g.drawString(caption, 6, 16);
    }
}
