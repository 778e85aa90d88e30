package io.github.atomfinder.analysis;

import io.github.atomfinder.data.DatasetBuilder;
import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.data.PairSampler;
import io.github.atomfinder.data.Sites;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.optics.Aberrations;
import io.github.atomfinder.optics.Microscope;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.ParameterDistribution;
import io.github.atomfinder.optics.Transfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Test images for {@link Evaluation} made exactly like training pairs ({@link PairSampler}: random example,
 * symmetry, microscope and crop) but from examples the model never saw, with the dose fixed and the raw
 * (un-normalised) crop handed out at its own pixel size.
 *
 * <p>Every dose uses the same sampler seed and a microscope distribution that differs only in its fixed dose; a
 * fixed parameter draws no random numbers and the shot noise has its own stream (per seed, dose and image), so image
 * {@code i} shows the same structure, crop and aberrations at every dose: the dose curve compares like with like.
 */
public final class SimulatedTestImages implements Evaluation.ImageSource {

    /**
     * Graphene's {100} lattice spacing (Å): the image id reports the microscope's contrast there
     * ({@link Transfer#latticeContrast}), which is what makes a simulated graphene image readable or not (and a
     * fair probe of the 2 Å detail of other structures).
     */
    static final double GRAPHENE_FIRST_ORDER_ANGSTROM = 2.13;

    /**
     * Fresh structures ({@link #simulateFresh}) use dataset seed {@code seed + FRESH_SEED_OFFSET}: in the top bits, far
     * from the small seeds people give {@code dataset build} and from their validation seeds
     * ({@code seed + }{@link DatasetFolder#VALIDATION_SEED_OFFSET}).
     */
    public static final long FRESH_SEED_OFFSET = 0x45564C0000000000L;

    /** Opens the pair sampler of the held-out examples for one microscope distribution. */
    @FunctionalInterface
    public interface Samplers {
        PairSampler open(MicroscopeDistribution microscopes, PairSampler.Settings settings, long seed) throws IOException;
    }

    private final Samplers samplers;
    private final MicroscopeDistribution microscopes;
    private final PairSampler.Settings settings;
    private final long seed;
    private final Map<Double, PairSampler> byDose = new LinkedHashMap<>();

    /**
     * @param samplers opens the held-out examples imaged through given microscope ranges (e.g. a dataset's
     *     {@link DatasetFolder#withMicroscopes} then {@link DatasetFolder#validationPairs})
     * @param microscopes the microscope ranges; the dose among them is replaced by each evaluated dose
     * @param classes classes of the examples' sites, background included
     * @param cropPixels side of the square test images, a multiple of 8
     */
    public SimulatedTestImages(Samplers samplers, MicroscopeDistribution microscopes, int classes, int cropPixels, long seed) {
        this.samplers = samplers;
        this.microscopes = microscopes;
        // Label width and normalisation window only shape the training pair, which is not used here.
        this.settings = new PairSampler.Settings(cropPixels, 0.35, 12, classes, new double[] {0}, 0, 0);
        this.seed = seed;
    }

    /** The examples in {@code examples}, a folder laid out by {@link io.github.atomfinder.data.ExampleStore}. */
    public static Samplers folder(Path examples) {
        return (m, s, seed) -> new PairSampler(examples, m, s, seed);
    }

    @Override
    public Evaluation.TestImage image(double doseElectronsPerA2, int index) {
        SplittableRandom noise = new SplittableRandom(seed ^ (Double.doubleToLongBits(doseElectronsPerA2) * 0x9E3779B97F4A7C15L)
                ^ (index * 0xBF58476D1CE4E5B9L));
        PairSampler.Drawn drawn = sampler(doseElectronsPerA2).draw(index, 0, noise);
        Sites sites = drawn.sitesInCrop();
        List<Site> truth = new ArrayList<>(sites.size());
        for (int i = 0; i < sites.size(); i++) {
            truth.add(new Site(sites.x(i), sites.y(i), sites.classOf(i)));
        }
        Microscope m = drawn.microscope();
        Transfer.LatticeContrast contrast = Transfer.latticeContrast(m, GRAPHENE_FIRST_ORDER_ANGSTROM);
        String id = String.format(Locale.ROOT, "#%d: example %d, %.4f Å/px, defocus %.1f Å, Cs %.1f µm, astigmatism %.1f Å, "
                + "focal spread %.1f Å, lattice contrast at 2.13 Å mean %.2f min %.2f", index, drawn.exampleIndex(),
                m.pixelSizeAngstrom(), m.aberrations().defocusAngstrom(), m.aberrations().csAngstrom() / 1e4,
                m.aberrations().magnitudeAngstrom(Aberrations.Term.C12), m.focalSpreadAngstrom(), contrast.mean(),
                contrast.minimum());
        return new Evaluation.TestImage(id, doseElectronsPerA2, drawn.rawImages(), truth);
    }

    private synchronized PairSampler sampler(double dose) {
        PairSampler sampler = byDose.get(dose);
        if (sampler == null) {
            try {
                sampler = samplers.open(atDose(microscopes, dose), settings, seed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byDose.put(dose, sampler);
        }
        return sampler;
    }

    /** {@code microscopes} with the dose fixed to {@code doseElectronsPerA2} and every other parameter as it was. */
    public static MicroscopeDistribution atDose(MicroscopeDistribution microscopes, double doseElectronsPerA2) {
        if (!(doseElectronsPerA2 > 0) || Double.isInfinite(doseElectronsPerA2)) {
            throw new AtomfinderException("dose must be a positive number of e/Å², got " + doseElectronsPerA2);
        }
        Map<String, ParameterDistribution> parameters = new LinkedHashMap<>(microscopes.parameters());
        parameters.put("dose_e_per_A2", new ParameterDistribution.Fixed(doseElectronsPerA2));
        String name = (microscopes.name() == null ? "microscope" : microscopes.name())
                + String.format(Locale.ROOT, " at %.4g e/Å²", doseElectronsPerA2);
        return new MicroscopeDistribution(name, microscopes.description(), parameters);
    }

    /**
     * Simulates {@code count} new structures of {@code preset} into {@code folder} (dataset seed
     * {@code seed + }{@link #FRESH_SEED_OFFSET}), for {@link #folder}.
     */
    public static void simulateFresh(DatasetPreset preset, Path folder, int count, long seed, int workers,
            IntConsumer onExampleDone) throws IOException, InterruptedException {
        long structureSeed = freshStructureSeed(seed);
        DatasetBuilder.build(folder, count, workers, i -> preset.example(structureSeed, i), onExampleDone);
    }

    public static long freshStructureSeed(long seed) {
        return seed + FRESH_SEED_OFFSET;
    }

    /**
     * Whether structures of dataset seed {@code structureSeed} could repeat those of a dataset built with seed
     * {@code trainingDatasetSeed} (its training or validation examples).
     */
    public static boolean overlapsDataset(long structureSeed, long trainingDatasetSeed) {
        return structureSeed == trainingDatasetSeed || structureSeed == trainingDatasetSeed + DatasetFolder.VALIDATION_SEED_OFFSET;
    }
}
