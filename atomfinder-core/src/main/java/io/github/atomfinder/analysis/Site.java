package io.github.atomfinder.analysis;

import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.Detections;
import java.util.List;

/**
 * A position with a class, for scoring: a ground-truth atom or column, or a detection.
 *
 * @param xAngstrom x in Å (docs/conventions.md)
 * @param yAngstrom y in Å
 * @param classIndex class (background = 0 is never a site; 1 for single-class problems)
 */
public record Site(double xAngstrom, double yAngstrom, int classIndex) {

    public static Site of(Detection detection) {
        return new Site(detection.xAngstrom(), detection.yAngstrom(), detection.classIndex());
    }

    public static List<Site> of(Detections detections) {
        return detections.detections().stream().map(Site::of).toList();
    }
}
