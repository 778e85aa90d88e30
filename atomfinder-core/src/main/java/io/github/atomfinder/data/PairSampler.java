package io.github.atomfinder.data;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.grid.Resampling;
import io.github.atomfinder.optics.ImageFormation;
import io.github.atomfinder.optics.Microscope;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.WaveSpectrum;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Training pairs drawn fresh from a dataset of stored exit waves (method.md §5, §6, §8): pick an example,
 * apply a random symmetry to its wave and sites together, draw a random microscope, form the image (or a
 * focal series), normalise it locally, crop a random window (periodic wrap: the images are periodic), build
 * the Gaussian label maps and jitter brightness and contrast. Given a model pixel size, the images are first
 * resampled to it the way {@code analyze} resamples a micrograph, so training sees the inference path's input.
 *
 * <p>The waves' spectra are kept (the symmetry is applied to the spectrum) so a pair costs no transform of the
 * full wave, and the whole periodic image is normalised with a wrapping window before cropping, so a crop
 * looks like a window inside a large micrograph and costs no padded transforms.
 *
 * <p>Each pair is a pure function of (seed, step, index in batch), so a run resumes at any step with the same
 * data and any number of workers gives the same stream.
 */
public final class PairSampler implements TrainingPairSource {

    /**
     * How pairs are made.
     *
     * @param cropPixels side of the square crop, a multiple of 8
     * @param labelSigmaAngstrom width σ of the Gaussian per site in the label maps
     * @param normalizationWindowAngstrom σ of the Gaussian window of the local normalisation
     * @param classes number of output classes, background included
     * @param focalOffsetsAngstrom defocus offsets of a focal series (one input channel each); {@code {0}} for one image
     * @param brightnessJitter half-width of the uniform offset added to the normalised image
     * @param contrastJitter half-width of the uniform relative scale of the normalised image
     * @param modelPixelSizeAngstrom pixel size the images are brought to before normalisation, by the bilinear
     *        resampling {@code analyze} applies (0: they stay at the microscope's pixel size)
     * @param modelPixelJitter half-width of the uniform relative jitter of that pixel size (calibration error)
     */
    public record Settings(int cropPixels, double labelSigmaAngstrom, double normalizationWindowAngstrom, int classes,
            double[] focalOffsetsAngstrom, double brightnessJitter, double contrastJitter, double modelPixelSizeAngstrom,
            double modelPixelJitter) {

        public Settings {
            if (cropPixels < 8 || cropPixels % 8 != 0) {
                throw new AtomfinderException("crop size must be a positive multiple of 8 pixels, got " + cropPixels);
            }
            if (!(labelSigmaAngstrom > 0) || !(normalizationWindowAngstrom > 0)) {
                throw new AtomfinderException("label width and normalisation window must be positive (Å)");
            }
            if (classes < 2) {
                throw new AtomfinderException("need at least 2 classes (background and one kind of site), got " + classes);
            }
            if (focalOffsetsAngstrom.length < 1) {
                throw new AtomfinderException("a focal series needs at least one image");
            }
            if (!(modelPixelSizeAngstrom >= 0) || !(modelPixelJitter >= 0 && modelPixelJitter < 1)) {
                throw new AtomfinderException("model pixel size must be ≥ 0 Å and its jitter in [0, 1), got "
                        + modelPixelSizeAngstrom + " Å ± " + modelPixelJitter);
            }
            focalOffsetsAngstrom = focalOffsetsAngstrom.clone();
        }

        /** Images left at the microscope's pixel size, as the raw images of a test set must be. */
        public Settings(int cropPixels, double labelSigmaAngstrom, double normalizationWindowAngstrom, int classes,
                double[] focalOffsetsAngstrom, double brightnessJitter, double contrastJitter) {
            this(cropPixels, labelSigmaAngstrom, normalizationWindowAngstrom, classes, focalOffsetsAngstrom,
                    brightnessJitter, contrastJitter, 0, 0);
        }

        @Override
        public double[] focalOffsetsAngstrom() {
            return focalOffsetsAngstrom.clone();
        }
    }

    /** Share of the heap the cached spectra may fill: re-reading and re-transforming a wave costs more than a pair. */
    private static final double CACHE_HEAP_SHARE = 0.25;

