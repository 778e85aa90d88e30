package io.github.atomfinder.bench;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.optics.Detector;
import io.github.atomfinder.optics.ImageFormation;
import io.github.atomfinder.optics.Microscope;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.WaveSpectrum;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Random images per second from one stored exit wave: 864 x 864 at 0.05 Å (a 43.2 Å cell), microscopes drawn from the
 * graphene-80kv preset (pixel size 0.11–0.13 Å), each image cropped or padded to 360 x 360 as the training pipeline
 * does, after rounding each drawn pixel size to an FFT-friendly pixel count
 * ({@link ImageFormation#fftFriendlyPixelSizeAngstrom}). Workers use one FFT thread each. Rows: the wave's transform computed once ({@link WaveSpectrum}, what a
 * training pipeline reusing stored waves does) or for every image; and, for comparison, focal spread 0, which
 * disables the band-limited path (the whole 864² wave goes through the CTF and the inverse FFT). A 640² FFT is timed
 * alongside as a yardstick of how loaded the shared machine was.
 */
public final class ImageFormationBenchmark {

    private static final Grid GRID = Grid.of(864, 864, 0.05);

    private ImageFormationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        ComplexField wave = storedWave();
        MicroscopeDistribution graphene = MicroscopeDistribution.preset("graphene-80kv");
        Fft2.setThreadsPerTransform(1);
        WaveSpectrum spectrum = WaveSpectrum.of(wave);
        List<Variant> variants = List.of(
                new Variant("preset, spectrum cached", (m, r) -> ImageFormation.image(spectrum, m, r)),
                new Variant("preset, wave FFT per image", (m, r) -> ImageFormation.image(wave, m, r)),
                new Variant("focal spread 0 (full grid), spectrum cached", (m, r) -> ImageFormation.image(spectrum, m.withFocalSpread(0), r)));
        for (Variant variant : variants) {
            for (int workers : new int[] {1, 2}) {
                run(graphene, variant, workers, Math.max(2, images / 10));
                long start = System.nanoTime();
                run(graphene, variant, workers, images);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-45s %d worker(s): %d images in %.2f s = %.1f images/s (%.1f ms/image/worker)%n",
                        variant.name, workers, images, seconds, images / seconds, 1e3 * seconds * workers / images);
            }
            float[] yardstick = new float[2 * 640 * 640];
            Timing.time("yardstick: FFT 640x640, 1 thread", 2, 7, () -> Fft2.forwardInPlace(yardstick, 640, 640));
        }
    }

    /** One way of forming an image; the random generator is supplied per worker. */
    private record Variant(String name, Former former) {
    }

    @FunctionalInterface
    private interface Former {
        RealImage form(Microscope m, SplittableRandom random);
    }

    private static void run(MicroscopeDistribution distribution, Variant variant, int workers, int images) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            SplittableRandom root = new SplittableRandom(1);
            for (int w = 0; w < workers; w++) {
                SplittableRandom random = root.split();
                int share = images / workers + (w < images % workers ? 1 : 0);
                futures.add(pool.submit(() -> {
                    double checksum = 0;
                    for (int i = 0; i < share; i++) {
                        Microscope m = distribution.sample(random);
                        RealImage image = Detector.cropOrPad(variant.former.form(m.withPixelSize(
                                ImageFormation.fftFriendlyPixelSizeAngstrom(GRID, m.pixelSizeAngstrom())), random), 360, 360, 0f);
                        checksum += image.get(180, 180);
                    }
                    return checksum;
                }));
            }
            for (Future<Double> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A weak-phase exit wave with Gaussian "atoms" on a hexagonal net, written to and read back from a .npy file. */
    private static ComplexField storedWave() throws Exception {
        Grid grid = GRID;
        float[] data = new float[2 * grid.size()];
        double a = 2.46;
        double[][] basis = {{0, 0}, {a / 2, a / (2 * Math.sqrt(3))}};
        double[] phase = new double[grid.size()];
        for (int i = -1; i < 43.2 / a + 1; i++) {
            for (int j = -1; j < 43.2 / (a * Math.sqrt(3) / 2) + 1; j++) {
                for (double[] b : basis) {
                    double x = i * a + j * a / 2 + b[0];
                    double y = j * a * Math.sqrt(3) / 2 + b[1];
                    x = ((x % 43.2) + 43.2) % 43.2;
                    y = ((y % 43.2) + 43.2) % 43.2;
                    deposit(phase, x / 0.05, y / 0.05);
                }
            }
        }
        for (int p = 0; p < grid.size(); p++) {
            data[2 * p] = (float) Math.cos(phase[p]);
            data[2 * p + 1] = (float) Math.sin(phase[p]);
        }
        Path file = Files.createTempFile("exitwave", ".npy");
        try {
            Npy.write(file, new ComplexField(grid, data));
            return Npy.read(file).toComplexField(grid);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void deposit(double[] phase, double cx, double cy) {
        int r = 8;
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int x = Math.floorMod((int) Math.round(cx) + dx, 864);
                int y = Math.floorMod((int) Math.round(cy) + dy, 864);
                double ddx = Math.round(cx) + dx - cx;
                double ddy = Math.round(cy) + dy - cy;
                phase[y * 864 + x] += 0.3 * Math.exp(-(ddx * ddx + ddy * ddy) / (2 * 3.0 * 3.0));
            }
        }
    }
}
