package io.github.atomfinder.structure;

import java.util.List;

/**
 * A generated nanoparticle: its atoms in the cell, its columns along the beam, and the map from lattice to
 * cell, {@code r_cell = rotation · (a/2)·site + translation}, where {@code site} are integer fcc coordinates in
 * half lattice constants (even coordinate sum).
 *
 * @param atoms atoms in the cell (Å)
 * @param columns atom columns (grouped before the tilt; positions are the mean projected positions after it)
 * @param sites fcc lattice sites of the atoms, index-aligned with {@code atoms}, in units of a/2
 * @param rotation 3x3 rotation, lattice axes to cell axes (includes the tilt and any mirror)
 * @param translationAngstrom translation added after the rotation (Å)
 * @param latticeConstantAngstrom fcc lattice constant a (Å)
 * @param zoneAxis the lattice direction brought along the beam before the tilt, e.g. {1, 1, 0}
 * @param tiltRad tilt off the zone axis (rad)
 */
public record Nanoparticle(Atoms atoms, List<Column> columns, int[][] sites, double[][] rotation,
        double[] translationAngstrom, double latticeConstantAngstrom, int[] zoneAxis, double tiltRad) {

    public Nanoparticle {
        columns = List.copyOf(columns);
    }
}
