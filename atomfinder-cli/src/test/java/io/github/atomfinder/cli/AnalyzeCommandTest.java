package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.analysis.Scoring;
import io.github.atomfinder.analysis.Site;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import io.github.atomfinder.nn.FusionNetArchitecture;
import io.github.atomfinder.nn.ModelCard;
import io.github.atomfinder.nn.NetTraining;
import io.github.atomfinder.nn.ProbabilityLoss;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.nn.TrainingSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    /** Training steps: the MSE loss falls from 0.30 to 0.017 in 40 steps of 4 crops (measured), enough for P, R > 0.9. */
    static final long STEPS = 40;

    @TempDir
    static Path shared;

    /** A [background, atom] model trained once for the class on {@link BlobScenes#trainingSource}. */
    static Path model;

    @TempDir
    Path temp;

    @BeforeAll
    static void trainTinyModel() throws Exception {
        model = shared.resolve("tiny");
        FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, 8, 2);
        ModelCard card = new ModelCard(ModelCard.FORMAT, arch, List.of("background", "atom"), BlobScenes.PIXEL_SIZE_A,
                BlobScenes.NORMALISATION_SIGMA_A, TrainedModel.weightsFileName(0), Map.of("source", "AnalyzeCommandTest"), 0, null,
                ModelCard.currentSoftwareVersion());
        TrainingSettings settings = new TrainingSettings(4, STEPS, 5e-3, 0, ProbabilityLoss.Kind.MSE, (int) STEPS, (int) STEPS, 2, 3.0, 7);
        try (TrainedModel m = TrainedModel.create(card, 7)) {
            new NetTraining().train(m, BlobScenes.trainingSource(32, 11), settings, model, (s, t, l) -> { });
        }
    }

    /** Writes a calibrated test scene as TIFF and returns it. */
    private BlobScenes.Scene writeScene(Path file, long seed) throws Exception {
        BlobScenes.Scene scene = BlobScenes.scene(96, 8, 0.1, new SplittableRandom(seed));
        ImageFiles.write(file, scene.image(), true);
        return scene;
    }

    /** Found atoms of an atoms.csv against the scene's, matched within 0.4 Å. */
    private static Scoring.Score score(List<String> lines, BlobScenes.Scene scene) {
        List<Site> found = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            double[] v = Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray();
            // x_A = x_px · pixel size: pixel centres at integer coordinates (docs/conventions.md).
            assertEquals(v[0] * BlobScenes.PIXEL_SIZE_A, v[2], 1e-4);
            found.add(new Site(v[2], v[3], 1));
        }
        List<Site> truth = scene.atomsPx().stream().map(a -> new Site(a[0] * BlobScenes.PIXEL_SIZE_A, a[1] * BlobScenes.PIXEL_SIZE_A, 1)).toList();
        // Tolerance 0.4 Å = 2 px: a quarter of the 8 px (1.6 Å) atom spacing, so no atom can match a neighbour's detection.
        return Scoring.score(found, truth, 0.4);
    }

    @Test
    void oneNetworkPassOnRequestFindsTheAtomsAndIsRecordedWhileBadCountsAreRefused() throws Exception {
        Path image = temp.resolve("scene.tif");
        BlobScenes.Scene scene = writeScene(image, 5);
        Path out = temp.resolve("out");
        String[] r = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--symmetrize", "none", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        Scoring.Score score = score(Files.readAllLines(out.resolve("atoms.csv")), scene);
        assertTrue(score.precision() > 0.9 && score.recall() > 0.9, score + " over " + scene.atomsPx().size() + " atoms");
        assertEquals("none", new ObjectMapper().readTree(out.resolve("atoms.json").toFile()).get("symmetrization").asText());

        Path refused = temp.resolve("refused");
        String[] bad = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--symmetrize", "6", "--out", refused.toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("--symmetrize must be none, 4 or 8"), bad[2]);
        assertFalse(Files.exists(refused));
    }

    @Test
    void findsSimulatedAtomsWithPrecisionAndRecallAboveNinetyPercent() throws Exception {
        Path image = temp.resolve("scene.tif");
        BlobScenes.Scene scene = writeScene(image, 5);
        Path out = temp.resolve("out");
        String[] r = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(out.resolve("atoms.csv"));
        assertEquals("x_px,y_px,x_A,y_A,class,confidence,p_background,p_atom", lines.get(0));
        Scoring.Score score = score(lines, scene);
        assertTrue(score.precision() > 0.9 && score.recall() > 0.9, score + " over " + scene.atomsPx().size() + " atoms");
        assertTrue(r[1].contains("scene.tif: " + (lines.size() - 1) + " atoms, mean confidence"), r[1]);

        JsonNode json = new ObjectMapper().readTree(out.resolve("atoms.json").toFile());
        assertEquals("scene.tif", json.get("image").asText());
        assertEquals("dihedral-8", json.get("symmetrization").asText(), "maps are averaged over 8 symmetries by default");
        BufferedImage overlay = ImageIO.read(out.resolve("overlay.png").toFile());
        assertEquals(96, overlay.getWidth());
        assertEquals(96, overlay.getHeight());
        for (String cls : List.of("background", "atom")) {
            LoadedImage map = ImageFiles.read(out.resolve("probability-" + cls + ".tif")).get(0);
            assertTrue(map.calibrated());
            assertEquals(BlobScenes.PIXEL_SIZE_A, map.image().grid().dxAngstrom(), 1e-6);
            assertEquals(96, map.image().nx());
        }
    }

    @Test
    void grapheneSummaryWritesItsFilesAndPrintsBondsAndRings() throws Exception {
        Path image = temp.resolve("scene.tif");
        writeScene(image, 6);
        Path out = temp.resolve("out");
        String[] r = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--graphene-summary", "--colour", "confidence",
                "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        for (String f : List.of("graphene.json", "graphene.txt", "graphene-overlay.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        new ObjectMapper().readTree(out.resolve("graphene.json").toFile());
        // Atoms 8 px = 1.6 Å apart on a square grid: bonds (cutoff 1.85 Å) join grid neighbours, faces are 4-rings.
        assertTrue(r[1].matches("(?s).*bonds 1\\.[5-6]\\d\\d ± 0\\.\\d+ Å \\(\\d+\\), rings .*4:\\d+.*"), r[1]);
    }

    @Test
    void stacksAndSeveralFilesGetOneSubfolderPerFrame() throws Exception {
        Path single = temp.resolve("a.tif");
        writeScene(single, 7);
        Path stack = temp.resolve("b.tif");
        ImageFiles.writeStack(stack, List.of(BlobScenes.scene(64, 8, 0.1, new SplittableRandom(8)).image(),
                BlobScenes.scene(64, 8, 0.1, new SplittableRandom(9)).image()), true);
        Path out = temp.resolve("out");
        String[] r = CliRun.run("analyze", single.toString(), stack.toString(), "--model", model.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        try (var entries = Files.list(out)) {
            assertEquals(List.of("a", "b_frame000", "b_frame001"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String folder : List.of("a", "b_frame000", "b_frame001")) {
            assertTrue(Files.isRegularFile(out.resolve(folder).resolve("atoms.csv")), folder);
        }
        assertTrue(r[1].contains("b.tif frame 1: "), r[1]);
    }

    @Test
    void modelNameIsFoundUnderTheHomeModelsFolderAndUnknownNamesListTheAvailableOnes() throws Exception {
        Path home = temp.resolve("home");
        Files.createDirectories(home.resolve("models"));
        Files.createSymbolicLink(home.resolve("models").resolve("tiny"), model);
        Files.createSymbolicLink(home.resolve("models").resolve("blob-8px"), model);
        Files.createSymbolicLink(home.resolve("models").resolve("dot-1"), model);
        Files.createSymbolicLink(home.resolve("models").resolve("dot-2"), model);
        Path image = temp.resolve("scene.tif");
        writeScene(image, 5);
        String before = System.getProperty(ModelLocator.HOME_PROPERTY);
        System.setProperty(ModelLocator.HOME_PROPERTY, home.toString());
        try {
            String[] ok = CliRun.run("analyze", image.toString(), "--model", "tiny", "--out", temp.resolve("out").toString());
            assertEquals("0", ok[0], ok[2]);
            String[] family = CliRun.run("analyze", image.toString(), "--model", "blob", "--out", temp.resolve("out1").toString());
            assertEquals("0", family[0], "'blob' names the only blob-* bundle: " + family[2]);
            String[] ambiguous = CliRun.run("analyze", image.toString(), "--model", "dot", "--out", temp.resolve("out3").toString());
            assertEquals("2", ambiguous[0]);
            assertTrue(ambiguous[2].contains("[dot-1, dot-2]"), ambiguous[2]);
            String[] bad = CliRun.run("analyze", image.toString(), "--model", "huge", "--out", temp.resolve("out2").toString());
            assertEquals("2", bad[0]);
            assertTrue(bad[2].contains("'huge'") && bad[2].contains("available model names: ") && bad[2].contains("tiny"), bad[2]);
            assertFalse(Files.exists(temp.resolve("out2")));
            assertFalse(Files.exists(temp.resolve("out3")));
        } finally {
            if (before == null) {
                System.clearProperty(ModelLocator.HOME_PROPERTY);
            } else {
                System.setProperty(ModelLocator.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void uncalibratedImagesNeedPixelSizeAndPixelSizeOverridesCalibration() throws Exception {
        Path plain = temp.resolve("plain.tif");
        ImageFiles.write(plain, BlobScenes.scene(64, 8, 0.1, new SplittableRandom(3)).image(), false);
        String[] missing = CliRun.run("analyze", plain.toString(), "--model", model.toString(), "--out", temp.resolve("o1").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains(plain.toString()) && missing[2].contains("atomfinder calibrate"), missing[2]);
        assertFalse(Files.exists(temp.resolve("o1")));

        String[] given = CliRun.run("analyze", plain.toString(), "--model", model.toString(), "--pixel-size", "0.2", "--out",
                temp.resolve("o2").toString());
        assertEquals("0", given[0], given[2]);
        LoadedImage map = ImageFiles.read(temp.resolve("o2").resolve("probability-atom.tif")).get(0);
        assertEquals(0.2, map.image().grid().dxAngstrom(), 1e-6);

        Path calibrated = temp.resolve("calibrated.tif");
        writeScene(calibrated, 4);
        String[] override = CliRun.run("analyze", calibrated.toString(), "--model", model.toString(), "--pixel-size", "0.21",
                "--out", temp.resolve("o3").toString());
        assertEquals("0", override[0], override[2]);
        assertTrue(override[1].contains("--pixel-size 0.21000 Å overrides the file's 0.20000 Å"), override[1]);
    }

    @Test
    void badImagesFailWithTheFileNamedExitCodeTwoAndNoOutputFolder() throws Exception {
        Path good = temp.resolve("good.tif");
        writeScene(good, 5);
        Path text = temp.resolve("notes.txt");
        Files.writeString(text, "not an image\n");
        Path tiny = temp.resolve("one-pixel.tif");
        ImageFiles.write(tiny, new RealImage(Grid.of(1, 1, 0.2), new float[] {1}), true);
        Path small = temp.resolve("small.tif");
        ImageFiles.write(small, new RealImage(Grid.of(12, 12, 0.2), new float[144]), true);
        Path nan = temp.resolve("nan.tif");
        float[] data = BlobScenes.scene(32, 8, 0.1, new SplittableRandom(1)).image().data();
        data[40] = Float.NaN;
        ImageFiles.write(nan, new RealImage(Grid.of(32, 32, 0.2), data), true);
        Path absent = temp.resolve("absent.tif");
        for (Path bad : List.of(absent, text, tiny, small, nan)) {
            Path out = temp.resolve("out-" + bad.getFileName());
            // The good image first: a failure in any file must leave nothing behind.
            String[] r = CliRun.run("analyze", good.toString(), bad.toString(), "--model", model.toString(), "--out", out.toString());
            assertEquals("2", r[0], bad + ": " + r[2]);
            assertTrue(r[2].contains(bad.toString()), r[2]);
            assertFalse(Files.exists(out), out.toString());
        }
    }

    @Test
    void maskImageAndPolygonDropTheSameAtoms() throws Exception {
        Path image = temp.resolve("scene.tif");
        writeScene(image, 5);
        float[] left = new float[96 * 96];
        for (int y = 0; y < 96; y++) {
            Arrays.fill(left, y * 96, y * 96 + 48, 1f);
        }
        Path maskFile = temp.resolve("mask.tif");
        ImageFiles.write(maskFile, new RealImage(Grid.of(96, 96, 0.2), left), true);
        String[] byImage = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--mask", maskFile.toString(),
                "--out", temp.resolve("m1").toString());
        assertEquals("0", byImage[0], byImage[2]);
        // Pixel centres x = 0..47 lie inside the polygon, x = 48 does not.
        String[] byPolygon = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--mask-polygon",
                "-0.5,-0.5;47.5,-0.5;47.5,95.5;-0.5,95.5", "--out", temp.resolve("m2").toString());
        assertEquals("0", byPolygon[0], byPolygon[2]);
        List<String> masked = Files.readAllLines(temp.resolve("m1").resolve("atoms.csv"));
        assertEquals(masked, Files.readAllLines(temp.resolve("m2").resolve("atoms.csv")));
        assertTrue(masked.size() > 20, "atoms kept: " + (masked.size() - 1));
        for (String line : masked.subList(1, masked.size())) {
            assertTrue(Math.round(Double.parseDouble(line.split(",")[0])) >= 48, line);
        }

        Path wrongSize = temp.resolve("wrong-mask.tif");
        ImageFiles.write(wrongSize, new RealImage(Grid.of(32, 32, 0.2), new float[1024]), true);
        String[] r = CliRun.run("analyze", image.toString(), "--model", model.toString(), "--mask", wrongSize.toString(),
                "--out", temp.resolve("m3").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains(wrongSize.toString()), r[2]);
        assertFalse(Files.exists(temp.resolve("m3")));
    }

    @Test
    void modelsWithMoreThanTwoClassesAreSegmentedByWatershedAndOneClassModelsByPeaks() throws Exception {
        Path image = temp.resolve("scene.tif");
        writeScene(image, 5);
        for (List<String> classes : List.of(List.of("background", "light", "heavy"), List.of("atom"))) {
            Path dir = temp.resolve("model-" + classes.size());
            // Untrained weights: this checks which post-processing runs and what it writes, not what it finds.
            FusionNetArchitecture arch = new FusionNetArchitecture(1, classes.size(), 4, 2);
            ModelCard card = new ModelCard(ModelCard.FORMAT, arch, classes, BlobScenes.PIXEL_SIZE_A, BlobScenes.NORMALISATION_SIGMA_A,
                    TrainedModel.weightsFileName(0), Map.of("source", "untrained"), 0, null, ModelCard.currentSoftwareVersion());
            try (TrainedModel m = TrainedModel.create(card, 3)) {
                m.save(dir, card);
            }
            Path out = temp.resolve("out-" + classes.size());
            String[] r = CliRun.run("analyze", image.toString(), "--model", dir.toString(), "--epsilon", "0.9", "--out", out.toString());
            assertEquals("0", r[0], r[2]);
            String header = Files.readAllLines(out.resolve("atoms.csv")).get(0);
            JsonNode json = new ObjectMapper().readTree(out.resolve("atoms.json").toFile());
            if (classes.size() == 3) {
                assertEquals("x_px,y_px,x_A,y_A,class,confidence,p_background,p_light,p_heavy", header);
                assertTrue(json.toString().contains("\"epsilon\":0.9"), json.toString());
                assertTrue(Files.isRegularFile(out.resolve("probability-heavy.tif")));
            } else {
                // The sigmoid map's complement is reported as the background probability.
                assertEquals("x_px,y_px,x_A,y_A,class,confidence,p_background,p_atom", header);
                assertTrue(json.toString().contains("\"threshold\":0.5"), json.toString());
                assertFalse(Files.exists(out.resolve("probability-background.tif")));
            }
        }
    }
}