    private final Path dataset;
    private final int[] exampleIndices;
    private final MicroscopeDistribution microscopes;
    private final Settings settings;
    private final long seed;
    private final Map<Integer, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Cached> eldest) {
            return size() > Math.max(8, (long) (CACHE_HEAP_SHARE * Runtime.getRuntime().maxMemory())
                    / eldest.getValue().bytes());
        }
    };

    public PairSampler(Path dataset, MicroscopeDistribution microscopes, Settings settings, long seed) throws IOException {
        this.dataset = dataset;
        this.exampleIndices = ExampleStore.indices(dataset);
        if (exampleIndices.length == 0) {
            throw new AtomfinderException(dataset + ": the dataset holds no examples (run 'atomfinder dataset build')");
        }
        this.microscopes = microscopes;
        this.settings = settings;
        this.seed = seed;
    }

    @Override
    public int inputChannels() {
        return settings.focalOffsetsAngstrom().length;
    }

    @Override
    public int classes() {
        return settings.classes();
    }

    /** One pair together with what made it, for inspection and validation sets. */
    public record Drawn(TrainingPair pair, List<RealImage> rawImages, Sites sitesInCrop, Microscope microscope,
            int exampleIndex) {
    }

    @Override
    public TrainingPair pair(long step, int indexInBatch) {
        return draw(step, indexInBatch).pair();
    }

    public Drawn draw(long step, int indexInBatch) {
        return draw(step, indexInBatch, null);
    }

    /**
     * {@link #draw(long, int)} with the dose noise drawn from {@code noise} (null: from the pair's own stream). The
     * noise then consumes none of the pair's randomness, so samplers whose microscopes differ only in a fixed dose
     * give the same example, symmetry, microscope and crop for the same (step, index).
     */
    public Drawn draw(long step, int indexInBatch, RandomGenerator noise) {
        SplittableRandom random = new SplittableRandom(mix(seed, step, indexInBatch));
        int exampleIndex = exampleIndices[random.nextInt(exampleIndices.length)];
        Cached cached = example(exampleIndex);
        Grid waveGrid = cached.spectrum().grid();
        Symmetry symmetry = Symmetry.random(waveGrid, random);
        WaveSpectrum wave = symmetry.apply(cached.spectrum());
        Sites sites = symmetry.apply(cached.sites(), waveGrid);
        Microscope drawn = microscopes.sample(random);
        // Image sizes with large prime factors make the FFT many times slower (docs/benchmarks.md, optics).
        Microscope microscope = drawn.pixelSizeAngstrom() > 0
                ? drawn.withPixelSize(ImageFormation.fftFriendlyPixelSizeAngstrom(wave.grid(), drawn.pixelSizeAngstrom()))
                : drawn;
        if (Math.abs(microscope.energyEv() - cached.energyEv()) > 1e-6 * cached.energyEv()) {
            throw new AtomfinderException(dataset + ": example " + exampleIndex + " was simulated at "
                    + cached.energyEv() + " eV but the microscope preset uses " + microscope.energyEv() + " eV");
        }
        List<RealImage> images = ImageFormation.focalSeries(wave, microscope, settings.focalOffsetsAngstrom(),
                noise == null ? random : noise);
        if (settings.modelPixelSizeAngstrom() > 0) {
            images = toModelPixels(images, random);
        }
        Grid imageGrid = images.get(0).grid();
        int crop = settings.cropPixels();
        if (crop > imageGrid.ny() || crop > imageGrid.nx()) {
            throw new AtomfinderException("crop of " + crop + " px is larger than the simulated image ("
                    + imageGrid.ny() + " x " + imageGrid.nx() + " px at " + imageGrid.dxAngstrom()
                    + " Å/px): use a smaller crop or larger cells");
        }
        List<RealImage> normalizedImages = LocalNormalization.normalizePeriodicSeries(images,
                settings.normalizationWindowAngstrom());
        int originY = random.nextInt(imageGrid.ny());
        int originX = random.nextInt(imageGrid.nx());
        List<RealImage> cropped = new ArrayList<>(images.size());
        List<RealImage> normalized = new ArrayList<>(images.size());
        for (int c = 0; c < images.size(); c++) {
            cropped.add(cropPeriodic(images.get(c), originY, originX, crop));
            normalized.add(cropPeriodic(normalizedImages.get(c), originY, originX, crop));
        }
        Grid cropGrid = cropped.get(0).grid();
        double contrast = 1 + settings.contrastJitter() * (2 * random.nextDouble() - 1);
        double brightness = settings.brightnessJitter() * (2 * random.nextDouble() - 1);
        int plane = crop * crop;
        float[] input = new float[normalized.size() * plane];
        for (int c = 0; c < normalized.size(); c++) {
            float[] d = normalized.get(c).data();
            for (int i = 0; i < plane; i++) {
                input[c * plane + i] = (float) (d[i] * contrast + brightness);
            }
        }
        double originYAngstrom = originY * imageGrid.dyAngstrom();
        double originXAngstrom = originX * imageGrid.dxAngstrom();
        float[] labels = LabelMaps.gaussian(cropGrid, sites, settings.classes(), settings.labelSigmaAngstrom(),
                originYAngstrom, originXAngstrom, true, imageGrid.extentYAngstrom(), imageGrid.extentXAngstrom());
        TrainingPair pair = new TrainingPair(normalized.size(), settings.classes(), crop, crop, input, labels);
        return new Drawn(pair, cropped, sitesInCrop(sites, cropGrid, imageGrid, originYAngstrom, originXAngstrom),
                microscope, exampleIndex);
    }

    /**
     * The periodic images at the model's pixel size (jittered), bilinearly as {@code analyze} resamples: the cell
     * keeps its extent, so the pixel count is rounded and the pixel size is extent / count.
     */
    private List<RealImage> toModelPixels(List<RealImage> images, SplittableRandom random) {
        double target = settings.modelPixelSizeAngstrom() * (1 + settings.modelPixelJitter() * (2 * random.nextDouble() - 1));
        Grid grid = images.get(0).grid();
        int ny = Math.max(1, (int) Math.round(grid.extentYAngstrom() / target));
        int nx = Math.max(1, (int) Math.round(grid.extentXAngstrom() / target));
        List<RealImage> resampled = new ArrayList<>(images.size());
        for (RealImage image : images) {
            resampled.add(Resampling.periodicBilinear(image, ny, nx));
        }
        return resampled;
    }

    /** What pairs need of a stored example: its sites, beam energy and the spectrum of its wave. */
    private record Cached(Sites sites, double energyEv, WaveSpectrum spectrum) {
        long bytes() {
            return 4L * spectrum.data().length;
        }
    }

    private Cached example(int index) {
        synchronized (cache) {
            Cached cached = cache.get(index);
            if (cached != null) {
                return cached;
            }
        }
        Example loaded = ExampleStore.read(dataset, index);
        Cached made = new Cached(loaded.sites(), loaded.energyEv(), WaveSpectrum.of(loaded.wave()));
        synchronized (cache) {
            cache.put(index, made);
        }
        return made;
    }

    /** A window of the periodic image starting at pixel (originY, originX), wrapping around the borders. */
    static RealImage cropPeriodic(RealImage image, int originY, int originX, int size) {
        int ny = image.ny();
        int nx = image.nx();
        float[] source = image.data();
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            int sy = (originY + y) % ny;
            for (int x = 0; x < size; x++) {
                out[y * size + x] = source[sy * nx + (originX + x) % nx];
            }
        }
        return new RealImage(image.grid().withShape(size, size), out);
    }

    /** Sites (and their periodic images) inside the crop, in the crop's frame. */
    private static Sites sitesInCrop(Sites sites, Grid crop, Grid image, double originY, double originX) {
        List<double[]> kept = new ArrayList<>();
        double ly = image.extentYAngstrom();
        double lx = image.extentXAngstrom();
        for (int i = 0; i < sites.size(); i++) {
            for (int wy = -1; wy <= 1; wy++) {
                for (int wx = -1; wx <= 1; wx++) {
                    double y = sites.y(i) + wy * ly - originY;
                    double x = sites.x(i) + wx * lx - originX;
                    if (y > -0.5 * crop.dyAngstrom() && y < (crop.ny() - 0.5) * crop.dyAngstrom()
                            && x > -0.5 * crop.dxAngstrom() && x < (crop.nx() - 0.5) * crop.dxAngstrom()) {
                        kept.add(new double[] {x, y, sites.classOf(i)});
                    }
                }
            }
        }
        double[] xs = new double[kept.size()];
        double[] ys = new double[kept.size()];
        int[] cs = new int[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            xs[i] = kept.get(i)[0];
            ys[i] = kept.get(i)[1];
            cs[i] = (int) kept.get(i)[2];
        }
        return new Sites(xs, ys, cs);
    }

    /** A well-mixed seed per (seed, step, index) (SplitMix64 finaliser over the combined bits). */
    static long mix(long seed, long step, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + step * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
