package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.postprocess.AtomDecoder;
import io.github.atomfinder.postprocess.PeakFinder;
import io.github.atomfinder.postprocess.WatershedSegmenter;
import picocli.CommandLine.Option;

/** The post-processing options of every command that turns probability maps into atoms ({@link AtomDecoder}). */
final class DetectionOptions {

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
