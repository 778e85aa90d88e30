package io.github.atomfinder.structure;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rings of a {@link BondGraph}: each ring as its atom indices in order around it. */
public record RingStatistics(List<int[]> rings) {

    public RingStatistics {
        rings = List.copyOf(rings);
    }

    /** Number of rings of each size, by size ascending. */
    public Map<Integer, Integer> countsBySize() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int[] ring : rings) {
            counts.merge(ring.length, 1, Integer::sum);
        }
        return counts;
    }

    public int count(int size) {
        return countsBySize().getOrDefault(size, 0);
    }

    public int total() {
        return rings.size();
    }

    /** The fraction of rings that have {@code size} members (0 when there are no rings). */
    public double fraction(int size) {
        return rings.isEmpty() ? 0 : (double) count(size) / rings.size();
    }
}
