package io.github.atomfinder.nn;

import io.github.atomfinder.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The training log: one CSV row per validation ({@value #CSV}) and a loss/F1 plot ({@value #PLOT}), both
 * rewritten atomically after every validation; resuming reads the rows back and continues them.
 */
public final class TrainingLog {

    public static final String CSV = "training-log.csv";
    public static final String PLOT = "training-plot.png";
    private static final String HEADER = "step,train_loss,validation_loss,precision,recall,f1,position_rmse_px,elapsed_s";

    /** One validation point; {@code trainLoss} is the mean over the steps since the previous row. */
    public record Row(long step, double trainLoss, ValidationScores validation, double elapsedSeconds) {
    }

    private final Path directory;
    private final List<Row> rows = new ArrayList<>();

    private TrainingLog(Path directory) {
        this.directory = directory;
    }

    /** A log in {@code directory}, continuing the rows already there (up to {@code upToStep}). */
    public static TrainingLog open(Path directory, long upToStep) throws IOException {
        TrainingLog log = new TrainingLog(directory);
        Path csv = directory.resolve(CSV);
        if (Files.isRegularFile(csv)) {
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.split(",");
                if (f.length == 8 && Long.parseLong(f[0]) <= upToStep) {
                    log.rows.add(new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), new ValidationScores(
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                            Double.parseDouble(f[5]), Double.parseDouble(f[6])), Double.parseDouble(f[7])));
                }
            }
        }
        return log;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public void add(Row row) throws IOException {
        rows.add(row);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            ValidationScores v = r.validation();
            csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g,%.4f,%.4f,%.4f,%.4f,%.1f%n", r.step(), r.trainLoss(), v.loss(),
                    v.precision(), v.recall(), v.f1(), v.positionRmsePixels(), r.elapsedSeconds()));
        }
        AtomicFiles.writeString(directory.resolve(CSV), csv.toString());
        BufferedImage plot = plot(rows);
        AtomicFiles.write(directory.resolve(PLOT), out -> ImageIO.write(plot, "png", out));
    }

    /** Two panels against step: training and validation loss (log scale), and F1. */
    static BufferedImage plot(List<Row> rows) {
        int w = 800;
        int h = 600;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        long maxStep = rows.isEmpty() ? 1 : Math.max(1, rows.get(rows.size() - 1).step());
        panel(g, rows, maxStep, 60, 30, w - 90, 230, true, "loss (log10): train (blue), validation (red)");
        panel(g, rows, maxStep, 60, 330, w - 90, 230, false, "validation F1");
        g.dispose();
        return image;
    }

    private static void panel(Graphics2D g, List<Row> rows, long maxStep, int x0, int y0, int pw, int ph, boolean loss, String title) {
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, pw, ph);
        g.drawString(title, x0, y0 - 8);
        g.drawString("0", x0, y0 + ph + 15);
        g.drawString("step " + maxStep, x0 + pw - 60, y0 + ph + 15);
        List<ToDoubleFunction<Row>> series = loss
                ? List.of(r -> Math.log10(r.trainLoss()), r -> Math.log10(r.validation().loss()))
                : List.of(r -> r.validation().f1());
        double lo = loss ? Double.POSITIVE_INFINITY : 0;
        double hi = loss ? Double.NEGATIVE_INFINITY : 1;
        if (loss) {
            for (Row r : rows) {
                for (ToDoubleFunction<Row> s : series) {
                    double v = s.applyAsDouble(r);
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (!(hi > lo)) {
                lo = Double.isFinite(lo) ? lo - 1 : -1;
                hi = lo + 2;
            }
        }
        g.drawString(String.format(Locale.ROOT, "%.2f", hi), 5, y0 + 10);
        g.drawString(String.format(Locale.ROOT, "%.2f", lo), 5, y0 + ph);
        Color[] colors = loss ? new Color[] {Color.BLUE, Color.RED} : new Color[] {new Color(0, 130, 0)};
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            g.setColor(colors[s]);
            int px = -1;
            int py = -1;
            for (Row r : rows) {
                double v = series.get(s).applyAsDouble(r);
                if (!Double.isFinite(v)) {
                    continue;
                }
                int x = x0 + (int) Math.round((double) r.step() / maxStep * pw);
                int y = y0 + ph - (int) Math.round((v - lo) / (hi - lo) * ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                g.fillOval(x - 2, y - 2, 5, 5);
                px = x;
                py = y;
            }
        }
    }
}
