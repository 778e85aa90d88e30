package io.github.atomfinder.analysis;

import io.github.atomfinder.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The error-versus-dose figure of an {@link Evaluation} (after Madsen et al. 2018, Fig. 7): F1, precision and
 * recall in the upper panel and the position RMSE in Å in the lower one, against the dose on a log axis. Pooled
 * values per dose are joined by lines; faint dots show the single images, so the spread is visible.
 */
public final class DosePlot {

    static final int WIDTH = 900;
    static final int HEIGHT = 760;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final Color F1 = new Color(0x1f77b4);
    private static final Color PRECISION = new Color(0xff7f0e);
    private static final Color RECALL = new Color(0x2ca02c);
    private static final Color RMSE = new Color(0xd62728);
    private static final Color GRID = new Color(0xe4e4e4);

    private DosePlot() {
    }

    public static void write(Path file, Evaluation.Report report, String title) throws IOException {
        BufferedImage image = render(report, title);
        AtomicFiles.write(file, out -> ImageIO.write(image, "png", out));
    }

    static BufferedImage render(Evaluation.Report report, String title) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        centred(g, title, WIDTH / 2, 26);

        List<Evaluation.DoseResult> doses = new ArrayList<>(report.doses());
        doses.sort(Comparator.comparingDouble(Evaluation.DoseResult::doseElectronsPerA2));
        LogAxis x = LogAxis.spanning(doses.stream().mapToDouble(Evaluation.DoseResult::doseElectronsPerA2).toArray(),
                LEFT, WIDTH - RIGHT);

        Panel top = new Panel(x, 70, 350, 0, 1, 0.2);
        top.frame(g, "precision, recall, F1", "%.1f");
        top.dots(g, report.images(), r -> r.rates().f1(), F1);
        top.curve(g, doses, d -> d.rates().precision(), PRECISION, dashed());
        top.curve(g, doses, d -> d.rates().recall(), RECALL, dotted());
        top.curve(g, doses, d -> d.rates().f1(), F1, new BasicStroke(2.5f));
        top.legend(g, List.of("F1", "precision", "recall", "F1 of each image"), List.of(F1, PRECISION, RECALL, F1),
                List.of(new BasicStroke(2.5f), dashed(), dotted()));

