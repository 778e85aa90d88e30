package io.github.atomfinder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairSamplerTest {

    @TempDir
    static Path dataset;

    private static final PairSampler.Settings SETTINGS =
            new PairSampler.Settings(128, 0.35, 12, 2, new double[] {0}, 0, 0);

    @BeforeAll
    static void buildTwoGrapheneExamples() throws Exception {
        DatasetBuilder.build(dataset, 2, 2, i -> DatasetPreset.GRAPHENE.example(7, i), n -> { });
    }

    private static PairSampler sampler(PairSampler.Settings settings, long seed) throws Exception {
        return new PairSampler(dataset, DatasetPreset.GRAPHENE.microscopes(), settings, seed);
    }

    @Test
    void sameSeedGivesBitIdenticalPairsAndStepsDiffer() throws Exception {
        TrainingPair a = sampler(SETTINGS, 3).pair(11, 1);
        TrainingPair b = sampler(SETTINGS, 3).pair(11, 1);
        TrainingPair c = sampler(SETTINGS, 3).pair(12, 1);
        assertArrayEquals(a.input(), b.input());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.input(), c.input()));
    }

    @Test
    void labelsSumToOneAndPeakOnEveryCarbonInTheCrop() throws Exception {
        labelsPeakOnEveryCarbon(sampler(SETTINGS, 5).draw(3, 0));
    }

    @Test
    void imagesResampledToTheModelPixelSizeKeepTheirLabelsOnTheAtoms() throws Exception {
        PairSampler.Settings model = new PairSampler.Settings(128, 0.35, 12, 2, new double[] {0}, 0, 0, 0.12, 0.03);
        PairSampler sampler = sampler(model, 5);
        for (int step = 0; step < 4; step++) {
            PairSampler.Drawn drawn = sampler.draw(step, 0);
            double pixel = drawn.rawImages().get(0).grid().dxAngstrom();
            assertTrue(pixel > 0.12 * 0.97 - 1e-3 && pixel < 0.12 * 1.03 + 1e-3,
                    "the microscope drew " + drawn.microscope().pixelSizeAngstrom() + " Å, the pair has " + pixel + " Å");
            labelsPeakOnEveryCarbon(drawn);
        }
    }

    private static void labelsPeakOnEveryCarbon(PairSampler.Drawn drawn) {
        TrainingPair pair = drawn.pair();
        int plane = 128 * 128;
        for (int p = 0; p < plane; p++) {
            assertEquals(1.0, pair.labels()[p] + pair.labels()[plane + p], 1e-5);
        }
        Sites sites = drawn.sitesInCrop();
        Grid grid = drawn.rawImages().get(0).grid();
        assertTrue(sites.size() > 50, "a 15 Å crop of graphene holds about 90 atoms (fewer at holes), got " + sites.size());
        for (int i = 0; i < sites.size(); i++) {
            double px = sites.x(i) / grid.dxAngstrom();
            double py = sites.y(i) / grid.dyAngstrom();
            int ix = (int) Math.round(px);
            int iy = (int) Math.round(py);
            if (ix < 0 || iy < 0 || ix >= 128 || iy >= 128) {
                continue;
            }
            double d2 = Math.pow((ix - px) * grid.dxAngstrom(), 2) + Math.pow((iy - py) * grid.dyAngstrom(), 2);
            double expected = Math.exp(-d2 / (2 * 0.35 * 0.35));
            assertTrue(pair.labels()[plane + iy * 128 + ix] >= expected - 0.02,
                    "carbon label at site " + i + " is " + pair.labels()[plane + iy * 128 + ix]);
        }
    }

    @Test
    void normalisedInputHasLocalMeanZeroAndUnitRms() throws Exception {
        for (int step = 0; step < 3; step++) {
            TrainingPair pair = sampler(SETTINGS, 9).pair(step, 0);
            RealImage input = new RealImage(Grid.of(128, 128, 1), pair.input());
            assertEquals(0, input.mean(), 0.15, "mean of a normalised crop");
            double rms = Math.sqrt(input.standardDeviation() * input.standardDeviation() + input.mean() * input.mean());
            assertEquals(1, rms, 0.25, "RMS of a normalised crop");
        }
    }

    @Test
    void focalSeriesGivesOneChannelPerDefocus() throws Exception {
        PairSampler.Settings series = new PairSampler.Settings(64, 0.35, 12, 2, new double[] {-170, -40, 90}, 0.1, 0.1);
        PairSampler sampler = sampler(series, 1);
        TrainingPair pair = sampler.pair(0, 0);
        assertEquals(3, sampler.inputChannels());
        assertEquals(3, pair.inputChannels());
        float[] first = Arrays.copyOfRange(pair.input(), 0, 64 * 64);
        float[] second = Arrays.copyOfRange(pair.input(), 64 * 64, 2 * 64 * 64);
        assertFalse(Arrays.equals(first, second), "different defocus, different image");
    }
}
