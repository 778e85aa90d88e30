package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.postprocess.AtomDecoder;
import io.github.atomfinder.postprocess.PeakFinder;
import io.github.atomfinder.postprocess.WatershedSegmenter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options of every command that finds atoms with a network: how the network is run ({@link Segmenter}) and the
 * post-processing that turns its probability maps into atoms ({@link AtomDecoder}).
 */
final class DetectionOptions {

    @Option(names = "--symmetrize", defaultValue = "8", paramLabel = "none|4|8",
            description = "average the network's class maps over this many rotations / mirrors of each image (4: the "
                    + "90° rotations, 8: rotations and mirrors, the symmetries the models are trained with); costs 4 or 8 "
                    + "network passes and steadies positions (docs/benchmarks.md: RMSE 7-10 %% lower); 'none' for long "
                    + "sequences. Default: ${DEFAULT-VALUE}")
    String symmetrize;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "P",
            description = "smallest atom probability at a maximum (one-class / two-class models). Default: ${DEFAULT-VALUE}")
    double threshold;

    @Option(names = "--min-distance", defaultValue = "1.0", paramLabel = "Å",
            description = "of two maxima closer than this the weaker is dropped (1.0 Å suits graphene's 1.42 Å bonds). Default: ${DEFAULT-VALUE}")
    double minDistanceAngstrom;

    @Option(names = "--epsilon", defaultValue = "0.995", paramLabel = "E",
            description = "watershed (models with ≥ 3 classes): background level above which a pixel is in no segment. Default: ${DEFAULT-VALUE}")
    double epsilon;

    @Option(names = "--discard-ratio", defaultValue = "0.1", paramLabel = "T",
            description = "watershed: a segment is dropped when Σ atom probability < T · Σ background (paper: 0.5). Default: ${DEFAULT-VALUE}")
    double discardRatio;

    /** The network averaging these options describe; a bad --symmetrize is a user error. */
    Segmenter.Symmetrization symmetrization() {
        return switch (symmetrize.strip().toLowerCase(Locale.ROOT)) {
            case "none", "1" -> Segmenter.Symmetrization.NONE;
            case "4" -> Segmenter.Symmetrization.ROTATIONS_4;
            case "8" -> Segmenter.Symmetrization.DIHEDRAL_8;
            default -> throw new AtomfinderException("--symmetrize must be none, 4 or 8, got '" + symmetrize + "'");
        };
    }

    /** How a symmetrization is recorded in output metadata: {@code none}, {@code rotations-4}, {@code dihedral-8}. */
    static String label(Segmenter.Symmetrization symmetrization) {
        return symmetrization.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The decoder these options describe; a bad value is a user error naming its option. */
    AtomDecoder decoder() {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new AtomfinderException("--threshold must be in [0, 1], got " + threshold);
        }
        if (!(minDistanceAngstrom >= 0) || Double.isInfinite(minDistanceAngstrom)) {
            throw new AtomfinderException("--min-distance must be ≥ 0 Å, got " + minDistanceAngstrom);
        }
        WatershedSegmenter.Parameters watershed;
        try {
            watershed = new WatershedSegmenter.Parameters(epsilon, discardRatio);
        } catch (IllegalArgumentException e) {
            throw new AtomfinderException("--epsilon/--discard-ratio: " + e.getMessage(), e);
        }
        return new AtomDecoder(new PeakFinder.Parameters(threshold, minDistanceAngstrom), watershed);
    }
}
