package io.github.atomfinder.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import io.github.atomfinder.testing.Shared;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Agreement with an independent simulator: ../shared/reference/abtem/ holds abTEM 1.0.9's projected potential
 * and exit wave for a 32-atom graphene cell at 80 kV, 0.05 Å sampling (197 x 171), one 1 Å slice
 * (graphene_params.json). Arrays there are [ix][iy] and are transposed to [y][x].
 */
class AbtemGrapheneReferenceTest {

    /** Cell from graphene_params.json "cell_A". */
    static final Cell GRAPHENE_CELL = Cell.periodicXY(9.84, 8.521689973238876, 1.0);

    static Atoms grapheneAtoms() {
        NpyArray a = Npy.read(Shared.require("reference/abtem/graphene_atoms.npy"));
        int n = a.shape()[0];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = a.real()[4 * i];
            y[i] = a.real()[4 * i + 1];
            z[i] = a.real()[4 * i + 2];
            numbers[i] = (int) Math.round(a.real()[4 * i + 3]);
        }
        return new Atoms(x, y, z, numbers, GRAPHENE_CELL);
    }

    static SimulationParameters parameters(Parametrisation p) {
        return SimulationParameters.of(80e3, 0.05).withParametrisation(p);
    }

    @ParameterizedTest
    @EnumSource(Parametrisation.class)
    void projectedPotentialAgreesWithAbtemWithinTwoPercent(Parametrisation p) {
        Atoms atoms = grapheneAtoms();
        RealImage ours = ProjectedPotentials.of(atoms, parameters(p)).total();
        assertEquals(new Grid(171, 197, 8.521689973238876 / 171, 9.84 / 197), ours.grid());
        Path file = Shared.require("reference/abtem/graphene_" + p.id() + "_projpot.npy");
        RealImage reference = Npy.read(file).transposed2d().toImage(ours.grid());
        double error = relativeL2(ours.data(), reference.data());
        assertTrue(error < 0.02, p + " projected potential relative L2 error " + error);
    }

    @ParameterizedTest
    @EnumSource(Parametrisation.class)
    void exitWaveAgreesWithAbtemWithinThreePercent(Parametrisation p) {
        ComplexField ours = ExitWaves.simulate(grapheneAtoms(), parameters(p));
        Path file = Shared.require("reference/abtem/graphene_" + p.id() + "_exitwave.npy");
        ComplexField reference = Npy.read(file).transposed2d().toComplexField(ours.grid());
        double error = relativeL2(ours.data(), reference.data());
        assertTrue(error < 0.03, p + " exit wave relative L2 error " + error);
        // The scattered part ψ − 1 is what the atoms do. abTEM propagates a full slice (1 Å) after the sheet where
        // this simulator propagates half (Multislice); after the missing 0.5 Å the scattered parts must agree closely.
        SimulationParameters params = parameters(p);
        float[] moved = ours.data().clone();
        new Multislice(ours.grid(), params.interactionParameter(), params.wavelengthAngstrom()).propagate(moved, 0.5);
        double scattered = relativeL2(minusOne(moved), minusOne(reference.data()));
        assertTrue(scattered < 0.01, p + " scattered wave relative L2 error " + scattered);
    }

    static double relativeL2(float[] ours, float[] reference) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < ours.length; i++) {
            double d = ours[i] - reference[i];
            diff += d * d;
            norm += (double) reference[i] * reference[i];
        }
        return Math.sqrt(diff / norm);
    }

    private static float[] minusOne(float[] interleaved) {
        float[] out = interleaved.clone();
        for (int i = 0; i < out.length; i += 2) {
            out[i] -= 1;
        }
        return out;
    }
}
