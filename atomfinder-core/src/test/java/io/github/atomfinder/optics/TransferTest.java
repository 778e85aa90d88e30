package io.github.atomfinder.optics;

import io.github.atomfinder.simulation.Electrons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferTest {

    private static final double LAMBDA_80KV = Electrons.wavelengthAngstrom(80e3);

    @Test
    void relativisticWavelengthsMatchMethodSheet() {
        // method.md §1: 80 kV → 0.04175716 Å, 200 kV → 0.025079 Å, 300 kV → 0.01968749 Å.
        assertEquals(0.04175716, LAMBDA_80KV, 1e-8);
        assertEquals(0.025079, Electrons.wavelengthAngstrom(200e3), 1e-6);
        assertEquals(0.01968749, Electrons.wavelengthAngstrom(300e3), 1e-8);
    }

    @Test
    void scherzerDefocusForCs1mmAt200kVIs613Angstrom() {
        // sqrt(1.5 · 1e7 Å · 0.025079 Å) = 613.3 Å (the textbook "−61 nm" with the opposite defocus sign).
        double lambda = Electrons.wavelengthAngstrom(200e3);
        assertEquals(613.3, Transfer.scherzerDefocusAngstrom(1e7, lambda), 0.1);
        assertEquals(-613.3, Transfer.scherzerDefocusAngstrom(-1e7, lambda), 0.1);
    }

    @Test
    void chiAtScherzerDefocusBottomsOutAtMinusThreeQuarterPi() {
        // χ = πλk²C10 + ½πλ³k⁴Cs has its extremum −πC10²/(2λCs) = −3π/4 at C10 = −sqrt(1.5 Cs λ).
        double cs = 2e5;
        Aberrations a = Aberrations.NONE.withCs(cs).withDefocus(Transfer.scherzerDefocusAngstrom(cs, LAMBDA_80KV));
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 40000; i++) {
            double alpha = i * 1e-6;
            min = Math.min(min, a.chi(alpha, 0.3, LAMBDA_80KV, null));
        }
        assertEquals(-0.75 * Math.PI, min, 1e-6);
    }

    @Test
    void ctfZeroCrossingsOfDefocusAndCsLieWhereTheQuadraticSays() {
        // sin χ = 0 where πλk²C10 + ½πλ³k⁴C30 = nπ, i.e. k² = (−λC10 + sqrt(λ²C10² + 2nλ³C30)) / (λ³C30).
        double c10 = -100;
        double c30 = 2e5;
        Microscope m = Microscope.ideal(80e3).withAberrations(Aberrations.NONE.withDefocus(-c10).withCs(c30));
        Grid line = new Grid(1, 32768, 1, 0.05);
        ComplexField h = ImageFormation.transferFunction(line, m);
        double[] kx = line.frequenciesX();
        // Up to 2 1/Å the zeros are at least 0.004 1/Å apart, seven samples of this 0.0006 1/Å line.
        final int last = 3276;
        List<Double> crossings = new ArrayList<>();
        for (int x = 1; x < last; x++) {
            double a = h.data()[2 * x + 1];
            double b = h.data()[2 * (x + 1) + 1];
            if (a == 0 || a * b < 0) {
                crossings.add(kx[x] + (kx[x + 1] - kx[x]) * a / (a - b));
            }
        }
        double l = LAMBDA_80KV;
        List<Double> expected = new ArrayList<>();
        for (int n = -5; n <= 400; n++) {
            double disc = l * l * c10 * c10 + 2 * n * l * l * l * c30;
            if (disc < 0) {
                continue;
            }
            for (double sign : new double[] {-1, 1}) {
                double k2 = (-l * c10 + sign * Math.sqrt(disc)) / (l * l * l * c30);
                if (k2 > 1e-6 && Math.sqrt(k2) < kx[last]) {
                    expected.add(Math.sqrt(k2));
                }
            }
        }
        expected.sort(Double::compare);
        assertTrue(expected.size() > 50, "enough zeros to be a real test: " + expected.size());
        assertEquals(expected.size(), crossings.size(), "number of zero crossings up to " + kx[last] + " 1/Å");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), crossings.get(i), 2e-3, "zero " + i);
        }
    }

    @Test
    void envelopesAreOneAtZeroAndFallMonotonically() {
        assertEquals(1, Transfer.temporalEnvelope(0, LAMBDA_80KV, 30), 0);
        Aberrations cs = Aberrations.NONE.withCs(-2e5);
        double[] gradient = new double[2];
        cs.chi(0, 0, LAMBDA_80KV, gradient);
        assertEquals(1, Transfer.spatialEnvelope(gradient[0], gradient[1], 0.5e-3), 0);
        double previousT = 1;
        double previousS = 1;
        for (int i = 1; i <= 400; i++) {
            double alpha = i * 1e-4;
            double t = Transfer.temporalEnvelope(alpha, LAMBDA_80KV, 30);
            cs.chi(alpha, 1.0, LAMBDA_80KV, gradient);
            double s = Transfer.spatialEnvelope(gradient[0], gradient[1], 0.5e-3);
            assertTrue(t <= previousT && s <= previousS, "envelopes must not rise at α = " + alpha);
            previousT = t;
            previousS = s;
        }
        // E_t = exp(−(πλΔk²)²/4) at k = 1 1/Å, Δ = 30 Å: exp(−(π · 0.04175716 · 30)² / 4) = 0.0208.
        assertEquals(Math.exp(-Math.pow(Math.PI * LAMBDA_80KV * 30, 2) / 4), Transfer.temporalEnvelope(LAMBDA_80KV, LAMBDA_80KV, 30), 1e-15);
        assertEquals(0.0208, Transfer.temporalEnvelope(LAMBDA_80KV, LAMBDA_80KV, 30), 1e-4);
    }

    @Test
    void spatialEnvelopeOfPureDefocusIsTheTextbookGaussian() {
        // Pure defocus: ∂χ/∂α = 2π C10 α / λ, so E_s = exp(−(π β C10 α / λ)²).
        double c10 = 300;
        double beta = 1e-3;
        double alpha = 10e-3;
        double[] gradient = new double[2];
        Aberrations.NONE.with(Aberrations.Term.C10, c10).chi(alpha, 0.7, LAMBDA_80KV, gradient);
        double expected = Math.exp(-Math.pow(Math.PI * beta * c10 * alpha / LAMBDA_80KV, 2));
        assertEquals(expected, Transfer.spatialEnvelope(gradient[0], gradient[1], beta), 1e-12);
    }

    @Test
    void astigmatismGradientHasTheAzimuthalTerm() {
        // χ = (π/λ) α² C12 cos 2(φ − φ12): (1/α) ∂χ/∂φ = −(2π/λ) α C12 sin 2(φ − φ12).
        double alpha = 0.01;
        double phi = 0.9;
        double[] gradient = new double[2];
        Aberrations.NONE.withAstigmatism(50, 0.2).chi(alpha, phi, LAMBDA_80KV, gradient);
        assertEquals(2 * Math.PI / LAMBDA_80KV * alpha * 50 * Math.cos(2 * (phi - 0.2)), gradient[0], 1e-9);
        assertEquals(-2 * Math.PI / LAMBDA_80KV * alpha * 50 * Math.sin(2 * (phi - 0.2)), gradient[1], 1e-9);
    }

    @Test
    void apertureHasACosineEdgeInsideTheCutoff() {
        assertEquals(1, Transfer.aperture(0.019, 0.02, 0.001), 0);
        assertEquals(0.5, Transfer.aperture(0.0195, 0.02, 0.001), 1e-12);
        assertEquals(0, Transfer.aperture(0.0201, 0.02, 0.001), 0);
        assertEquals(1, Transfer.aperture(0.02, 0.02, 0), 0);
        assertEquals(1, Transfer.aperture(1, Double.POSITIVE_INFINITY, 0), 0);
    }

    @Test
    void mtfIsOneAtZeroHalfwayAtTwiceC2NyquistAndFloorsAtC1() {
        Mtf mtf = Mtf.paper(0.08, 0.5, 2.5);
        double nyquist = 4.0;
        assertEquals(1, mtf.at(0, nyquist), 0);
        // (1 − c1) / (1 + 1) + c1 at q = 2 c2 q_N.
        assertEquals((1 + 0.08) / 2, mtf.at(2 * 0.5 * nyquist, nyquist), 1e-12);
        assertEquals(0.08, mtf.at(1e6, nyquist), 1e-6);
        assertTrue(Mtf.NONE.isIdentity());
        assertEquals(1, Mtf.NONE.at(3, nyquist), 0);
    }

    @Test
    void latticeContrastFollowsSinChiAndItsEnvelopes() {
        Microscope perfect = Microscope.ideal(80e3);
        assertEquals(0, Transfer.latticeContrast(perfect, 2.13).mean(), 1e-15, "no aberrations, no phase contrast");

        double k = 1 / 2.13;
        Microscope defocused = perfect.withAberrations(Aberrations.NONE.withDefocus(-70)).withFocalSpread(30);
        double expected = Math.abs(Math.sin(Math.PI * LAMBDA_80KV * 70 * k * k))
                * Math.exp(-Math.pow(Math.PI * LAMBDA_80KV * 30 * k * k, 2) / 4);
        assertEquals(expected, Transfer.latticeContrast(defocused, 2.13).mean(), 1e-12);
        assertEquals(expected, Transfer.latticeContrast(defocused, 2.13).minimum(), 1e-12, "round CTF: min = mean");

        double blurred = Transfer.latticeContrast(defocused.withBlur(0.2), 2.13).mean();
        assertEquals(expected * Math.exp(-2 * Math.PI * Math.PI * 0.04 * k * k), blurred, 1e-12);

        // Pure two-fold astigmatism a: χ = πλk²a·cos 2(φ − φ12), so the mean is that of |sin(c cos 2φ)| over φ,
        // whatever φ12, and the minimum is 0 (at φ12 ± 45°, on the 0.5° grid when φ12 is a multiple of 0.5°).
        double a = 25;
        double c = Math.PI * LAMBDA_80KV * a * k * k;
        double mean = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            mean += Math.abs(Math.sin(c * Math.cos(2 * Math.PI * (i + 0.5) / n))) / n;
        }
        Microscope astigmatic = perfect.withAberrations(Aberrations.NONE.withAstigmatism(a, 0.7));
        assertEquals(mean, Transfer.latticeContrast(astigmatic, 2.13).mean(), 1e-4 * mean);
        Microscope onGrid = perfect.withAberrations(Aberrations.NONE.withAstigmatism(a, Math.toRadians(10)));
        assertEquals(0, Transfer.latticeContrast(onGrid, 2.13).minimum(), 1e-12);
    }
}
