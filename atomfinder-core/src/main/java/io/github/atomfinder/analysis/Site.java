package io.github.atomfinder.analysis;

import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.structure.Atoms;
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

    /** Every atom's projected position as a class-1 site (atoms, not columns: method.md §9, 0.5 Å tolerance). */
    public static List<Site> of(Atoms atoms) {
        List<Site> sites = new java.util.ArrayList<>(atoms.size());
        for (int i = 0; i < atoms.size(); i++) {
            sites.add(new Site(atoms.x(i), atoms.y(i), 1));
        }
        return sites;
    }

    public static List<Site> of(Detections detections) {
        return detections.detections().stream().map(Site::of).toList();
    }
}
