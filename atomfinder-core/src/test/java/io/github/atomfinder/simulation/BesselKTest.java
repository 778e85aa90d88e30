package io.github.atomfinder.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BesselKTest {

    /** Reference values from scipy.special.k0 / k1 (scipy 1.x); both branches and the switch at x = 2. */
    @ParameterizedTest
    @CsvSource({
        "0.05, 3.1142340294719917, 19.909674325882506",
        "0.5, 0.9244190712276656, 1.6564411200033007",
        "1, 0.42102443824070823, 0.6019072301972346",
        "1.9, 0.12884597927604755, 0.15966015303266756",
        "2, 0.1138938727495334, 0.13986588181652246",
        "2.1, 0.10078374088996692, 0.1227464115335079",
        "5, 0.0036910983340425942, 0.004044613445452163",
        "10, 1.778006231616765e-05, 1.8648773453825585e-05",
    })
    void matchesScipyToSevenDigits(double x, double k0, double k1) {
        assertEquals(k0, BesselK.k0(x), 2e-7 * k0);
        assertEquals(k1, BesselK.k1(x), 2e-7 * k1);
    }
}
