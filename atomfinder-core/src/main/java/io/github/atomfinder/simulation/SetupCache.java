package io.github.atomfinder.simulation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the few most recently used read-only Fourier-space arrays (scattering-factor kernels, apertures,
 * propagators): a training run simulates hundreds of structures on one grid, and rebuilding these arrays cost
 * about a tenth of a one-slice simulation. Bounded so that varied grids do not pile up memory.
 */
final class SetupCache {

    private static final int MAX_ENTRIES = 12;

    private static final Map<List<Object>, float[]> ENTRIES = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, float[]> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    private SetupCache() {
    }

    /** The cached array for {@code key}, computed once; callers must not modify it. */
    static float[] get(List<Object> key, Supplier<float[]> compute) {
        synchronized (ENTRIES) {
            float[] hit = ENTRIES.get(key);
            if (hit != null) {
                return hit;
            }
        }
        float[] value = compute.get();
        synchronized (ENTRIES) {
            ENTRIES.putIfAbsent(key, value);
            return ENTRIES.get(key);
        }
    }
}
