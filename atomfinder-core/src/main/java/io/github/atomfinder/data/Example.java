package io.github.atomfinder.data;

import io.github.atomfinder.grid.ComplexField;
import java.util.Map;

/**
 * One stored training example: the exit wave of a structure (simulated once) and its labelled sites.
 *
 * @param wave exit wave on the simulation grid (sampling in Å), cell origin at the first pixel centre
 * @param sites atoms or columns with classes, in Å in the wave's frame
 * @param periodic whether the structure repeats across the cell borders (labels then wrap too)
 * @param energyEv acceleration voltage the wave was simulated for
 * @param parameters everything that made the example (structure and simulation parameters, seeds), as text
 */
public record Example(ComplexField wave, Sites sites, boolean periodic, double energyEv, Map<String, String> parameters) {

    public Example {
        parameters = Map.copyOf(parameters);
    }
}