        double worst = report.images().stream().mapToDouble(r -> r.rates().rmseAngstrom()).filter(Double::isFinite).max().orElse(0);
        worst = Math.max(worst, report.toleranceAngstrom() / 2);
        double step = niceStep(worst / 5);
        Panel bottom = new Panel(x, 410, 670, 0, Math.ceil(worst / step - 1e-9) * step, step);
        bottom.frame(g, "position RMSE (Å)", step >= 0.1 ? "%.1f" : step >= 0.01 ? "%.2f" : "%.3f");
        bottom.dots(g, report.images(), r -> r.rates().rmseAngstrom(), RMSE);
        bottom.curve(g, doses, d -> d.rates().rmseAngstrom(), RMSE, new BasicStroke(2.5f));
        bottom.legend(g, List.of("RMSE of all matched sites", "RMSE of each image"), List.of(RMSE, RMSE),
                List.of(new BasicStroke(2.5f)));
        x.ticks(g, 670);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.setColor(Color.BLACK);
        centred(g, String.format(Locale.ROOT, "dose (e/Å²), log scale; matched within %.2g Å, %.2g Å border excluded",
                report.toleranceAngstrom(), report.marginAngstrom()), (LEFT + WIDTH - RIGHT) / 2, 725);
        g.dispose();
        return image;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 0.1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static Stroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 5f}, 0f);
    }

    private static Stroke dotted() {
        return new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 5f}, 0f);
    }

    private static void centred(Graphics2D g, String text, int cx, int baseline) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /** A log10 axis over whole decades covering the doses. */
    private record LogAxis(double lowDecade, double highDecade, int left, int right) {

        static LogAxis spanning(double[] doses, int left, int right) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double d : doses) {
                lo = Math.min(lo, Math.log10(d));
                hi = Math.max(hi, Math.log10(d));
            }
            double low = Math.floor(lo + 1e-9);
            double high = Math.ceil(hi - 1e-9);
            if (high <= low) {
                high = low + 1;
            }
            return new LogAxis(low, high, left, right);
        }

        /** Pixels kept free at each end, so markers at the first and last decade are not drawn on the frame. */
        static final int PAD = 24;

        int pixel(double dose) {
            return (int) Math.round(left + PAD + (Math.log10(dose) - lowDecade) / (highDecade - lowDecade) * (right - left - 2 * PAD));
        }

        /** Decade labels 10^k and minor ticks under the frame whose bottom is {@code y}. */
        void ticks(Graphics2D g, int y) {
            g.setColor(Color.BLACK);
            Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            Font exponent = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
            for (int k = (int) lowDecade; k <= (int) highDecade; k++) {
                int px = pixel(Math.pow(10, k));
                g.drawLine(px, y, px, y + 7);
                g.setFont(base);
                FontMetrics m = g.getFontMetrics();
                String e = Integer.toString(k);
                int width = m.stringWidth("10") + g.getFontMetrics(exponent).stringWidth(e);
                g.drawString("10", px - width / 2, y + 24);
                g.setFont(exponent);
                g.drawString(e, px - width / 2 + m.stringWidth("10"), y + 16);
                if (k < (int) highDecade) {
                    for (int j = 2; j <= 9; j++) {
                        int minor = pixel(j * Math.pow(10, k));
                        g.drawLine(minor, y, minor, y + 4);
                    }
                }
            }
        }
    }

    /** One panel: a frame from {@code top} to {@code bottom} pixels with a linear y axis. */
    private record Panel(LogAxis x, int top, int bottom, double low, double high, double step) {

        int pixel(double value) {
            return (int) Math.round(bottom - (value - low) / (high - low) * (bottom - top));
        }

        void frame(Graphics2D g, String label, String tickFormat) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics m = g.getFontMetrics();
            for (double v = low; v <= high + step * 1e-6; v += step) {
                int py = pixel(v);
                g.setColor(GRID);
                g.drawLine(x.left(), py, x.right(), py);
                g.setColor(Color.BLACK);
                g.drawLine(x.left() - 6, py, x.left(), py);
                String text = String.format(Locale.ROOT, tickFormat, v);
                g.drawString(text, x.left() - 10 - m.stringWidth(text), py + m.getAscent() / 2 - 1);
            }
            g.setColor(GRID);
            for (int k = (int) x.lowDecade(); k <= (int) x.highDecade(); k++) {
                int px = x.pixel(Math.pow(10, k));
                g.drawLine(px, top, px, bottom);
            }
            g.setColor(Color.BLACK);
            g.drawRect(x.left(), top, x.right() - x.left(), bottom - top);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            var saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            centred(g, label, -(top + bottom) / 2, 22);
            g.setTransform(saved);
        }

        void dots(Graphics2D g, List<Evaluation.ImageResult> images, ToDoubleFunction<Evaluation.ImageResult> value, Color colour) {
            g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 70));
            for (Evaluation.ImageResult r : images) {
                double v = value.applyAsDouble(r);
                if (Double.isFinite(v)) {
                    g.fillOval(x.pixel(r.doseElectronsPerA2()) - 3, pixel(v) - 3, 7, 7);
                }
            }
        }

        void curve(Graphics2D g, List<Evaluation.DoseResult> doses, ToDoubleFunction<Evaluation.DoseResult> value, Color colour,
                Stroke stroke) {
            g.setColor(colour);
            Stroke saved = g.getStroke();
            int[] previous = null;
            for (Evaluation.DoseResult d : doses) {
                double v = value.applyAsDouble(d);
                if (!Double.isFinite(v)) {
                    previous = null;
                    continue;
                }
                int[] point = {x.pixel(d.doseElectronsPerA2()), pixel(v)};
                if (previous != null) {
                    g.setStroke(stroke);
                    g.drawLine(previous[0], previous[1], point[0], point[1]);
                }
                g.setStroke(new BasicStroke(1.5f));
                g.fillOval(point[0] - 4, point[1] - 4, 9, 9);
                previous = point;
            }
            g.setStroke(saved);
        }

        /** A one-line legend above the panel; entries beyond {@code strokes} are the per-image dots. */
        void legend(Graphics2D g, List<String> names, List<Color> colours, List<Stroke> strokes) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics m = g.getFontMetrics();
            int cy = top - 12;
            int bx = x.left();
            Stroke saved = g.getStroke();
            for (int i = 0; i < names.size(); i++) {
                Color c = colours.get(i);
                if (i < strokes.size()) {
                    g.setColor(c);
                    g.setStroke(strokes.get(i));
                    g.drawLine(bx, cy, bx + 32, cy);
                    g.setStroke(saved);
                    g.fillOval(bx + 12, cy - 4, 9, 9);
                } else {
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
                    g.fillOval(bx + 13, cy - 3, 7, 7);
                }
                g.setColor(Color.BLACK);
                g.drawString(names.get(i), bx + 40, cy + m.getAscent() / 2 - 1);
                bx += 40 + m.stringWidth(names.get(i)) + 28;
            }
        }
    }
}
