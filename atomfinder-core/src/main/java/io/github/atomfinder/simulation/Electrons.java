package io.github.atomfinder.simulation;

/**
 * Relativistic electron-beam quantities from CODATA 2018 constants (method.md §1).
 *
 * <p>λ = h c / sqrt(E (2 m_e c² + E)); σ = 2π m λ e / h² with the relativistic mass m = m_e (1 + eE / m_e c²).
 */
public final class Electrons {

    /** Planck constant, J·s (exact, SI 2019). */
    public static final double PLANCK = 6.62607015e-34;
    /** Speed of light, m/s (exact). */
    public static final double SPEED_OF_LIGHT = 299792458.0;
    /** Elementary charge, C (exact). */
    public static final double ELEMENTARY_CHARGE = 1.602176634e-19;
    /** Electron rest mass, kg (CODATA 2018). */
    public static final double ELECTRON_MASS = 9.1093837015e-31;
    /** Vacuum permittivity, F/m (CODATA 2018). */
    public static final double VACUUM_PERMITTIVITY = 8.8541878128e-12;
    /** Bohr radius, m (CODATA 2018). */
    public static final double BOHR_RADIUS = 5.29177210903e-11;

    /**
     * 1/κ = 2π a0 e / (4π ε0) expressed in V·Å² (≈ 47.8776): converts a scattering factor f(k) in Å into the
     * Fourier transform of the projected potential, V̂_z(k) = f(k)/κ.
     */
    public static final double INVERSE_KAPPA_VOLT_ANGSTROM2 =
            BOHR_RADIUS * ELEMENTARY_CHARGE / (2 * VACUUM_PERMITTIVITY) * 1e20;

    private Electrons() {
    }

    /** Relativistic wavelength in Å for an acceleration energy in eV. */
    public static double wavelengthAngstrom(double energyEv) {
        requirePositive(energyEv);
        double energyJ = energyEv * ELEMENTARY_CHARGE;
        double restEnergy = ELECTRON_MASS * SPEED_OF_LIGHT * SPEED_OF_LIGHT;
        return PLANCK * SPEED_OF_LIGHT / Math.sqrt(energyJ * (2 * restEnergy + energyJ)) * 1e10;
    }

    /** Lorentz factor γ = 1 + eE / (m_e c²). */
    public static double lorentzFactor(double energyEv) {
        requirePositive(energyEv);
        return 1 + energyEv * ELEMENTARY_CHARGE / (ELECTRON_MASS * SPEED_OF_LIGHT * SPEED_OF_LIGHT);
    }

    /** Interaction parameter σ in rad/(V·Å): the phase a projected potential of 1 V·Å imparts. */
    public static double interactionParameter(double energyEv) {
        double mass = ELECTRON_MASS * lorentzFactor(energyEv);
        double lambdaMetre = wavelengthAngstrom(energyEv) * 1e-10;
        double perVoltMetre = 2 * Math.PI * mass * lambdaMetre * ELEMENTARY_CHARGE / (PLANCK * PLANCK);
        return perVoltMetre * 1e-10;
    }

    private static void requirePositive(double energyEv) {
        if (!(energyEv > 0) || Double.isInfinite(energyEv)) {
            throw new IllegalArgumentException("electron energy must be positive and finite, got " + energyEv + " eV");
        }
    }
}
