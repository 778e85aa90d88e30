package io.github.atomfinder.bench;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import io.github.atomfinder.io.SharedData;
import io.github.atomfinder.optics.Aberrations;
import io.github.atomfinder.optics.ImageFormation;
import io.github.atomfinder.optics.Microscope;
import java.nio.file.Path;

/**
 * What the blur width does to lattice contrast: the standard deviation of a noiseless graphene image (abTEM reference
 * exit wave, 80 kV, Scherzer defocus −112 Å for Cs = −20 µm, focal spread 30 Å, 0.12 Å pixels) against the blur σ.
 * Chooses the preset range (method.md §4 prints 0–25 Å, which would erase everything).
 */
public final class BlurContrast {

    private BlurContrast() {
    }

    public static void main(String[] args) {
        Path file = SharedData.file("reference/abtem/graphene_lobato_exitwave.npy")
                .orElseThrow(() -> new IllegalStateException("needs ../shared/reference/abtem"));
        NpyArray array = Npy.read(file).transposed2d();
        ComplexField wave = array.toComplexField(new Grid(array.shape()[0], array.shape()[1], 8.521689973238876 / 171, 9.84 / 197));
        Microscope m = Microscope.ideal(80e3).withAberrations(Aberrations.NONE.withDefocus(-112).withCs(-2e5))
                .withFocalSpread(30).withPixelSize(0.12);
        double base = ImageFormation.image(wave, m, null).standardDeviation();
        for (double sigma : new double[] {0, 0.1, 0.25, 0.5, 1, 2.5, 25}) {
            double sd = ImageFormation.image(wave, m.withBlur(sigma), null).standardDeviation();
            System.out.printf("blur sigma %5.2f A: image std %.4f = %3.0f %% of the unblurred contrast%n", sigma, sd, 100 * sd / base);
        }
    }
}
