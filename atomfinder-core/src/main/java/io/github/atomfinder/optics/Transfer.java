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
    /**
     * How strongly a weak phase object's lattice of spacing d (Å) shows in the image: |sin χ| · E_t · E_s · A ·
     * exp(−2π²σ²k²) at k = 1/d (σ the microscope's blur), over the azimuth. A weak phase object's intensity at
     * spatial frequency k is 2 sin χ(k) times its projected phase there, so 0 means the lattice is invisible
     * whatever the dose (e.g. no defocus and no Cs) and 1 is perfect phase contrast.
     *
     * @param mean the mean over the azimuth
     * @param minimum the least over the azimuth: near 0 when astigmatism puts a zero of the CTF on the lattice
     *     ring, which blanks the reflections in that direction (striped images) whatever the mean
     */
    public record LatticeContrast(double mean, double minimum) {
    }

    /** {@link LatticeContrast} of a lattice of spacing d (Å); ignores the detector MTF, which acts after the noise. */
    public static LatticeContrast latticeContrast(Microscope microscope, double spacingAngstrom) {
        if (!(spacingAngstrom > 0) || Double.isInfinite(spacingAngstrom)) {
            throw new IllegalArgumentException("lattice spacing must be positive (Å), got " + spacingAngstrom);
        }
        double lambda = microscope.wavelengthAngstrom();
        double k = 1 / spacingAngstrom;
        double alpha = lambda * k;
        double common = aperture(alpha, microscope.apertureSemiAngleRad(), microscope.apertureEdgeRad())
                * temporalEnvelope(alpha, lambda, microscope.focalSpreadAngstrom())
                * Math.exp(-2 * Math.PI * Math.PI * microscope.blurSigmaAngstrom() * microscope.blurSigmaAngstrom() * k * k);
        // 720 azimuths (0.5°) resolve astigmatism up to 3-fold (cos 3φ) far better than the figures need.
        int azimuths = 720;
        double[] gradient = new double[2];
        double sum = 0;
        double minimum = Double.POSITIVE_INFINITY;
        for (int i = 0; i < azimuths; i++) {
            double phi = 2 * Math.PI * i / azimuths;
            double chi = microscope.aberrations().chi(alpha, phi, lambda, gradient);
            double c = Math.abs(Math.sin(chi)) * spatialEnvelope(gradient[0], gradient[1], microscope.convergenceSemiAngleRad());
            sum += c;
            minimum = Math.min(minimum, c);
        }
        return new LatticeContrast(common * sum / azimuths, common * minimum);
    }
}
