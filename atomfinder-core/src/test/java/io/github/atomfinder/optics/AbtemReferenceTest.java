package io.github.atomfinder.optics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.testing.Shared;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against abTEM 1.0.9 (../shared/reference/abtem, graphene at 80 kV, 197 x 171 at 0.05 Å): CTF for defocus = −100 Å
 * (C10 = +100 Å), Cs = −20 µm, focal spread 20 Å (quasi-coherent), and the images it gives from the stored exit wave,
 * also with C12 = 20 Å at φ12 = 0.5 rad, and without any CTF. Arrays there are [ix][iy], transposed here.
 */
class AbtemReferenceTest {

    private static Path dir;
    private static Grid grid;
    private static Microscope microscope;

    @BeforeAll
    static void load() throws Exception {
        dir = Shared.require("reference/abtem/graphene_params.json").getParent();
        JsonNode params = new ObjectMapper().readTree(dir.resolve("graphene_params.json").toFile());
        int nx = params.get("gpts").get(0).asInt();
        int ny = params.get("gpts").get(1).asInt();
        grid = new Grid(ny, nx, params.get("sampling_A").get(1).asDouble(), params.get("sampling_A").get(0).asDouble());
        JsonNode ctf = params.get("ctf");
        microscope = Microscope.ideal(params.get("energy_eV").asDouble())
                .withAberrations(Aberrations.NONE.withDefocus(ctf.get("defocus_A").asDouble()).withCs(ctf.get("Cs_A").asDouble()))
                .withFocalSpread(ctf.get("focal_spread_A").asDouble());
        // abTEM takes its constants from ASE (CODATA 2014), ours are CODATA 2018: they differ by 5e-9 relative.
        assertEquals(params.get("wavelength_A").asDouble(), microscope.wavelengthAngstrom(), 1e-9);
    }

    private static ComplexField field(String file) {
        return Npy.read(dir.resolve(file)).transposed2d().toComplexField(grid);
    }

    private static RealImage image(String file) {
        return Npy.read(dir.resolve(file)).transposed2d().toImage(grid);
    }

    @Test
    void ctfKernelMatchesAbtemToWithin1e4() {
        ComplexField reference = field("graphene_lobato_ctf.npy");
        ComplexField ours = ImageFormation.transferFunction(grid, microscope);
        double maxDifference = 0;
        for (int i = 0; i < ours.data().length; i++) {
            maxDifference = Math.max(maxDifference, Math.abs(ours.data()[i] - reference.data()[i]));
        }
        assertTrue(maxDifference < 1e-4, "max |H - H_abTEM| = " + maxDifference);
    }

    @Test
    void imageWithDefocusCsAndFocalSpreadMatchesAbtem() {
        assertMatches("graphene_lobato_intensity.npy", microscope);
        assertMatches("graphene_kirkland_intensity.npy", microscope);
    }

    @Test
    void imageWithAstigmatismMatchesAbtem() {
        Microscope astigmatic = microscope.withAberrations(microscope.aberrations().withAstigmatism(20, 0.5));
        assertMatches("graphene_lobato_intensity_astig.npy", astigmatic);
    }

    @Test
    void imageWithoutCtfIsTheExitWaveIntensityOfAbtem() {
        assertMatches("graphene_lobato_intensity_noctf.npy", Microscope.ideal(80e3));
    }

    private static void assertMatches(String referenceFile, Microscope setting) {
        String waveFile = referenceFile.startsWith("graphene_kirkland") ? "graphene_kirkland_exitwave.npy" : "graphene_lobato_exitwave.npy";
        RealImage ours = ImageFormation.image(field(waveFile), setting, new SplittableRandom(1));
        RealImage reference = image(referenceFile);
        assertEquals(grid, ours.grid());
        double error = relativeL2(ours, reference);
        // Observed ~1e-6 (float arithmetic); the bar is 1 %.
        assertTrue(error < 1e-4, referenceFile + ": relative L2 difference " + error);
    }

    @Test
    void negativeCsWithNegativeScherzerDefocusShowsBrightAtoms() {
        // The sign convention the user docs state: with Cs = −20 µm at 80 kV, the Scherzer defocus is −112 Å
        // (C10 = +112 Å) and atoms are brighter than the mean; the opposite defocus with Cs = +20 µm gives dark atoms.
        double lambda = microscope.wavelengthAngstrom();
        double scherzer = Transfer.scherzerDefocusAngstrom(-2e5, lambda);
        assertEquals(-111.9, scherzer, 0.1);
        ComplexField wave = field("graphene_lobato_exitwave.npy");
        double[] atoms = Npy.read(dir.resolve("graphene_atoms.npy")).real();
        Microscope bright = microscope.withAberrations(Aberrations.NONE.withDefocus(scherzer).withCs(-2e5));
        Microscope dark = microscope.withAberrations(Aberrations.NONE.withDefocus(-scherzer).withCs(2e5));
        assertTrue(contrastAtAtoms(ImageFormation.image(wave, bright, new SplittableRandom(1)), atoms) > 0.02);
        assertTrue(contrastAtAtoms(ImageFormation.image(wave, dark, new SplittableRandom(1)), atoms) < -0.02);
    }

    /** Mean intensity at the atoms' pixels minus the image mean; atoms are rows of (x, y, z, Z). */
    private static double contrastAtAtoms(RealImage image, double[] atoms) {
        double sum = 0;
        int n = atoms.length / 4;
        for (int a = 0; a < n; a++) {
            int x = Math.floorMod((int) Math.round(atoms[4 * a] / grid.dxAngstrom()), grid.nx());
            int y = Math.floorMod((int) Math.round(atoms[4 * a + 1] / grid.dyAngstrom()), grid.ny());
            sum += image.get(y, x);
        }
        return sum / n - image.mean();
    }

    static double relativeL2(RealImage a, RealImage b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            diff += d * d;
            norm += (double) b.data()[i] * b.data()[i];
        }
        return Math.sqrt(diff / norm);
    }
}
