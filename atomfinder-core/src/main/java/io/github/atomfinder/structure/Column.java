package io.github.atomfinder.structure;

/** An atomic column seen along the beam: mean projected position (Å) and number of atoms in it. */
public record Column(double xAngstrom, double yAngstrom, int atomCount) {
}
