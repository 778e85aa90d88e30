package io.github.atomfinder.optics;

/**
 * Contrast transfer of the objective lens (method.md §4): aberration phase χ, objective aperture and the
 * quasi-coherent envelopes of partial temporal and spatial coherence, as pure functions of the scattering angle.
 * The wave transfer function is H(k) = exp(−iχ) · E_t · E_s · A with α = λ|k|, φ = atan2(k_y, k_x).
 */
public final class Transfer {

    private Transfer() {
    }

    /** Scherzer defocus sign(Cs)·sqrt(1.5 |Cs| λ) in Å (defocus = −C10; e.g. −112 Å for Cs = −20 µm at 80 kV). */
    public static double scherzerDefocusAngstrom(double csAngstrom, double wavelengthAngstrom) {
        return Math.signum(csAngstrom) * Math.sqrt(1.5 * Math.abs(csAngstrom) * wavelengthAngstrom);
    }

    /**
     * Temporal-coherence envelope for a focal spread Δ (1/e half-width, Å): E_t = exp(−(π λ Δ k²)² / 4)
     * with k = α/λ.
     */
    public static double temporalEnvelope(double alpha, double wavelengthAngstrom, double focalSpreadAngstrom) {
        double x = Math.PI / wavelengthAngstrom * focalSpreadAngstrom * alpha * alpha;
        return Math.exp(-x * x / 4);
    }

    /**
     * Spatial-coherence envelope for an illumination convergence semi-angle β (rad):
     * E_s = exp(−(β/2)² |∇_α χ|²), with the gradient (∂χ/∂α, (1/α) ∂χ/∂φ) from {@link Aberrations#chi}.
     */
    public static double spatialEnvelope(double dChiDAlpha, double dChiDPhiOverAlpha, double convergenceSemiAngleRad) {
        double b = convergenceSemiAngleRad / 2;
        return Math.exp(-b * b * (dChiDAlpha * dChiDAlpha + dChiDPhiOverAlpha * dChiDPhiOverAlpha));
    }

    /**
     * Objective aperture of semi-angle α_c (rad) with a cosine edge of width w (rad) inside it:
     * 1 below α_c − w, 0 above α_c, ½(1 + cos(π(α − α_c + w)/w)) between. An infinite α_c passes everything;
     * w = 0 gives a hard edge.
     */
    public static double aperture(double alpha, double cutoffRad, double edgeWidthRad) {
        if (alpha > cutoffRad) {
            return 0;
        }
        double inner = cutoffRad - edgeWidthRad;
        if (alpha <= inner) {
            return 1;
        }
        return 0.5 * (1 + Math.cos(Math.PI * (alpha - inner) / edgeWidthRad));
    }
}
