package io.github.atomfinder.optics;

/**
 * Detector modulation transfer function in the paper's form (Madsen et al. 2018, eq. 5) with an optional gain
 * at zero frequency, as a function of the spatial frequency q relative to the image's Nyquist frequency q_N:
 *
 * <pre>MTF(q) = (c0 − c1) / (1 + (q / (2 c2 q_N))^c3) + c1</pre>
 *
 * Eq. 5 is the case c0 = 1 ({@link #paper}); c1 is the high-frequency floor (0–0.1), c2 the relative cut-off
 * (0.4–0.6: the curve is halfway down at q = 2 c2 q_N), c3 the steepness (2–3). The image spectrum is multiplied by
 * the MTF itself, as in the paper (abTEM and the published code multiply by its square root, which with the
 * same c's filters less), after the dose noise so the noise is coloured as in a real camera.
 */
public record Mtf(double c0, double c1, double c2, double c3) {

    /** The perfect detector: MTF ≡ 1. */
    public static final Mtf NONE = new Mtf(1, 1, 0.5, 2);

    public Mtf {
        if (!Double.isFinite(c0) || !Double.isFinite(c1) || !(c2 > 0) || !Double.isFinite(c2) || !(c3 > 0) || !Double.isFinite(c3)) {
            throw new IllegalArgumentException("MTF needs finite c0, c1 and positive c2, c3; got " + c0 + ", " + c1 + ", " + c2 + ", " + c3);
        }
    }

    /** The paper's eq. 5 (MTF(0) = 1). */
    public static Mtf paper(double c1, double c2, double c3) {
        return new Mtf(1, c1, c2, c3);
    }

    public boolean isIdentity() {
        return c0 == 1 && c1 == 1;
    }

    /** MTF at spatial frequency q (1/Å) for an image whose Nyquist frequency is qNyquist (1/Å). */
    public double at(double q, double qNyquist) {
        return (c0 - c1) / (1 + Math.pow(q / (2 * c2 * qNyquist), c3)) + c1;
    }
}
