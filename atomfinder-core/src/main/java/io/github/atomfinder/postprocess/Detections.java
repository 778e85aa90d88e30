package io.github.atomfinder.postprocess;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import java.util.List;
import java.util.function.Predicate;

/**
 * All detections in one image.
 *
 * @param grid the probability map's grid (shape and pixel size in Å) the detections were found on
 * @param classNames names of the classes, background first (e.g. {@code [background, C]} or
 *     {@code [background, 1, 2, 3]}); every detection's probabilities follow this order
 * @param detections in the order they were found
 */
public record Detections(Grid grid, List<String> classNames, List<Detection> detections) {

    public Detections {
        classNames = List.copyOf(classNames);
        detections = List.copyOf(detections);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("need the background and at least one class, got " + classNames);
        }
        for (Detection d : detections) {
            if (d.probabilities().length != classNames.size()) {
                throw new IllegalArgumentException("detection has " + d.probabilities().length
                        + " probabilities for " + classNames.size() + " classes");
            }
        }
    }

    public int size() {
        return detections.size();
    }

    public Detection get(int i) {
        return detections.get(i);
    }

    public Detections filter(Predicate<Detection> keep) {
        return new Detections(grid, classNames, detections.stream().filter(keep).toList());
    }

    /** Keeps the detections whose nearest pixel is not ignored by {@code mask}, which must have the image's shape. */
    public Detections without(Mask mask) {
        if (mask.ny() != grid.ny() || mask.nx() != grid.nx()) {
            throw new AtomfinderException("mask is " + mask.ny() + " x " + mask.nx() + " pixels but the image is "
                    + grid.ny() + " x " + grid.nx());
        }
        return filter(d -> !mask.ignoresPosition(d.xPx(), d.yPx()));
    }
}
