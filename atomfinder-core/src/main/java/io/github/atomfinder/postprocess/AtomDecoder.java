package io.github.atomfinder.postprocess;

import io.github.atomfinder.grid.RealImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class probability maps to detections, the one rule {@code analyze} and {@code evaluate} share (method.md §9):
 * a model with one class, or with [background, X], gives atoms at the maxima of the atom map ({@link PeakFinder});
 * a model with more classes is segmented by watershed ({@link WatershedSegmenter}).
 *
 * @param peaks threshold and minimum distance of the maxima (one- and two-class models)
 * @param watershed ε and discard ratio of the watershed (models with three or more classes)
 */
public record AtomDecoder(PeakFinder.Parameters peaks, WatershedSegmenter.Parameters watershed) {

    /** Whether {@code classes} are decoded by peak finding rather than by watershed. */
    public static boolean usesPeaks(List<String> classes) {
        return classes.size() == 1 || (classes.size() == 2 && classes.get(0).equalsIgnoreCase("background"));
    }

    /** The detections in {@code maps} (one map per class, in the order of {@code classes}, on the image's grid). */
    public Detections decode(List<RealImage> maps, List<String> classes) {
        if (maps.size() != classes.size()) {
            throw new IllegalArgumentException(maps.size() + " maps for " + classes.size() + " classes");
        }
        if (usesPeaks(classes)) {
            int atomMap = classes.size() - 1;
            return PeakFinder.find(maps.get(atomMap), classes.get(atomMap), peaks);
        }
        return WatershedSegmenter.find(maps, classes, watershed);
    }

    /** The parameters {@link #decode} uses for {@code classes}, by their CLI names, for result files. */
    public Map<String, Double> thresholds(List<String> classes) {
        Map<String, Double> used = new LinkedHashMap<>();
        if (usesPeaks(classes)) {
            used.put("threshold", peaks.threshold());
            used.put("min_distance_A", peaks.minDistanceAngstrom());
        } else {
            used.put("epsilon", watershed.epsilon());
            used.put("discard_ratio", watershed.discardRatio());
        }
        return used;
    }
}
