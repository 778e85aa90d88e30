package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.FccNanoparticle;
import io.github.atomfinder.structure.GrapheneLikeSheet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StructureFilesTest {

    @TempDir
    Path dir;

    @Test
    void extendedXyzRoundTripKeepsAtomsCellAndPeriodicity() throws Exception {
        Atoms sheet = GrapheneLikeSheet.generate(GrapheneLikeSheet.Parameters.square(20), new SplittableRandom(1));
        Path file = dir.resolve("sheet.xyz");
        StructureFiles.writeExtendedXyz(file, sheet);
        Atoms back = StructureFiles.read(file);
        assertEquals(sheet.size(), back.size());
        assertEquals(sheet.cell(), back.cell());
        for (int i = 0; i < sheet.size(); i++) {
            assertEquals(sheet.x(i), back.x(i), 1e-9);
            assertEquals(sheet.y(i), back.y(i), 1e-9);
            assertEquals(sheet.z(i), back.z(i), 1e-9);
            assertEquals(6, back.atomicNumber(i));
        }
    }

    @Test
    void readsExtendedXyzWrittenByAse() throws Exception {
        // Written by ASE 3.22.1: write(f, bulk('Cu', 'fcc', a=3.6, cubic=True).repeat((2,1,1)), format='extxyz'),
        // pbc = T T F; plus an extra forces column to check the Properties parsing.
        String text = """
                3
                Lattice="7.2 0.0 0.0 0.0 3.6 0.0 0.0 0.0 3.6" Properties=forces:R:3:species:S:1:pos:R:3 pbc="T T F"
                0 0 0 Cu       0.00000000       0.00000000       0.00000000
                0 0 0 Cu       0.00000000       1.80000000       1.80000000
                0 0 0 Au       5.40000000       1.80000000       0.00000000
                """;
        Path file = dir.resolve("ase.xyz");
        Files.writeString(file, text);
        Atoms atoms = StructureFiles.read(file);
        assertEquals(3, atoms.size());
        assertEquals(7.2, atoms.cell().aAngstrom());
        assertTrue(atoms.cell().periodicY());
        assertFalse(atoms.cell().periodicZ());
        assertEquals(79, atoms.atomicNumber(2));
        assertEquals(5.4, atoms.x(2));
        assertEquals(1.8, atoms.z(1));
    }

    @Test
    void readsExtendedCfgWrittenByAse() throws Exception {
        // ASE 3.22.1 write(f, ..., format='cfg') for the same copper cell (first two atoms, velocities 0).
        String text = """
                Number of particles = 2
                A = 1.0 Angstrom
                H0(1,1) = 7.200000 A
                H0(1,2) = 0.000000 A
                H0(1,3) = 0.000000 A
                H0(2,1) = 0.000000 A
                H0(2,2) = 3.600000 A
                H0(2,3) = 0.000000 A
                H0(3,1) = 0.000000 A
                H0(3,2) = 0.000000 A
                H0(3,3) = 3.600000 A
                entry_count = 6
                63.546000
                Cu
                0.000000e+00 0.000000e+00 0.000000e+00  0.000000e+00 0.000000e+00 0.000000e+00
                63.546000
                Cu
                2.500000e-01 5.000000e-01 5.000000e-01  0.000000e+00 0.000000e+00 0.000000e+00
                """;
        Path file = dir.resolve("ase.cfg");
        Files.writeString(file, text);
        Atoms atoms = StructureFiles.read(file);
        assertEquals(2, atoms.size());
        assertEquals(29, atoms.atomicNumber(1));
        assertEquals(1.8, atoms.x(1), 1e-12);
        assertEquals(1.8, atoms.y(1), 1e-12);
        assertEquals(3.6, atoms.cell().cAngstrom());
    }

    @Test
    void plainXyzGetsANonPeriodicBox() throws Exception {
        Path file = dir.resolve("plain.xyz");
        Files.writeString(file, "2\nwater-ish\nO 0 0 0\nH -1.0 0.5 0.2\n");
        Atoms atoms = StructureFiles.read(file);
        assertFalse(atoms.cell().periodicX());
        // Negative x shifted by 2 Å - min(x) = 3 Å; box = max + 2 Å margin.
        assertEquals(2.0, atoms.x(1), 1e-12);
        assertEquals(5.0, atoms.cell().aAngstrom(), 1e-12);
    }

    @Test
    void badFilesNameTheFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.xyz");
        Files.writeString(bad, "2\n\nC 0 0 0\nC 1.4 zero 0\n");
        AtomfinderException e = assertThrows(AtomfinderException.class, () -> StructureFiles.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":4:"), e.getMessage());
        assertTrue(e.getMessage().contains("'zero'"), e.getMessage());

        Path skew = dir.resolve("skew.xyz");
        Files.writeString(skew, "1\nLattice=\"5 0 0 2.5 4.33 0 0 0 10\" Properties=species:S:1:pos:R:3\nC 0 0 0\n");
        e = assertThrows(AtomfinderException.class, () -> StructureFiles.read(skew));
        assertTrue(e.getMessage().startsWith(skew + ":2:") && e.getMessage().contains("not orthorhombic"),
                e.getMessage());

        Path shortFile = dir.resolve("short.xyz");
        Files.writeString(shortFile, "3\n\nC 0 0 0\n");
        e = assertThrows(AtomfinderException.class, () -> StructureFiles.read(shortFile));
        assertTrue(e.getMessage().contains("1 of 3 atoms"), e.getMessage());

        Path element = dir.resolve("element.xyz");
        Files.writeString(element, "1\n\nXx 0 0 0\n");
        e = assertThrows(AtomfinderException.class, () -> StructureFiles.read(element));
        assertTrue(e.getMessage().startsWith(element + ":3:") && e.getMessage().contains("unknown element"));
    }

    @Test
    void previewIsAPngOfTheCellSize() throws Exception {
        var particle = FccNanoparticle.generate(FccNanoparticle.Parameters.gold(), new SplittableRandom(3));
        Path png = dir.resolve("np.png");
        StructurePreview.writeColumns(png, particle.atoms().cell(), particle.columns(), 10);
        var image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals((int) Math.ceil(particle.atoms().cell().aAngstrom() * 10) + 1, image.getWidth());
        // White background in a corner, a coloured disc at the first column.
        assertEquals(0xFFFFFF, image.getRGB(image.getWidth() / 2, 3) & 0xFFFFFF);
        var c = particle.columns().get(0);
        assertTrue((image.getRGB((int) (c.xAngstrom() * 10), (int) (c.yAngstrom() * 10)) & 0xFFFFFF) != 0xFFFFFF);
    }
}
