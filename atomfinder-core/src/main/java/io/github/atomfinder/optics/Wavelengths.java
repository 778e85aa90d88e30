package io.github.atomfinder.optics;

/** Relativistic electron wavelength (method.md §1). */
public final class Wavelengths {

    private static final double PLANCK_J_S = 6.62607015e-34;
    private static final double SPEED_OF_LIGHT_M_S = 299_792_458.0;
    private static final double ELECTRON_MASS_KG = 9.1093837015e-31;
    private static final double ELEMENTARY_CHARGE_C = 1.602176634e-19;

    private Wavelengths() {
    }

    /** λ = h c / sqrt(E (2 m_e c² + E)) in Å for a kinetic energy E in eV (80 keV → 0.04175716 Å). */
    public static double relativisticWavelengthAngstrom(double energyEv) {
        if (!(energyEv > 0) || Double.isInfinite(energyEv)) {
            throw new IllegalArgumentException("electron energy must be positive and finite, got " + energyEv + " eV");
        }
        double energyJ = energyEv * ELEMENTARY_CHARGE_C;
        double restEnergyJ = ELECTRON_MASS_KG * SPEED_OF_LIGHT_M_S * SPEED_OF_LIGHT_M_S;
        return PLANCK_J_S * SPEED_OF_LIGHT_M_S / Math.sqrt(energyJ * (2 * restEnergyJ + energyJ)) * 1e10;
    }
}
