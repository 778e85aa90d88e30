package io.github.atomfinder.simulation;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.structure.Cell;

/**
 * Everything a plane-wave multislice run needs besides the atoms.
 *
 * @param energyEv               acceleration energy in eV (e.g. 80e3)
 * @param samplingAngstrom       largest allowed pixel size in Å; the grid is {@code ceil(extent / sampling)} pixels
 *                               per axis, ignored when an explicit grid size is given
 * @param gridNy                 explicit grid rows (along the cell's b axis), or 0 to derive from the sampling
 * @param gridNx                 explicit grid columns (along a), or 0 to derive from the sampling
 * @param sliceThicknessAngstrom requested slice thickness in Å; the cell's c is cut into
 *                               {@code ceil(c / thickness)} equal slices
 * @param parametrisation        scattering-factor table
 * @param phononConfigurations   0 for a static lattice, otherwise the number of frozen-phonon configurations
 * @param phononSigmaAngstrom    standard deviation of the Gaussian displacement per Cartesian axis, Å
 * @param seed                   seed for the displacements
 */
public record SimulationParameters(double energyEv, double samplingAngstrom, int gridNy, int gridNx,
        double sliceThicknessAngstrom, Parametrisation parametrisation, int phononConfigurations,
        double phononSigmaAngstrom, long seed) {

    /** Default slice thickness, Å. */
    public static final double DEFAULT_SLICE_THICKNESS = 1.0;

    public SimulationParameters {
        requirePositive(energyEv, "energy");
        requirePositive(samplingAngstrom, "sampling");
        requirePositive(sliceThicknessAngstrom, "slice thickness");
        if (gridNy < 0 || gridNx < 0 || (gridNy == 0) != (gridNx == 0)) {
            throw new AtomfinderException("grid size must be two positive numbers or unset, got " + gridNy + " x " + gridNx);
        }
        if (phononConfigurations < 0) {
            throw new AtomfinderException("phonon configurations must be 0 or more, got " + phononConfigurations);
        }
        if (!(phononSigmaAngstrom >= 0) || Double.isInfinite(phononSigmaAngstrom)) {
            throw new AtomfinderException("phonon sigma must be 0 or more (Å), got " + phononSigmaAngstrom);
        }
        if (parametrisation == null) {
            throw new AtomfinderException("a potential parametrisation is required");
        }
    }

    /** Static lattice, Lobato potentials, 1 Å slices, grid from the sampling. */
    public static SimulationParameters of(double energyEv, double samplingAngstrom) {
        return new SimulationParameters(energyEv, samplingAngstrom, 0, 0, DEFAULT_SLICE_THICKNESS,
                Parametrisation.LOBATO, 0, 0, 0);
    }

    public SimulationParameters withParametrisation(Parametrisation p) {
        return new SimulationParameters(energyEv, samplingAngstrom, gridNy, gridNx, sliceThicknessAngstrom, p,
                phononConfigurations, phononSigmaAngstrom, seed);
    }

    public SimulationParameters withSliceThickness(double thicknessAngstrom) {
        return new SimulationParameters(energyEv, samplingAngstrom, gridNy, gridNx, thicknessAngstrom,
                parametrisation, phononConfigurations, phononSigmaAngstrom, seed);
    }

    public SimulationParameters withGridSize(int ny, int nx) {
        return new SimulationParameters(energyEv, samplingAngstrom, ny, nx, sliceThicknessAngstrom, parametrisation,
                phononConfigurations, phononSigmaAngstrom, seed);
    }

    public SimulationParameters withPhonons(int configurations, double sigmaAngstrom, long newSeed) {
        return new SimulationParameters(energyEv, samplingAngstrom, gridNy, gridNx, sliceThicknessAngstrom,
                parametrisation, configurations, sigmaAngstrom, newSeed);
    }

    /** The simulation grid over the cell's a (x) by b (y) extent. */
    public Grid grid(Cell cell) {
        if (gridNy > 0) {
            return new Grid(gridNy, gridNx, cell.bAngstrom() / gridNy, cell.aAngstrom() / gridNx);
        }
        return Grid.covering(cell.bAngstrom(), cell.aAngstrom(), samplingAngstrom);
    }

    /** The slices the cell's c is cut into. */
    public SliceLayout slices(Cell cell) {
        return SliceLayout.of(cell.cAngstrom(), sliceThicknessAngstrom);
    }

    public double wavelengthAngstrom() {
        return Electrons.wavelengthAngstrom(energyEv);
    }

    public double interactionParameter() {
        return Electrons.interactionParameter(energyEv);
    }

    private static void requirePositive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new AtomfinderException(name + " must be positive and finite, got " + v);
        }
    }
}
