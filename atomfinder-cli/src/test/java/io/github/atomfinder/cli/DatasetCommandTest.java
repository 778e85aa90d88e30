package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.data.Example;
import io.github.atomfinder.data.ExampleStore;
import io.github.atomfinder.data.Sites;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.structure.BondGraph;
import io.github.atomfinder.structure.PeriodicBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {

    @TempDir
    Path dir;

    @Test
    void buildsContinuesAndSamplesAGrapheneDataset() throws Exception {
        Path dataset = dir.resolve("ds");
        assertEquals(0, Main.run("dataset", "build", "--preset", "graphene", "--count", "1", "--validation", "1",
                "--seed", "4", "--microscope", "graphene-80kv-wide", "--out", dataset.toString()));
        assertTrue(ExampleStore.exists(dataset, 0));
        assertTrue(Files.readString(dataset.resolve("dataset.json")).contains("graphene-80kv-wide"));
        assertTrue(ExampleStore.exists(dataset.resolve("validation"), 0));
        // Continuing with a larger count keeps the first example and adds the second.
        var before = Files.getLastModifiedTime(ExampleStore.folder(dataset, 0).resolve("wave.npy"));
        assertEquals(0, Main.run("dataset", "build", "--preset", "graphene", "--count", "2", "--validation", "1",
                "--seed", "4", "--out", dataset.toString()));
        assertEquals(before, Files.getLastModifiedTime(ExampleStore.folder(dataset, 0).resolve("wave.npy")));
        assertTrue(ExampleStore.exists(dataset, 1));

        Path samples = dir.resolve("samples");
        assertEquals(0, Main.run("dataset", "sample", dataset.toString(), "--count", "2", "--crop", "64",
                "--out", samples.toString()));
        assertTrue(Files.size(samples.resolve("contact-sheet.png")) > 1000);
        NpyArray labels = Npy.read(samples.resolve("pair-001-labels.npy"));
        assertEquals(2, labels.shape()[0]);
        assertEquals(64, labels.shape()[1]);
        assertTrue(Files.isRegularFile(samples.resolve("pair-000-image.tif")));

        Path model = dir.resolve("model");
        assertEquals(0, Main.run("train", "--data", dataset.toString(), "--width", "4", "--crop", "64", "--batch", "1",
                "--steps", "3", "--validate-every", "3", "--validation-size", "2", "--threads", "1",
                "--out", model.toString()));
        String card = Files.readString(model.resolve("model.json"));
        assertTrue(card.contains("\"carbon\"") && card.contains("\"preset\" : \"graphene\""), card);

        // A curriculum: the same waves through other microscope ranges, recorded as a second stage.
        String[] resume = {"train", "--data", dataset.toString(), "--width", "4", "--crop", "64", "--batch", "1",
            "--steps", "4", "--validate-every", "4", "--validation-size", "2", "--threads", "1", "--resume",
            "--out", model.toString()};
        assertEquals(Main.EXIT_USER_ERROR, Main.run(concat(resume, "--microscope", "gold-300kv")), "300 kV ranges, 80 kV waves");
        assertEquals(0, Main.run(concat(resume, "--microscope", "graphene-80kv-start")));
        try (TrainedModel trained = TrainedModel.load(model)) {
            List<?> stages = (List<?>) trained.card().training().get("stages");
            assertEquals(2, stages.size());
            Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) stages.get(1)).get("data");
            assertEquals("graphene-80kv-start", ((Map<?, ?>) data.get("microscope")).get("name"));
            assertEquals(4, trained.card().steps());
        }

        // Fine-tuning to one camera: a fixed pixel size other than the model's is resampled to the model's.
        double modelPixel = TrainedModel.readCard(model).pixelSizeAngstrom();
        assertEquals(0.12, modelPixel, 1e-12);
        assertEquals(0, Main.run("train", "--data", dataset.toString(), "--crop", "64", "--batch", "1", "--steps", "5",
                "--validate-every", "5", "--validation-size", "2", "--threads", "1", "--resume", "--out", model.toString(),
                "--microscope", "graphene-80kv-paper-test"));
        try (TrainedModel trained = TrainedModel.load(model)) {
            List<?> stages = (List<?>) trained.card().training().get("stages");
            Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) stages.get(2)).get("data");
            assertEquals(0.11953125, ((Number) ((Map<?, ?>) data.get("microscope")).get("pixel_size_A")).doubleValue(), 1e-12);
            assertEquals(modelPixel, ((Number) data.get("model_pixel_A")).doubleValue(), 1e-12);
            assertEquals(modelPixel, trained.card().pixelSizeAngstrom(), 1e-12);
            assertEquals(5, trained.card().steps());
            assertEquals(0.35, ((Number) data.get("label_sigma_A")).doubleValue(), 1e-12);
        }

        // Sharper labels are a stage of their own.
        String[] sharper = {"train", "--data", dataset.toString(), "--crop", "64", "--batch", "1", "--steps", "6",
            "--validate-every", "6", "--validation-size", "2", "--threads", "1", "--resume", "--out", model.toString(),
            "--microscope", "graphene-80kv-paper-test", "--label-sigma"};
        assertEquals(Main.EXIT_USER_ERROR, Main.run(concat(sharper, "0")));
        assertEquals(0, Main.run(concat(sharper, "0.25")));
        try (TrainedModel trained = TrainedModel.load(model)) {
            List<?> stages = (List<?>) trained.card().training().get("stages");
            assertEquals(4, stages.size());
            Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) stages.get(3)).get("data");
            assertEquals(0.25, ((Number) data.get("label_sigma_A")).doubleValue(), 1e-12);
        }
    }

    @Test
    void grapheneHolesAreASettingOfTheDatasetThatContinuingKeeps() throws Exception {
        Path solid = dir.resolve("solid");
        assertEquals(0, Main.run("dataset", "build", "--preset", "graphene", "--count", "2", "--validation", "1",
                "--seed", "6", "--max-holes", "0", "--out", solid.toString()));
        for (Path d : List.of(solid, solid.resolve("validation"))) {
            for (int i : ExampleStore.indices(d)) {
                assertEquals(0, rimAtoms(ExampleStore.read(d, i)), "without holes every atom keeps three bonds");
            }
        }
        Path holey = dir.resolve("holey");
        String[] build = {"dataset", "build", "--preset", "graphene", "--validation", "1", "--seed", "6", "--out",
            holey.toString()};
        assertEquals(0, Main.run(concat(build, "--count", "2", "--max-holes", "8", "--hole-radius", "4,6")));
        int rims = rimAtoms(ExampleStore.read(holey, 0)) + rimAtoms(ExampleStore.read(holey, 1));
        assertTrue(rims > 40, rims + " rim atoms in two sheets with up to 8 holes");
        assertTrue(Files.readString(holey.resolve("dataset.json")).replaceAll("\\s", "").contains("\"holes\":{\"max\":8,\"radius_A\":[4.0,6.0]}"));

        // Continuing without hole options keeps the dataset's; other hole settings are refused rather than mixed.
        assertEquals(0, Main.run(concat(build, "--count", "3")));
        assertTrue(ExampleStore.read(holey, 2).parameters().get("structure").contains("maxHoles=8"));
        assertEquals(Main.EXIT_USER_ERROR, Main.run(concat(build, "--count", "4", "--max-holes", "4")));
        assertFalse(ExampleStore.exists(holey, 3));

        // A model trained on it says so on its card.
        Path model = dir.resolve("model");
        assertEquals(0, Main.run("train", "--data", holey.toString(), "--width", "4", "--crop", "64", "--batch", "1",
                "--steps", "1", "--validate-every", "1", "--validation-size", "1", "--threads", "1", "--out", model.toString()));
        try (TrainedModel trained = TrainedModel.load(model)) {
            Map<?, ?> data = (Map<?, ?>) ((Map<?, ?>) ((List<?>) trained.card().training().get("stages")).get(0)).get("data");
            assertEquals(Map.of("max", 8, "radius_A", List.of(4.0, 6.0)), data.get("holes"));
        }
        Path gold = dir.resolve("gold");
        assertEquals(Main.EXIT_USER_ERROR, Main.run("dataset", "build", "--preset", "gold", "--count", "1", "--max-holes", "2",
                "--out", gold.toString()));
        assertFalse(Files.exists(gold));
    }

    /** Atoms with fewer than three neighbours within 1.8 Å (periodic cell): the rims of holes. */
    private static int rimAtoms(Example example) {
        Sites sites = example.sites();
        BondGraph bonds = BondGraph.byCutoff(sites.xAngstrom(), sites.yAngstrom(), new PeriodicBox(
                example.wave().grid().extentXAngstrom(), example.wave().grid().extentYAngstrom()), 1.8);
        return (int) IntStream.range(0, bonds.size()).filter(i -> bonds.coordination(i) < 3).count();
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void refusesToMixDatasetsAndRejectsBadCrops() throws Exception {
        Path dataset = dir.resolve("ds");
        assertEquals(0, Main.run("dataset", "build", "--preset", "graphene", "--count", "1", "--validation", "0",
                "--seed", "4", "--out", dataset.toString()));
        assertEquals(Main.EXIT_USER_ERROR, Main.run("dataset", "build", "--preset", "gold", "--count", "1",
                "--seed", "4", "--out", dataset.toString()));
        assertEquals(Main.EXIT_USER_ERROR, Main.run("dataset", "build", "--preset", "graphene", "--count", "1",
                "--microscope", "gold-300kv", "--out", dir.resolve("mismatch").toString()), "300 kV microscope, 80 kV waves");
        Path samples = dir.resolve("samples");
        assertEquals(Main.EXIT_USER_ERROR, Main.run("dataset", "sample", dataset.toString(), "--crop", "60",
                "--out", samples.toString()));
        assertFalse(Files.exists(samples), "no partial output on error");
        assertEquals(Main.EXIT_USER_ERROR, Main.run("dataset", "sample", dir.resolve("nothing").toString(),
                "--out", samples.toString()));
    }
}
