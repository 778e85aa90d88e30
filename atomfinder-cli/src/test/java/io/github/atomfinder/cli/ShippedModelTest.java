package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job: the shipped graphene model on the shipped experimental image. Graphene's C–C bond is
 * 1.42 Å (issue 8: the calibrated image must give a mean within 0.03 Å); the image shows a grain boundary, a line
 * of 5–7 ring pairs (docs/evaluation.md), so both kinds of defect ring must be found in equal numbers.
 */
class ShippedModelTest {

    @TempDir
    Path temp;

    @Test
    void shippedModelFindsTheGrapheneLatticeAndGrainBoundaryInTheShippedImage() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path image = repository.resolve("examples/graphene-defect.tif");
        Path out = temp.resolve("results");
        String[] r = CliRun.run("analyze", image.toString(), "--model", repository.resolve("models/graphene-80kv").toString(),
                "--graphene-summary", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("graphene.json").toFile());
        // 512² pixels of 0.10935 Å hold about 0.38 atoms/Å² × 3135 Å² ≈ 1190 atoms, less a hole in one corner.
        int atoms = summary.get("atoms").asInt();
        assertTrue(atoms > 1000 && atoms < 1250, "atoms: " + atoms);
        JsonNode bonds = summary.get("bonds_between_3_coordinated");
        assertEquals(1.42, bonds.get("mean_A").asDouble(), 0.03);
        // The shipped model measures 0.016 Å here (docs/evaluation.md); the paper reports 0.18 Å on its images.
        assertTrue(bonds.get("std_A").asDouble() < 0.03, "bond-length spread " + bonds.get("std_A"));
        JsonNode rings = summary.get("ring_counts");
        int five = rings.path("5").asInt();
        int seven = rings.path("7").asInt();
        assertTrue(five >= 8 && five == seven, "5- and 7-rings: " + rings);
        assertTrue(rings.get("6").asInt() > 400, "hexagons: " + rings);
        assertTrue(Files.size(out.resolve("overlay.png")) > 10_000);
    }

    /**
     * Issue 8's bar on the protocol of the paper's own dose test (one Scherzer microscope, preset
     * graphene-80kv-paper-test): at 1e4 e/Å² on a structure no training set holds, F1 ≥ 0.99 and RMSE ≤ 0.1 Å
     * (docs/evaluation.md: 1.000 and 0.060 Å over 16 images).
     */
    @Test
    void shippedModelMeetsTheBarOnThePapersTestMicroscopeAt1e4() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path out = temp.resolve("evaluation");
        String[] r = CliRun.run("evaluate", "--model", repository.resolve("models/graphene-80kv").toString(), "--preset", "graphene",
                "--examples", "1", "--microscope", "graphene-80kv-paper-test", "--doses", "1e4", "--images-per-dose", "2",
                "--seed", "3", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode row = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("doses").get(0);
        assertTrue(row.get("true_sites").asInt() > 400, "two 256² crops of 0.12 Å pixels hold about 600 atoms: " + row);
        assertTrue(row.get("f1").asDouble() >= 0.99, "F1 at 1e4: " + row);
        assertTrue(row.get("rmse_A").asDouble() <= 0.1, "RMSE at 1e4: " + row);
    }
}
