package io.github.atomfinder.data;

import io.github.atomfinder.errors.AtomfinderException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many holes a graphene dataset's sheets get and how large (method.md §5). Each sheet draws its number of holes
 * uniformly from 0..{@code max} and each hole's mean radius uniformly from the range; more and larger holes put more
 * two-coordinated rim atoms in front of the network.
 *
 * @param max holes per sheet are drawn from 0..max
 * @param radiusMinAngstrom smallest mean hole radius (Å)
 * @param radiusMaxAngstrom largest mean hole radius (Å)
 */
public record GrapheneHoles(int max, double radiusMinAngstrom, double radiusMaxAngstrom) {

    /** The paper's: 0–4 holes of 2–6 Å mean radius. */
    public static final GrapheneHoles PAPER = new GrapheneHoles(4, 2, 6);

    public GrapheneHoles {
        if (max < 0) {
            throw new AtomfinderException("the number of holes must not be negative, got " + max);
        }
        if (!(radiusMinAngstrom > 0) || !(radiusMaxAngstrom >= radiusMinAngstrom) || radiusMaxAngstrom > 20) {
            throw new AtomfinderException("hole radii must satisfy 0 < MIN ≤ MAX ≤ 20 Å, got " + radiusMinAngstrom + ", "
                    + radiusMaxAngstrom);
        }
    }

    /** As dataset.json and the model card record it: {@code {"max": N, "radius_A": [MIN, MAX]}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("max", max);
        map.put("radius_A", List.of(radiusMinAngstrom, radiusMaxAngstrom));
        return map;
    }
}
