package io.github.atomfinder.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ElectronsTest {

    /** Agreement to 6 significant digits. */
    private static void assertSixDigits(double expected, double actual) {
        assertEquals(expected, actual, 5e-6 * Math.abs(expected), "expected " + expected + ", got " + actual);
    }

    @Test
    void wavelengthMatchesMethodSheetAt80And200And300kV() {
        // method.md §1: 80 kV -> 0.04175716 Å, 200 kV -> 0.025079 Å, 300 kV -> 0.01968749 Å
        assertSixDigits(0.04175716, Electrons.wavelengthAngstrom(80e3));
        assertEquals(0.025079, Electrons.wavelengthAngstrom(200e3), 5e-7);
        assertSixDigits(0.01968749, Electrons.wavelengthAngstrom(300e3));
    }

    @Test
    void interactionParameterMatchesMethodSheetAt80And300kV() {
        // method.md §1: 80 kV -> 1.008707e-3, 300 kV -> 6.526161e-4 rad/(V·Å)
        assertSixDigits(1.008707e-3, Electrons.interactionParameter(80e3));
        assertSixDigits(6.526161e-4, Electrons.interactionParameter(300e3));
    }

    @Test
    void inverseKappaIsTheTabulatedConstant() {
        // method.md §2: 1/κ = 47.8776 V·Å²
        assertEquals(47.8776, Electrons.INVERSE_KAPPA_VOLT_ANGSTROM2, 1e-4);
    }

    @Test
    void lorentzFactorMatchesAbtemAt80kV() {
        // graphene_params.json constants.80kV.gamma (abTEM uses ASE's older CODATA set: agree to 1e-8)
        assertEquals(1.1565560958279304, Electrons.lorentzFactor(80e3), 1e-8);
    }

    @Test
    void rejectsNonPositiveEnergy() {
        assertThrows(IllegalArgumentException.class, () -> Electrons.wavelengthAngstrom(0));
    }
}
