package io.github.atomfinder.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomfinder.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The result files of an {@link Evaluation}: {@value #METRICS_CSV} (one row per dose), {@value #PER_IMAGE_CSV},
 * {@value #METRICS_JSON} (the rows with everything needed to reproduce them) and the text table. Numbers
 * without a value (RMSE without matches) are {@code NaN} in CSV and {@code null} in JSON.
 */
public final class EvaluationFiles {

    public static final String METRICS_CSV = "metrics.csv";
    public static final String METRICS_JSON = "metrics.json";
    public static final String PER_IMAGE_CSV = "per-image.csv";
    public static final String DOSE_PLOT = "dose-plot.png";

    static final String RATE_COLUMNS = "true_sites,found,tp,fp,fn,precision,recall,f1,rmse_A,class_accuracy";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationFiles() {
    }

    /** All result files into {@code folder}; {@code about} (model, data, seeds, ...) goes into the JSON as is. */
    public static void writeAll(Path folder, Evaluation.Report report, Map<String, Object> about, String plotTitle)
            throws IOException {
        AtomicFiles.writeString(folder.resolve(METRICS_CSV), metricsCsv(report));
        AtomicFiles.writeString(folder.resolve(PER_IMAGE_CSV), perImageCsv(report));
        AtomicFiles.writeString(folder.resolve(METRICS_JSON), json(report, about));
        DosePlot.write(folder.resolve(DOSE_PLOT), report, plotTitle);
    }

    public static String metricsCsv(Evaluation.Report report) {
        StringBuilder csv = new StringBuilder("dose_e_per_A2,images," + RATE_COLUMNS + "\n");
        for (Evaluation.DoseResult d : report.doses()) {
            csv.append(dose(d.doseElectronsPerA2())).append(',').append(d.images()).append(',')
                    .append(rateCells(d.rates())).append('\n');
        }
        return csv.toString();
    }

    public static String perImageCsv(Evaluation.Report report) {
        StringBuilder csv = new StringBuilder("dose_e_per_A2,index," + RATE_COLUMNS + ",image\n");
        for (Evaluation.ImageResult r : report.images()) {
            csv.append(dose(r.doseElectronsPerA2())).append(',').append(r.index()).append(',')
                    .append(rateCells(r.rates())).append(",\"").append(r.id().replace("\"", "\"\"")).append("\"\n");
        }
        return csv.toString();
    }

    public static String json(Evaluation.Report report, Map<String, Object> about) {
        ObjectNode root = JSON.createObjectNode();
        root.put("matching_radius_A", report.toleranceAngstrom());
        root.put("border_margin_A", report.marginAngstrom());
        root.set("about", JSON.valueToTree(about));
        ArrayNode doses = root.putArray("doses");
        for (Evaluation.DoseResult d : report.doses()) {
            ObjectNode row = doses.addObject();
            row.put("dose_e_per_A2", d.doseElectronsPerA2());
            row.put("images", d.images());
            rateFields(row, d.rates());
        }
        ArrayNode images = root.putArray("images");
        for (Evaluation.ImageResult r : report.images()) {
            ObjectNode row = images.addObject();
            row.put("dose_e_per_A2", r.doseElectronsPerA2());
            row.put("index", r.index());
            row.put("image", r.id());
            rateFields(row, r.rates());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the evaluation", e);
        }
    }

    /** The per-dose table for a terminal. */
    public static String table(Evaluation.Report report) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%10s %6s %6s %6s %6s %6s %6s %9s %7s %7s %8s%n",
                "dose e/Å²", "images", "true", "found", "TP", "FP", "FN", "precision", "recall", "F1", "RMSE Å"));
        for (Evaluation.DoseResult d : report.doses()) {
            Evaluation.Rates r = d.rates();
            t.append(String.format(Locale.ROOT, "%10s %6d %6d %6d %6d %6d %6d %9.4f %7.4f %7.4f %8.4f%n", dose(d.doseElectronsPerA2()),
                    d.images(), r.trueSites(), r.found(), r.truePositives(), r.falsePositives(), r.falseNegatives(),
                    r.precision(), r.recall(), r.f1(), r.rmseAngstrom()));
        }
        return t.toString();
    }

    private static String rateCells(Evaluation.Rates r) {
        return r.trueSites() + "," + r.found() + "," + r.truePositives() + "," + r.falsePositives() + "," + r.falseNegatives()
                + "," + number(r.precision()) + "," + number(r.recall()) + "," + number(r.f1()) + "," + number(r.rmseAngstrom())
                + "," + number(r.classAccuracy());
    }

    private static void rateFields(ObjectNode row, Evaluation.Rates r) {
        row.put("true_sites", r.trueSites());
        row.put("found", r.found());
        row.put("tp", r.truePositives());
        row.put("fp", r.falsePositives());
        row.put("fn", r.falseNegatives());
        putNumber(row, "precision", r.precision());
        putNumber(row, "recall", r.recall());
        putNumber(row, "f1", r.f1());
        putNumber(row, "rmse_A", r.rmseAngstrom());
        putNumber(row, "class_accuracy", r.classAccuracy());
    }

    private static void putNumber(ObjectNode row, String key, double value) {
        if (Double.isFinite(value)) {
            row.put(key, value);
        } else {
            row.putNull(key);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** A dose as typed: 1000 rather than 1000.000000 or 1.0E3. */
    public static String dose(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
