package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.data.DatasetBuilder;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.ParameterDistribution;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedTestImagesTest {

    @TempDir
    static Path examples;

    @BeforeAll
    static void simulateOneGrapheneExample() throws Exception {
        DatasetBuilder.build(examples, 1, 1, i -> DatasetPreset.GRAPHENE.example(SimulatedTestImages.freshStructureSeed(3), i), n -> { });
    }

    private static SimulatedTestImages images() {
        return new SimulatedTestImages(SimulatedTestImages.folder(examples), DatasetPreset.GRAPHENE.microscopes(), 2, 128, 5);
    }

    @Test
    void imageIAtEveryDoseShowsTheSameCropOfTheSameStructureWithTheSameMicroscope() {
        SimulatedTestImages images = images();
        for (int i = 0; i < 2; i++) {
            Evaluation.TestImage low = images.image(100, i);
            Evaluation.TestImage high = images.image(1e6, i);
            Grid grid = low.channels().get(0).grid();
            assertEquals(grid, high.channels().get(0).grid());
            assertEquals(low.truth(), high.truth());
            // graphene-80kv draws pixel sizes in [0.11, 0.13] Å (nudged by < 1 % to an FFT-friendly size).
            assertTrue(grid.dxAngstrom() > 0.108 && grid.dxAngstrom() < 0.132, "pixel size " + grid.dxAngstrom());
            assertEquals(128, grid.nx());
            // A 14-17 Å square crop of graphene (0.38 atoms/Å²) holds about 75-110 atoms, fewer at holes.
            assertTrue(low.truth().size() > 40, "sites in the crop: " + low.truth().size());
            for (Site s : low.truth()) {
                assertTrue(s.xAngstrom() > -0.5 * grid.dxAngstrom() && s.xAngstrom() < (grid.nx() - 0.5) * grid.dxAngstrom()
                        && s.yAngstrom() > -0.5 * grid.dyAngstrom() && s.yAngstrom() < (grid.ny() - 0.5) * grid.dyAngstrom(), s.toString());
            }
        }
    }

    @Test
    void shotNoiseVarianceScalesAsOneOverDose() {
        // Images are in electron counts (dose × pixel area × intensity); per unit dose the Poisson variance of a pixel
        // is intensity / (dose × area), so the variance of (image/dose − nearly noiseless image/dose) is ∝ 1/dose. The
        // MTF filters the noise the same way at every dose, so the ratio between 100 and 1000 e/Å² is 10.
        SimulatedTestImages images = images();
        float[] clean = perDose(images, 1e9);
        double ratio = differenceVariance(perDose(images, 100), clean) / differenceVariance(perDose(images, 1000), clean);
        assertEquals(10, ratio, 1);
    }

    private static float[] perDose(SimulatedTestImages images, double dose) {
        float[] counts = images.image(dose, 0).channels().get(0).data().clone();
        for (int i = 0; i < counts.length; i++) {
            counts[i] /= (float) dose;
        }
        return counts;
    }

    private static double differenceVariance(float[] a, float[] b) {
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d;
            sum2 += d * d;
        }
        double mean = sum / a.length;
        return sum2 / a.length - mean * mean;
    }

    @Test
    void atDoseFixesTheDoseAndKeepsEveryOtherRange() {
        MicroscopeDistribution preset = DatasetPreset.GRAPHENE.microscopes();
        MicroscopeDistribution fixed = SimulatedTestImages.atDose(preset, 300);
        assertEquals(new ParameterDistribution.Fixed(300), fixed.parameters().get("dose_e_per_A2"));
        assertEquals(preset.parameters().keySet(), fixed.parameters().keySet());
        preset.parameters().forEach((k, v) -> {
            if (!k.equals("dose_e_per_A2")) {
                assertEquals(v, fixed.parameters().get(k), k);
            }
        });
        assertEquals(300, fixed.sample(new SplittableRandom(1)).doseElectronsPerA2());
        assertThrows(AtomfinderException.class, () -> SimulatedTestImages.atDose(preset, 0));
        assertThrows(AtomfinderException.class, () -> SimulatedTestImages.atDose(preset, Double.POSITIVE_INFINITY));
    }

    @Test
    void freshStructureSeedsAreNeitherTheTrainingNorTheValidationSeedsOfADatasetWithTheSameSeed() {
        for (long seed : new long[] {0, 1, 42, 2026, -7}) {
            long fresh = SimulatedTestImages.freshStructureSeed(seed);
            assertFalse(SimulatedTestImages.overlapsDataset(fresh, seed));
            assertTrue(SimulatedTestImages.overlapsDataset(seed + DatasetFolder.VALIDATION_SEED_OFFSET, seed));
            assertTrue(SimulatedTestImages.overlapsDataset(fresh, fresh));
        }
    }
}
