package io.github.atomfinder.optics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Coherent lens aberrations as Krivanek's polar coefficients up to fifth order: magnitudes {@code C_nm} in Å
 * and azimuths {@code φ_nm} in rad (docs/conventions.md). The phase they impose at scattering angle α and
 * azimuth φ is χ(α, φ) = (2π/λ) Σ α^(n+1)/(n+1) · C_nm cos(m(φ − φ_nm)).
 *
 * <p>Aliases, stated once here: <b>defocus = −C10</b> (abTEM's convention, positive defocus = underfocus),
 * Cs = C30, C5 = C50, astigmatism = C12 with angle φ12. Atoms appear bright when χ &gt; 0 over the passed
 * band: with a negative Cs (aberration-corrected microscopes) that needs a <b>negative defocus</b> (C10 &gt; 0,
 * overfocus), e.g. the Scherzer defocus sign(Cs)·sqrt(1.5 |Cs| λ) ≈ −112 Å for Cs = −20 µm at 80 kV; a positive
 * Cs with a positive defocus gives dark atoms ({@link Transfer#scherzerDefocusAngstrom}).
 *
 * <p>Immutable; the arrays are private copies.
 */
public final class Aberrations {

    /** The polar terms: radial order n and azimuthal symmetry m of C_nm. */
    public enum Term {
        C10(1, 0), C12(1, 2),
        C21(2, 1), C23(2, 3),
        C30(3, 0), C32(3, 2), C34(3, 4),
        C41(4, 1), C43(4, 3), C45(4, 5),
        C50(5, 0), C52(5, 2), C54(5, 4), C56(5, 6);

        public final int n;
        public final int m;

        Term(int n, int m) {
            this.n = n;
            this.m = m;
        }

        /** The JSON/CLI key of the angle, e.g. "phi12"; null for round terms (m = 0). */
        public String angleName() {
            return m == 0 ? null : "phi" + n + m;
        }

        public static Term parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown aberration " + name + " (known: " + Arrays.toString(values()) + ")");
            }
        }
    }

    public static final Aberrations NONE = new Aberrations(new double[Term.values().length], new double[Term.values().length]);

    private final double[] magnitudesAngstrom;
    private final double[] anglesRad;

    private Aberrations(double[] magnitudesAngstrom, double[] anglesRad) {
        this.magnitudesAngstrom = magnitudesAngstrom;
        this.anglesRad = anglesRad;
    }

    public double magnitudeAngstrom(Term term) {
        return magnitudesAngstrom[term.ordinal()];
    }

    public double angleRad(Term term) {
        return anglesRad[term.ordinal()];
    }

    /** A copy with one term set (the angle is ignored for round terms). */
    public Aberrations with(Term term, double magnitudeAngstrom, double angleRad) {
        if (!Double.isFinite(magnitudeAngstrom) || !Double.isFinite(angleRad)) {
            throw new IllegalArgumentException(term + " must be finite, got " + magnitudeAngstrom + " Å at " + angleRad + " rad");
        }
        double[] c = magnitudesAngstrom.clone();
        double[] phi = anglesRad.clone();
        c[term.ordinal()] = magnitudeAngstrom;
        phi[term.ordinal()] = term.m == 0 ? 0 : angleRad;
        return new Aberrations(c, phi);
    }

    public Aberrations with(Term term, double magnitudeAngstrom) {
        return with(term, magnitudeAngstrom, angleRad(term));
    }

    /** Defocus Δf = −C10 in Å (positive = underfocus). */
    public double defocusAngstrom() {
        return -magnitudeAngstrom(Term.C10);
    }

    public Aberrations withDefocus(double defocusAngstrom) {
        return with(Term.C10, -defocusAngstrom);
    }

    /** Spherical aberration Cs = C30 in Å (1 µm = 1e4 Å). */
    public double csAngstrom() {
        return magnitudeAngstrom(Term.C30);
    }

    public Aberrations withCs(double csAngstrom) {
        return with(Term.C30, csAngstrom);
    }

    /** Fifth-order spherical aberration C5 = C50 in Å (1 mm = 1e7 Å). */
    public Aberrations withC5(double c5Angstrom) {
        return with(Term.C50, c5Angstrom);
    }

    /** Two-fold astigmatism C12 in Å at azimuth φ12 in rad. */
    public Aberrations withAstigmatism(double c12Angstrom, double phi12Rad) {
        return with(Term.C12, c12Angstrom, phi12Rad);
    }

    /** Whether every coefficient is zero (χ ≡ 0). */
    public boolean isZero() {
        for (double c : magnitudesAngstrom) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * χ in rad at angle α (rad) and azimuth φ (rad), for wavelength λ in Å. When {@code gradient} is non-null
     * it receives (∂χ/∂α, (1/α) ∂χ/∂φ), the gradient of χ in the angular plane, used by the spatial envelope.
     */
    public double chi(double alpha, double phi, double wavelengthAngstrom, double[] gradient) {
        double value = 0;
        double dAlpha = 0;
        double dPhi = 0;
        Term[] terms = Term.values();
        for (int t = 0; t < terms.length; t++) {
            double c = magnitudesAngstrom[t];
            if (c == 0) {
                continue;
            }
            Term term = terms[t];
            double alphaN = pow(alpha, term.n);
            double angle = term.m * (phi - anglesRad[t]);
            double cos = term.m == 0 ? 1 : Math.cos(angle);
            value += alphaN * alpha / (term.n + 1) * c * cos;
            if (gradient != null) {
                dAlpha += alphaN * c * cos;
                if (term.m != 0) {
                    dPhi -= alphaN * term.m / (term.n + 1) * c * Math.sin(angle);
                }
            }
        }
        double scale = 2 * Math.PI / wavelengthAngstrom;
        if (gradient != null) {
            gradient[0] = scale * dAlpha;
            gradient[1] = scale * dPhi;
        }
        return scale * value;
    }

    private static double pow(double x, int n) {
        double r = x;
        for (int i = 1; i < n; i++) {
            r *= x;
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Aberrations other && Arrays.equals(magnitudesAngstrom, other.magnitudesAngstrom)
                && Arrays.equals(anglesRad, other.anglesRad);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(magnitudesAngstrom) + Arrays.hashCode(anglesRad);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Aberrations[");
        String sep = "";
        for (Term term : Term.values()) {
            double c = magnitudeAngstrom(term);
            if (c != 0) {
                s.append(sep).append(term).append('=').append(String.format(Locale.ROOT, "%.4g Å", c));
                if (term.m != 0) {
                    s.append(String.format(Locale.ROOT, " @ %.4g rad", angleRad(term)));
                }
                sep = ", ";
            }
        }
        return s.append(']').toString();
    }
}
