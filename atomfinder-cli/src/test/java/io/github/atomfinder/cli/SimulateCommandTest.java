package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private Path grapheneXyz() throws Exception {
        // Four carbon atoms of a rectangular graphene cell (a = 2.46 Å, b = 4.26 Å), one 1 Å slice.
        Path xyz = dir.resolve("graphene.xyz");
        Files.writeString(xyz, """
                4
                Lattice="2.46 0.0 0.0 0.0 4.2608 0.0 0.0 0.0 1.0" Properties=species:S:1:pos:R:3 pbc="T T F"
                C 0.0 0.0 0.5
                C 1.23 0.71014 0.5
                C 1.23 2.13042 0.5
                C 0.0 2.84056 0.5
                """);
        return xyz;
    }

    @Test
    void writesAComplexExitWaveAPotentialAndEveryParameter() throws Exception {
        Path out = dir.resolve("wave.npy");
        Path potential = dir.resolve("v.npy");
        int code = Main.run("simulate", grapheneXyz().toString(), "--energy", "80e3", "--sampling", "0.05",
                "--slice-thickness", "1", "--potential", "kirkland", "--out", out.toString(),
                "--projected-potential", potential.toString(), "--threads", "1");
        assertEquals(0, code);
        NpyArray wave = Npy.read(out);
        assertEquals("<c8", wave.dtype());
        assertArrayEquals(new int[] {86, 50}, wave.shape());
        double maxScattered = 0;
        for (int i = 0; i < wave.real().length; i++) {
            maxScattered = Math.max(maxScattered, Math.hypot(wave.real()[i] - 1, wave.imag()[i]));
        }
        assertTrue(maxScattered > 0.05 && maxScattered < 1, "graphene scatters weakly: " + maxScattered);
        NpyArray v = Npy.read(potential);
        assertEquals("<f4", v.dtype());
        assertArrayEquals(new int[] {86, 50}, v.shape());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("wave.json").toFile());
        assertEquals(80e3, json.get("energy_eV").asDouble());
        assertEquals(0.04175716, json.get("wavelength_A").asDouble(), 1e-7);
        assertEquals("kirkland", json.get("parametrisation").asText());
        assertEquals(1, json.get("num_slices").asInt());
        assertEquals(86, json.get("grid_ny_nx").get(0).asInt());
        assertTrue(json.get("parametrisation_citation").asText().contains("Kirkland"));
    }

    @Test
    void phononRunsAreReproducibleBySeed() throws Exception {
        Path xyz = grapheneXyz();
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        for (Path out : new Path[] {a, b}) {
            assertEquals(0, Main.run("simulate", xyz.toString(), "--sampling", "0.1", "--phonons", "2", "--sigma", "0.08",
                    "--seed", "5", "--out", out.toString()));
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void unknownPotentialIsAUserErrorAndWritesNothing() throws Exception {
        Path out = dir.resolve("wave.npy");
        assertEquals(Main.EXIT_USER_ERROR, Main.run("simulate", grapheneXyz().toString(), "--potential", "peng",
                "--out", out.toString()));
        assertFalse(Files.exists(out));
        assertEquals(Main.EXIT_USER_ERROR, Main.run("simulate", dir.resolve("missing.xyz").toString(), "--out", out.toString()));
    }
}
