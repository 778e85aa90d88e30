package io.github.atomfinder.postprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionFilesTest {

    private static final Detections DETECTIONS = new Detections(new Grid(40, 50, 0.12, 0.1), List.of("background", "1", "2"),
            List.of(Detection.atPixel(10.25, 20.5, 0.12, 0.1, 2, 0.7, new double[] {0.1, 0.2, 0.7}),
                    Detection.atPixel(3, 4, 0.12, 0.1, 1, 0.5, new double[] {0.25, 0.5, 0.25})));

    @Test
    void csvHasTheDocumentedHeaderAndOneRowPerDetection(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/atoms.csv");
        DetectionFiles.writeCsv(file, DETECTIONS);
        List<String> lines = Files.readAllLines(file);
        assertEquals("x_px,y_px,x_A,y_A,class,confidence,p_background,p_1,p_2", lines.get(0));
        assertEquals("10.2500,20.5000,1.02500,2.46000,2,0.700000,0.100000,0.200000,0.700000", lines.get(1));
        assertEquals(3, lines.size());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void jsonHoldsMetadataAndTheSameFields(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("atoms.json");
        DetectionFiles.writeJson(file, DETECTIONS, new DetectionFiles.Metadata("gold.tif", "columns-v1",
                Map.of("epsilon", 0.995)));
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertEquals("gold.tif", root.get("image").asText());
        assertEquals("columns-v1", root.get("model").asText());
        assertEquals("none", root.get("symmetrization").asText(), "one network pass unless the caller says otherwise");
        assertEquals(0.1, root.get("pixel_size_x_A").asDouble());
        assertEquals(0.12, root.get("pixel_size_y_A").asDouble());
        assertEquals(0.995, root.get("thresholds").get("epsilon").asDouble());
        assertEquals("2", root.get("classes").get(2).asText());
        JsonNode first = root.get("atoms").get(0);
        assertEquals(10.25, first.get("x_px").asDouble());
        assertEquals(2.46, first.get("y_A").asDouble(), 1e-12);
        assertEquals(2, first.get("class").asInt());
        assertEquals(0.2, first.get("p_1").asDouble());
        assertEquals(2, root.get("atoms").size());
    }

    @Test
    void jsonRecordsOverWhichSymmetriesTheMapsWereAveraged(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("atoms.json");
        DetectionFiles.writeJson(file, DETECTIONS, new DetectionFiles.Metadata("gold.tif", "columns-v1",
                Map.of("epsilon", 0.995), "dihedral-8"));
        assertEquals("dihedral-8", new ObjectMapper().readTree(file.toFile()).get("symmetrization").asText());
    }

    @Test
    void classNamesThatWouldBreakTheCsvAreRejected(@TempDir Path dir) {
        Detections bad = new Detections(Grid.of(4, 4, 0.1), List.of("background", "a,b"), List.of());
        assertThrows(AtomfinderException.class, () -> DetectionFiles.writeCsv(dir.resolve("atoms.csv"), bad));
    }
}
