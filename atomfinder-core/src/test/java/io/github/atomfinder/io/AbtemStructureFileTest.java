package io.github.atomfinder.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.testing.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbtemStructureFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheAbtemGrapheneCell() {
        Atoms atoms = StructureFiles.read(Shared.require("reference/abtem/graphene_atoms.xyz"));
        assertEquals(32, atoms.size());
        assertEquals(9.84, atoms.cell().aAngstrom(), 1e-12);
        assertEquals(8.521689973238876, atoms.cell().bAngstrom(), 1e-12);
        assertTrue(atoms.cell().periodicX() && !atoms.cell().periodicZ());
        assertEquals(6, atoms.atomicNumber(5));
        assertEquals(1.23, atoms.x(1), 1e-9);
        assertEquals(0.5, atoms.z(1), 1e-9);
    }

    @Test
    void rejectsNonOrthorhombicCells() throws Exception {
        Path skew = dir.resolve("skew.xyz");
        Files.writeString(skew, "1\nLattice=\"5 1 0 0 5 0 0 0 5\"\nAu 0 0 0\n");
        AtomfinderException e = assertThrows(AtomfinderException.class, () -> StructureFiles.read(skew));
        assertTrue(e.getMessage().contains("orthorhombic"));
    }
}
