package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.io.StructureFiles;
import io.github.atomfinder.structure.Atoms;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureCommandTest {

    @TempDir
    Path dir;

    @Test
    void grapheneCommandWritesASheetAndAPreview() throws Exception {
        Path out = dir.resolve("g.xyz");
        Path png = dir.resolve("g.png");
        assertEquals(0, Main.run("structure", "graphene", "--size", "20", "--seed", "4", "--out", out.toString(),
                "--preview", png.toString()));
        Atoms atoms = StructureFiles.read(out);
        // 20 x 20 Å at 2 atoms per (3√3/2)·1.42² Å² hexagon: about 153 atoms before holes.
        assertTrue(atoms.size() > 80 && atoms.size() <= 160, "atoms " + atoms.size());
        assertTrue(atoms.cell().periodicX());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void nanoparticleCommandWritesColumns() throws Exception {
        Path out = dir.resolve("np.xyz");
        Path csv = dir.resolve("np.csv");
        assertEquals(0, Main.run("structure", "nanoparticle", "--zone", "111", "--seed", "2", "--out", out.toString(),
                "--columns", csv.toString()));
        Atoms atoms = StructureFiles.read(out);
        var lines = Files.readAllLines(csv);
        assertEquals("x_A,y_A,atoms", lines.get(0));
        int total = lines.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[2])).sum();
        assertEquals(atoms.size(), total);
        assertEquals(79, atoms.atomicNumber(0));
    }

    @Test
    void idealGrapheneCommandMakesAPeriodicSheetFromCells() throws Exception {
        Path out = dir.resolve("ideal.xyz");
        assertEquals(0, Main.run("structure", "ideal-graphene", "--cells", "4,6", "--out", out.toString()));
        Atoms atoms = StructureFiles.read(out);
        assertEquals(4 * 6 * 4, atoms.size());
        assertTrue(atoms.cell().periodicX());
    }

    @Test
    void badParametersExitWithUserError() {
        Path out = dir.resolve("x.xyz");
        assertEquals(Main.EXIT_USER_ERROR, Main.run("structure", "graphene", "--size", "3", "--out", out.toString()));
        assertEquals(Main.EXIT_USER_ERROR, Main.run("structure", "nanoparticle", "--zone", "100", "--out", out.toString()));
        assertEquals(Main.EXIT_USER_ERROR, Main.run("structure", "nanoparticle", "--element", "Qq", "--out", out.toString()));
        assertFalse(Files.exists(out));
    }
}
