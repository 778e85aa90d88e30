package io.github.atomfinder.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.simulation.Electrons;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroscopeDistributionTest {

    @TempDir
    Path dir;

    @Test
    void graphenePresetDrawsWithinPaperTable1() {
        // Madsen et al. 2018, Table 1: defocus ±200 Å, Cs ±20 µm, C5 0–5 mm, astigmatism 0–100 Å, focal spread
        // 20–40 Å, dose 1e1–1e4 e/Å², MTF c1 0–0.1, c2 0.4–0.6, c3 2–3; 80 kV.
        MicroscopeDistribution graphene = MicroscopeDistribution.preset("graphene-80kv");
        SplittableRandom random = new SplittableRandom(5);
        double minDose = Double.POSITIVE_INFINITY;
        double maxDose = 0;
        int belowHundred = 0;
        for (int i = 0; i < 2000; i++) {
            Microscope m = graphene.sample(random);
            assertEquals(80e3, m.energyEv());
            Aberrations a = m.aberrations();
            assertTrue(Math.abs(a.defocusAngstrom()) <= 200);
            assertTrue(Math.abs(a.csAngstrom()) <= 2e5);
            assertTrue(a.magnitudeAngstrom(Aberrations.Term.C50) >= 0 && a.magnitudeAngstrom(Aberrations.Term.C50) <= 5e7);
            assertTrue(a.magnitudeAngstrom(Aberrations.Term.C12) <= 100);
            assertTrue(m.focalSpreadAngstrom() >= 20 && m.focalSpreadAngstrom() <= 40);
            assertTrue(m.mtf().c1() <= 0.1 && m.mtf().c2() >= 0.4 && m.mtf().c2() <= 0.6 && m.mtf().c3() >= 2 && m.mtf().c3() <= 3);
            assertEquals(1, m.mtf().c0());
            assertTrue(m.pixelSizeAngstrom() >= 0.11 && m.pixelSizeAngstrom() <= 0.13);
            minDose = Math.min(minDose, m.doseElectronsPerA2());
            maxDose = Math.max(maxDose, m.doseElectronsPerA2());
            belowHundred += m.doseElectronsPerA2() < 100 ? 1 : 0;
        }
        assertTrue(minDose >= 10 && maxDose <= 1e4);
        // Log-uniform over three decades: one third of the draws lie in the first decade.
        assertEquals(2000 / 3.0, belowHundred, 70);
    }

    @Test
    void goldPresetIsAt300kVWithNegativeCsAndOverfocus() {
        Microscope m = MicroscopeDistribution.preset("gold-300kv").sample(new SplittableRandom(1));
        assertEquals(300e3, m.energyEv());
        assertTrue(m.aberrations().csAngstrom() <= 0 && m.aberrations().csAngstrom() >= -3e5);
        assertTrue(m.aberrations().defocusAngstrom() <= -40 && m.aberrations().defocusAngstrom() >= -200);
        assertTrue(m.pixelSizeAngstrom() >= 0.19 && m.pixelSizeAngstrom() <= 0.23);
    }

    @Test
    void paperTestPresetIsOneScherzerMicroscopeWithBrightAtoms() {
        // The authors' graphene dose test: 244.8/2048 Å pixels, Cs −11.5 µm, code defocus −80/400000·Cs + 60 = 83 Å
        // applied as C10 (abTEM defocus −83 Å), focal spread 28 Å, no astigmatism; every draw the same.
        MicroscopeDistribution paper = MicroscopeDistribution.preset("graphene-80kv-paper-test");
        Microscope m = paper.sample(new SplittableRandom(1));
        assertEquals(m, paper.sample(new SplittableRandom(2)));
        assertEquals(80e3, m.energyEv());
        assertEquals(244.8 / 2048, m.pixelSizeAngstrom(), 1e-9);
        assertEquals(-115000, m.aberrations().csAngstrom());
        assertEquals(-80.0 / 400000 * -115000 + 60, -m.aberrations().defocusAngstrom(), 1e-9);
        assertEquals(0, m.aberrations().magnitudeAngstrom(Aberrations.Term.C12));
        assertEquals(28, m.focalSpreadAngstrom());
        // Near Scherzer focus, sign(Cs)·sqrt(1.5 |Cs| λ): the CTF is flat and negative over the lattice spacings.
        double scherzer = Transfer.scherzerDefocusAngstrom(-115000, Electrons.wavelengthAngstrom(80e3));
        assertEquals(scherzer, m.aberrations().defocusAngstrom(), 2.5);
    }

    @Test
    void everyBundledPresetParsesAndRoundTrips() {
        for (String name : MicroscopeDistribution.PRESETS) {
            MicroscopeDistribution preset = MicroscopeDistribution.preset(name);
            assertEquals(name, preset.name());
            assertEquals(preset, MicroscopeDistribution.fromJson(preset.toJson()), name);
        }
    }

    @Test
    void jsonRoundTripsThroughAFile() throws Exception {
        MicroscopeDistribution gold = MicroscopeDistribution.preset("gold-300kv");
        Path file = dir.resolve("mine.json");
        gold.write(file);
        MicroscopeDistribution read = MicroscopeDistribution.presetOrFile(file.toString());
        assertEquals(gold, read);
        assertEquals(gold.sample(new SplittableRandom(9)), read.sample(new SplittableRandom(9)));
    }

    @Test
    void defocusAliasIsMinusC10AndFileOrderDoesNotChangeTheDraw() {
        MicroscopeDistribution a = MicroscopeDistribution.fromJson(
                "{\"energy_eV\": 200000, \"defocus_A\": {\"uniform\": [0, 100]}, \"Cs_A\": {\"uniform\": [-1, 1]}}");
        MicroscopeDistribution b = MicroscopeDistribution.fromJson(
                "{\"Cs_A\": {\"uniform\": [-1, 1]}, \"defocus_A\": {\"uniform\": [0, 100]}, \"energy_eV\": {\"fixed\": 200000}}");
        Microscope ma = a.sample(new SplittableRandom(3));
        assertEquals(ma, b.sample(new SplittableRandom(3)));
        assertTrue(ma.aberrations().magnitudeAngstrom(Aberrations.Term.C10) <= 0);
        assertEquals(-ma.aberrations().magnitudeAngstrom(Aberrations.Term.C10), ma.aberrations().defocusAngstrom());
    }

    @Test
    void badFilesAreRejectedNamingTheParameter() {
        AtomfinderException unknown = assertThrows(AtomfinderException.class,
                () -> MicroscopeDistribution.fromJson("{\"energy_eV\": 80000, \"defocus_nm\": 5}"));
        assertTrue(unknown.getMessage().contains("defocus_nm"), unknown.getMessage());
        AtomfinderException twice = assertThrows(AtomfinderException.class,
                () -> MicroscopeDistribution.fromJson("{\"energy_eV\": 80000, \"defocus_A\": 5, \"C10_A\": 3}"));
        assertTrue(twice.getMessage().contains("same thing"), twice.getMessage());
        AtomfinderException range = assertThrows(AtomfinderException.class,
                () -> MicroscopeDistribution.fromJson("{\"energy_eV\": 80000, \"dose_e_per_A2\": {\"log_uniform\": [0, 10]}}"));
        assertTrue(range.getMessage().contains("dose_e_per_A2"), range.getMessage());
        assertThrows(AtomfinderException.class, () -> MicroscopeDistribution.fromJson("{\"Cs_A\": 1}"));
        assertThrows(AtomfinderException.class, () -> MicroscopeDistribution.presetOrFile("no-such-preset"));
        assertThrows(AtomfinderException.class,
                () -> MicroscopeDistribution.fromJson("{\"energy_eV\": 80000, \"mtf_c1\": 0.1}").sample(new SplittableRandom(1)));
    }
    @Test
    void aMixtureDrawsEachComponentInProportionToItsWeightAndRoundTrips() throws Exception {
        MicroscopeDistribution mixed = MicroscopeDistribution.fromJson("{\"energy_eV\": 80000, \"defocus_A\": {\"mixture\": ["
                + "{\"weight\": 3, \"uniform\": [-100, 100]}, {\"weight\": 1, \"uniform\": [500, 600]}]},"
                + " \"dose_e_per_A2\": {\"mixture\": [{\"weight\": 0.5, \"fixed\": 7}, {\"weight\": 0.5, \"log_uniform\": [1e2, 1e4]}]}}");
        SplittableRandom random = new SplittableRandom(4);
        int draws = 8000;
        int far = 0;
        int fixedDose = 0;
        for (int i = 0; i < draws; i++) {
            Microscope m = mixed.sample(random);
            double defocus = m.aberrations().defocusAngstrom();
            assertTrue(Math.abs(defocus) <= 100 || (defocus >= 500 && defocus <= 600), "defocus " + defocus);
            far += defocus >= 500 ? 1 : 0;
            fixedDose += m.doseElectronsPerA2() == 7 ? 1 : 0;
            assertTrue(m.doseElectronsPerA2() == 7 || (m.doseElectronsPerA2() >= 1e2 && m.doseElectronsPerA2() <= 1e4));
        }
        // Binomial standard deviations: 39 for the 1:3 split, 45 for the even one; 4σ bounds.
        assertEquals(draws / 4.0, far, 160);
        assertEquals(draws / 2.0, fixedDose, 180);
        assertEquals(0.75 * 0 + 0.25 * 550, mixed.parameters().get("defocus_A").typical(), 1e-9);

        Path file = dir.resolve("mixed.json");
        mixed.write(file);
        MicroscopeDistribution read = MicroscopeDistribution.read(file);
        assertEquals(mixed, read);
        assertEquals(mixed.sample(new SplittableRandom(12)), read.sample(new SplittableRandom(12)));
    }

    @Test
    void badMixturesAreRejectedNamingTheParameter() {
        for (String bad : new String[] {"[]", "[{\"uniform\": [0, 1]}]", "[{\"weight\": 0, \"uniform\": [0, 1]}]",
                "[{\"weight\": 1}]", "[{\"weight\": 1, \"uniform\": [2, 1]}]", "{\"weight\": 1}"}) {
            AtomfinderException e = assertThrows(AtomfinderException.class, () -> MicroscopeDistribution.fromJson(
                    "{\"energy_eV\": 80000, \"astigmatism_A\": {\"mixture\": " + bad + "}}"), bad);
            assertTrue(e.getMessage().contains("astigmatism_A"), e.getMessage());
        }
    }

    @Test
    void aFixedDistributionSavedAsJsonReproducesTheExactMicroscope() throws Exception {
        Microscope drawn = MicroscopeDistribution.preset("graphene-80kv").sample(new SplittableRandom(11))
                .withAberrations(Aberrations.NONE.withDefocus(-50).with(Aberrations.Term.C23, 800, 0.4).withCs(-1e5))
                .withAperture(25e-3, 0.5e-3).withConvergence(0.2e-3);
        Path file = dir.resolve("used.json");
        MicroscopeDistribution.fixed("used", drawn).write(file);
        assertEquals(drawn, MicroscopeDistribution.read(file).sample(new SplittableRandom(99)));
        Microscope ideal = Microscope.ideal(300e3);
        assertEquals(ideal, MicroscopeDistribution.fromJson(MicroscopeDistribution.fixed(null, ideal).toJson()).sample(new SplittableRandom(1)));
    }
}
