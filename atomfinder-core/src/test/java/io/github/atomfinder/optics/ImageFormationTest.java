package io.github.atomfinder.optics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImageFormationTest {

    /** A smooth periodic test wave: weak phase and amplitude modulation on a 96 x 80 grid at 0.05 Å. */
    private static ComplexField testWave() {
        Grid grid = new Grid(96, 80, 0.05, 0.05);
        float[] data = new float[2 * grid.size()];
        for (int y = 0; y < grid.ny(); y++) {
            for (int x = 0; x < grid.nx(); x++) {
                double phase = 0.3 * Math.sin(2 * Math.PI * 3 * x / grid.nx()) * Math.cos(2 * Math.PI * 5 * y / grid.ny())
                        + 0.1 * Math.cos(2 * Math.PI * (11 * x / (double) grid.nx() + 7 * y / (double) grid.ny()));
                double amplitude = 1 + 0.05 * Math.sin(2 * Math.PI * 2 * y / grid.ny());
                int i = 2 * (y * grid.nx() + x);
                data[i] = (float) (amplitude * Math.cos(phase));
                data[i + 1] = (float) (amplitude * Math.sin(phase));
            }
        }
        return new ComplexField(grid, data);
    }

    @Test
    void withoutAberrationsTheImageIsTheExitWaveIntensity() {
        ComplexField wave = testWave();
        RealImage image = ImageFormation.image(wave, Microscope.ideal(80e3), new SplittableRandom(1));
        float[] expected = wave.intensity().data();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], image.data()[i], 1e-5);
        }
    }

    @Test
    void planeWaveGivesUnitIntensityWhateverTheAberrations() {
        Microscope m = Microscope.ideal(300e3).withAberrations(Aberrations.NONE.withDefocus(80).withCs(-1e5)
                .withAstigmatism(30, 1)).withFocalSpread(30).withConvergence(0.5e-3).withBlur(0.2).withPixelSize(0.12);
        RealImage image = ImageFormation.image(ComplexField.planeWave(Grid.of(200, 200, 0.05)), m, new SplittableRandom(1));
        // 200 · 0.05 / 0.12 = 83.3 → 83 px of 10/83 Å.
        assertEquals(new Grid(83, 83, 10.0 / 83, 10.0 / 83), image.grid());
        assertEquals(1, image.min(), 1e-5);
        assertEquals(1, image.max(), 1e-5);
    }

    @Test
    void croppedBandwidthImageEqualsResamplingTheFullImage() {
        // The fast path (only the band the envelopes pass, intensity on a small grid) against forming the image on
        // the full 0.05 Å grid and Fourier-resampling it to 0.12 Å.
        ComplexField wave = testWave();
        Microscope m = Microscope.ideal(80e3).withAberrations(Aberrations.NONE.withDefocus(-60).withCs(-1.5e5))
                .withFocalSpread(25);
        RealImage full = ImageFormation.image(wave, m, new SplittableRandom(1));
        RealImage fast = ImageFormation.image(wave, m.withPixelSize(0.12), new SplittableRandom(1));
        RealImage reference = Detector.resample(full, fast.ny(), fast.nx(), 0);
        assertEquals(reference.grid(), fast.grid());
        assertTrue(AbtemReferenceTest.relativeL2(fast, reference) < 1e-5, "relative L2 " + AbtemReferenceTest.relativeL2(fast, reference));
        assertTrue(fast.standardDeviation() > 0.01, "the test wave must show contrast");
    }

    @Test
    void doseNoiseOfAUniformImageHasMeanAndVarianceDoseTimesPixelArea() {
        // Poisson: mean = variance = D · Δx · Δy. 256² pixels: the standard error of the mean is sqrt(m / 65536),
        // of the variance about m · sqrt(2 / 65536) (plus 1/m corrections); tolerances are five of those.
        Grid grid = Grid.of(256, 256, 0.1);
        for (double dose : new double[] {300, 1e4, 1e5}) {
            double expected = dose * 0.1 * 0.1;
            RealImage noisy = Detector.doseNoise(RealImage.filled(grid, 1f), dose, new SplittableRandom(7));
            double mean = noisy.mean();
            double variance = Math.pow(noisy.standardDeviation(), 2);
            assertEquals(expected, mean, 5 * Math.sqrt(expected / 65536), "mean at dose " + dose);
            assertEquals(expected, variance, 5 * expected * Math.sqrt(2.0 / 65536) + 5 * Math.sqrt(expected / 65536),
                    "variance at dose " + dose);
        }
    }

    @Test
    void mtfAfterNoiseKeepsTheMeanAndColoursTheNoise() {
        Grid grid = Grid.of(128, 128, 0.12);
        RealImage noisy = Detector.doseNoise(RealImage.filled(grid, 1f), 2e4, new SplittableRandom(3));
        RealImage detected = Detector.applyMtf(noisy, Mtf.paper(0.05, 0.5, 2.5));
        assertEquals(noisy.mean(), detected.mean(), 1e-3);
        // White noise through the MTF keeps ∫MTF² of its power: well below the raw variance, above c1².
        double ratio = Math.pow(detected.standardDeviation() / noisy.standardDeviation(), 2);
        assertTrue(ratio < 0.6 && ratio > 0.05, "variance ratio after the MTF " + ratio);
        // Neighbouring pixels become correlated.
        assertTrue(neighbourCorrelation(detected) > 0.2, "correlation " + neighbourCorrelation(detected));
        assertTrue(Math.abs(neighbourCorrelation(noisy)) < 0.03, "raw noise is white: " + neighbourCorrelation(noisy));
    }

    private static double neighbourCorrelation(RealImage image) {
        double mean = image.mean();
        double num = 0;
        double den = 0;
        for (int y = 0; y < image.ny(); y++) {
            for (int x = 0; x < image.nx(); x++) {
                double a = image.get(y, x) - mean;
                num += a * (image.get(y, (x + 1) % image.nx()) - mean);
                den += a * a;
            }
        }
        return num / den;
    }

    @Test
    void blurAttenuatesAFringeByTheGaussianTransfer() {
        // A cosine of period 1.23 Å (graphene's second fringe) blurred by σ = 0.25 Å keeps exp(−2π²σ²q²) = 0.44.
        int n = 123;
        Grid grid = Grid.of(n, n, 0.05);
        float[] data = new float[grid.size()];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                data[y * n + x] = (float) (1 + 0.1 * Math.cos(2 * Math.PI * x * 0.05 / 1.23));
            }
        }
        RealImage blurred = Detector.resample(new RealImage(grid, data), n, n, 0.25);
        double q = 1 / 1.23;
        double expected = Math.exp(-2 * Math.PI * Math.PI * 0.0625 * q * q);
        assertEquals(0.44, expected, 0.01);
        assertEquals(0.1 * expected, (blurred.max() - blurred.min()) / 2, 1e-4);
    }

    @Test
    void fourierResamplingReproducesABandLimitedImageOnTheNewPixels() {
        Grid grid = Grid.of(100, 100, 0.05);
        float[] data = new float[grid.size()];
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                data[y * 100 + x] = (float) (Math.cos(2 * Math.PI * 3 * x / 100.0) + 0.5 * Math.sin(2 * Math.PI * 4 * y / 100.0));
            }
        }
        RealImage resampled = Detector.resample(new RealImage(grid, data), 0.12);
        assertEquals(42, resampled.nx());
        for (int y = 0; y < 42; y++) {
            for (int x = 0; x < 42; x++) {
                double expected = Math.cos(2 * Math.PI * 3 * x / 42.0) + 0.5 * Math.sin(2 * Math.PI * 4 * y / 42.0);
                assertEquals(expected, resampled.get(y, x), 1e-5);
            }
        }
    }

    @Test
    void cropOrPadKeepsTheCentre() {
        RealImage image = new RealImage(Grid.of(2, 3, 0.1), new float[] {1, 2, 3, 4, 5, 6});
        RealImage padded = Detector.cropOrPad(image, 4, 5, -1);
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1, 1, 2, 3, -1, -1, 4, 5, 6, -1, -1, -1, -1, -1, -1}, padded.data());
        assertArrayEquals(image.data(), Detector.cropOrPad(padded, 2, 3, 0).data());
        assertEquals(0.1, padded.grid().dxAngstrom());
    }

    @Test
    void focalSeriesImagesEqualSingleImagesAtShiftedDefocus() {
        ComplexField wave = testWave();
        Microscope m = Microscope.ideal(300e3).withAberrations(Aberrations.NONE.withDefocus(-40).withCs(-1.5e5)).withFocalSpread(30);
        double[] offsets = {-130, 0, 130};
        List<RealImage> series = ImageFormation.focalSeries(wave, m, offsets, new SplittableRandom(1));
        assertEquals(3, series.size());
        for (int i = 0; i < offsets.length; i++) {
            Microscope shifted = m.withAberrations(m.aberrations().withDefocus(-40 + offsets[i]));
            assertArrayEquals(ImageFormation.image(wave, shifted, new SplittableRandom(1)).data(), series.get(i).data(), 1e-6f);
        }
        assertFalse(Arrays.equals(series.get(0).data(), series.get(2).data()));
    }

    @Test
    void sameSeedGivesTheSameNoisyImageAndAnotherSeedAnother() {
        ComplexField wave = testWave();
        MicroscopeDistribution graphene = MicroscopeDistribution.preset("graphene-80kv");
        RealImage a = draw(wave, graphene, 42);
        RealImage b = draw(wave, graphene, 42);
        RealImage c = draw(wave, graphene, 43);
        assertArrayEquals(a.data(), b.data());
        assertFalse(Arrays.equals(a.data(), c.data()));
    }

    private static RealImage draw(ComplexField wave, MicroscopeDistribution distribution, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return ImageFormation.image(wave, distribution.sample(random), random);
    }

    @Test
    void poissonLogFactorialSeriesMatchesTheProduct() {
        double exact = 0;
        for (int k = 1; k <= 200; k++) {
            exact += Math.log(k);
            assertEquals(exact, PoissonNoise.logFactorial(k), 1e-10 * Math.max(1, exact), "ln " + k + "!");
        }
    }
    @Test
    void fftFriendlyPixelSizeAvoidsLargePrimeCounts() {
        Grid wave = Grid.of(864, 864, 0.05);
        // 43.2 Å / 0.113 Å = 382 = 2 · 191 (slow); the nearest friendly counts are 378 = 2 · 3³ · 7 and 384 = 2⁷ · 3.
        double p = ImageFormation.fftFriendlyPixelSizeAngstrom(wave, 0.113);
        assertEquals(43.2 / 384, p, 1e-12);
        assertEquals(0.12, ImageFormation.fftFriendlyPixelSizeAngstrom(wave, 0.12), 1e-12);
        assertTrue(ImageFormation.isFftFriendly(360) && ImageFormation.isFftFriendly(330) && ImageFormation.isFftFriendly(9));
        assertFalse(ImageFormation.isFftFriendly(382) || ImageFormation.isFftFriendly(343) || ImageFormation.isFftFriendly(34));
    }
    @Test
    void concurrentWorkersGiveTheSameImagesAsOneThread() throws Exception {
        WaveSpectrum spectrum = WaveSpectrum.of(testWave());
        MicroscopeDistribution graphene = MicroscopeDistribution.preset("graphene-80kv");
        java.util.function.IntFunction<RealImage> form = seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            return ImageFormation.image(spectrum, graphene.sample(random), random);
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<RealImage>> futures = new java.util.ArrayList<>();
            for (int seed = 0; seed < 12; seed++) {
                int s = seed;
                futures.add(pool.submit(() -> form.apply(s)));
            }
            for (int seed = 0; seed < 12; seed++) {
                assertArrayEquals(form.apply(seed).data(), futures.get(seed).get().data(), "seed " + seed);
            }
        } finally {
            pool.shutdown();
        }
    }
}
