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
        // The shipped model measures 0.015 Å here (docs/evaluation.md); the paper reports 0.18 Å on its images.
        assertTrue(bonds.get("std_A").asDouble() < 0.03, "bond-length spread " + bonds.get("std_A"));
        JsonNode rings = summary.get("ring_counts");
        int five = rings.path("5").asInt();
        int seven = rings.path("7").asInt();
        assertTrue(five >= 8 && five == seven, "5- and 7-rings: " + rings);
        assertTrue(rings.get("6").asInt() > 400, "hexagons: " + rings);
        assertTrue(Files.size(out.resolve("overlay.png")) > 10_000);
    }
}
