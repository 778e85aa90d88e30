package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.analysis.SimulatedTestImages;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.nn.FusionNetArchitecture;
import io.github.atomfinder.nn.ModelCard;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.optics.MicroscopeDistribution;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate command end to end on untrained networks: what it scores is tested with a known detector in
 * atomfinder-core (EvaluationTest); here the files, rows, defaults and refusals.
 */
class EvaluateCommandTest {

    @TempDir
    static Path shared;

    /** An untrained [background, carbon] network whose card names no training data. */
    static Path plainModel;
    /** The same network with a card recording graphene training data (seed 3) and the wide microscope ranges. */
    static Path recordedModel;
    /** A graphene dataset of one training and one validation example. */
    static Path dataset;

    @TempDir
    Path temp;

    @BeforeAll
    static void makeModelsAndDataset() throws Exception {
        plainModel = shared.resolve("plain");
        recordedModel = shared.resolve("recorded");
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 8, 2);
        // Cards store the ranges as a JSON object (older bundles as a string, which evaluate reads too).
        Map<String, Object> ranges = new ObjectMapper().readValue(MicroscopeDistribution.preset("graphene-80kv-wide").toJson(),
                new TypeReference<Map<String, Object>>() { });
        Map<String, Object> data = Map.of("preset", "graphene", "dataset_seed", 3L, "microscope", ranges);
        try (TrainedModel m = TrainedModel.create(card(arch, Map.of("source", "EvaluateCommandTest")), 7)) {
            m.save(plainModel, m.card());
            m.save(recordedModel, card(arch, Map.of("data", data)));
        }
        dataset = shared.resolve("dataset");
        DatasetFolder.build(dataset, DatasetPreset.GRAPHENE, DatasetPreset.GRAPHENE.microscopes(), 5, 1, 1, 2, n -> { });
    }

    private static ModelCard card(FusionNetArchitecture arch, Map<String, Object> training) {
        return new ModelCard(ModelCard.FORMAT, arch, List.of("background", "carbon"), 0.12, 12, TrainedModel.weightsFileName(0),
                training, 0, null, ModelCard.currentSoftwareVersion());
    }

    @Test
    void heldOutDatasetImagesGiveOneRowPerDoseAndPerImageAndAReadablePlot() throws Exception {
        Path out = temp.resolve("out");
        String[] r = CliRun.run("evaluate", "--model", plainModel.toString(), "--data", dataset.toString(), "--doses", "1e4, 1e2",
                "--images-per-dose", "2", "--crop", "64", "--save-images", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals("dose_e_per_A2,images,true_sites,found,tp,fp,fn,precision,recall,f1,rmse_A,class_accuracy", metrics.get(0));
        assertEquals(3, metrics.size());
        assertTrue(metrics.get(1).startsWith("100,2,"), "doses are sorted: " + metrics);
        assertTrue(metrics.get(2).startsWith("10000,2,"), metrics.get(2));
        for (String row : metrics.subList(1, 3)) {
            String[] cells = row.split(",");
            // true_sites = TP + FN and found = TP + FP.
            assertEquals(Integer.parseInt(cells[2]), Integer.parseInt(cells[4]) + Integer.parseInt(cells[6]), row);
            assertEquals(Integer.parseInt(cells[3]), Integer.parseInt(cells[4]) + Integer.parseInt(cells[5]), row);
            // A 64-px crop of 0.11-0.13 Å pixels, less 1 Å per side, is 5-6.3 Å square: 10-15 graphene atoms per image.
            assertTrue(Integer.parseInt(cells[2]) >= 2 * 6, row);
        }
        assertEquals(5, Files.readAllLines(out.resolve("per-image.csv")).size());
        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(0.5, json.get("matching_radius_A").asDouble(), "graphene atoms match within 0.5 Å");
        assertEquals("dataset", json.get("about").get("microscope_source").asText(), "the card names no microscope");
        assertEquals(1, json.get("about").get("images").get("validation_examples").asInt());
        assertEquals("plain", json.get("about").get("model").get("name").asText());
        assertEquals(2, json.get("doses").size());
        assertEquals("dihedral-8", json.get("about").get("settings").get("symmetrization").asText(), "analyze's default");
        BufferedImage plot = ImageIO.read(out.resolve("dose-plot.png").toFile());
        assertEquals(900, plot.getWidth());
        for (String picture : List.of("100-00.png", "100-01.png", "10000-00.png", "10000-01.png")) {
            assertEquals(512, ImageIO.read(out.resolve("images").resolve(picture).toFile()).getWidth(), "64 px enlarged 8×");
        }
        assertTrue(r[1].contains("dose e/Å²") && r[1].contains("wrote " + out), r[1]);
    }

    @Test
    void freshPresetStructuresUseTheCardsMicroscopeAndASeedOutsideTheTrainingSeedsWithSymmetrizedMaps() throws Exception {
        Path out = temp.resolve("out");
        String[] r = CliRun.run("evaluate", "--model", recordedModel.toString(), "--preset", "graphene", "--examples", "1",
                "--doses", "1e3", "--images-per-dose", "1", "--crop", "64", "--seed", "4", "--symmetrize", "4", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode about = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("about");
        assertEquals("model card", about.get("microscope_source").asText());
        assertEquals("graphene-80kv-wide", about.get("microscope").get("name").asText());
        assertEquals(SimulatedTestImages.freshStructureSeed(4), about.get("images").get("structure_seed").asLong());
        assertEquals("rotations-4", about.get("settings").get("symmetrization").asText());
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size());
    }

    @Test
    void badInputExitsWithTwoNamesTheProblemAndWritesNothing() throws Exception {
        Path notADataset = Files.createDirectories(temp.resolve("empty"));
        Path out = temp.resolve("out");
        String model = plainModel.toString();
        Map<List<String>, String> cases = Map.of(
                List.of("--model", temp.resolve("nothing").toString(), "--preset", "graphene"), "--model",
                List.of("--model", model, "--preset", "silver"), "unknown dataset preset 'silver'",
                List.of("--model", model, "--preset", "graphene", "--doses", "1e2,abc"), "--doses: 'abc' is not a number",
                List.of("--model", model, "--preset", "graphene", "--doses", "1e2,-5"), "--doses: every dose must be a positive",
                List.of("--model", model, "--data", notADataset.toString()), "not a dataset folder",
                List.of("--model", model, "--data", dataset.toString(), "--preset", "graphene"), "mutually exclusive",
                List.of("--model", model, "--preset", "gold", "--microscope", "graphene-80kv"), "eV",
                List.of("--model", recordedModel.toString(), "--preset", "graphene", "--seed",
                        Long.toString(3 - SimulatedTestImages.FRESH_SEED_OFFSET)), "would simulate structures of the model's training dataset",
                List.of("--model", model, "--preset", "graphene", "--crop", "60"), "--crop",
                List.of("--model", model, "--preset", "graphene", "--symmetrize", "2"), "--symmetrize must be none, 4 or 8");
        cases.forEach((args, message) -> {
            String[] all = new String[args.size() + 3];
            all[0] = "evaluate";
            for (int i = 0; i < args.size(); i++) {
                all[i + 1] = args.get(i);
            }
            all[args.size() + 1] = "--out";
            all[args.size() + 2] = out.toString();
            String[] r = CliRun.run(all);
            assertEquals("2", r[0], args + ": " + r[1] + r[2]);
            assertTrue(r[2].contains(message), args + " should say '" + message + "': " + r[2]);
            assertFalse(Files.exists(out), args + " left " + out);
        });
    }
}
