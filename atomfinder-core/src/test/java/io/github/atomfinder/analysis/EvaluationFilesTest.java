package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationFilesTest {

    @TempDir
    Path temp;

    /** Two doses: at 100 e/Å² one image finds nothing, at 10⁴ e/Å² two images with known counts and errors. */
    private static Evaluation.Report report() {
        Evaluation.ImageResult blind = new Evaluation.ImageResult("a", 100, 0, 0, 0, 10, 0, 0);
        // TP 8 with Σd² = 8 · 0.1², FP 2, FN 2; and TP 10 with Σd² = 10 · 0.2², no errors.
        Evaluation.ImageResult first = new Evaluation.ImageResult("b \"quoted\"", 1e4, 0, 8, 2, 2, 8 * 0.01, 8);
        Evaluation.ImageResult second = new Evaluation.ImageResult("c", 1e4, 1, 10, 0, 0, 10 * 0.04, 10);
        return new Evaluation.Report(0.5, 1, List.of(Evaluation.pool(100, List.of(blind)), Evaluation.pool(1e4, List.of(first, second))),
                List.of(blind, first, second));
    }

    @Test
    void metricsCsvPoolsCountsAndSquaredErrorsPerDose() {
        List<String> lines = EvaluationFiles.metricsCsv(report()).lines().toList();
        assertEquals("dose_e_per_A2,images,true_sites,found,tp,fp,fn,precision,recall,f1,rmse_A,class_accuracy", lines.get(0));
        assertEquals("100,1,10,0,0,0,10,1.000000,0.000000,0.000000,NaN,NaN", lines.get(1));
        // TP 18, FP 2, FN 2: P = R = F1 = 0.9; RMSE = √((0.08 + 0.4) / 18) = 0.163299 Å.
        assertEquals("10000,2,20,20,18,2,2,0.900000,0.900000,0.900000,0.163299,1.000000", lines.get(2));
        List<String> perImage = EvaluationFiles.perImageCsv(report()).lines().toList();
        assertEquals(4, perImage.size());
        assertTrue(perImage.get(2).endsWith(",\"b \"\"quoted\"\"\""), perImage.get(2));
    }

    @Test
    void jsonHoldsTheRowsTheMetadataAndNullForMissingNumbers() throws Exception {
        JsonNode json = new ObjectMapper().readTree(EvaluationFiles.json(report(), Map.of("model", "m", "steps", 7)));
        assertEquals(0.5, json.get("matching_radius_A").asDouble());
        assertEquals("m", json.get("about").get("model").asText());
        assertEquals(2, json.get("doses").size());
        assertTrue(json.get("doses").get(0).get("rmse_A").isNull());
        assertEquals(Math.sqrt(0.48 / 18), json.get("doses").get(1).get("rmse_A").asDouble(), 1e-12);
        assertEquals(3, json.get("images").size());
    }

    @Test
    void plotDrawsEachPooledF1AtItsDoseOnALogAxis() throws Exception {
        EvaluationFiles.writeAll(temp, report(), Map.of(), "test");
        for (String f : List.of(EvaluationFiles.METRICS_CSV, EvaluationFiles.METRICS_JSON, EvaluationFiles.PER_IMAGE_CSV)) {
            assertTrue(Files.size(temp.resolve(f)) > 0, f);
        }
        BufferedImage plot = ImageIO.read(temp.resolve(EvaluationFiles.DOSE_PLOT).toFile());
        assertEquals(DosePlot.WIDTH, plot.getWidth());
        // Doses 10² and 10⁴ span the log axis [10², 10⁴] over x = 90 + 24 .. 870 − 24 (24 px kept free at each end).
        // The top panel maps F1 ∈ [0, 1] to y = 350 .. 70: F1 = 0.9 at y = 98, F1 = 0 at y = 350; markers are in
        // the F1 colour (drawn last, over precision and recall).
        assertEquals(0x1f77b4, plot.getRGB(846, 98) & 0xffffff);
        assertEquals(0x1f77b4, plot.getRGB(114, 348) & 0xffffff);
    }
}
