package io.github.atomfinder.simulation;

import io.github.atomfinder.structure.Atoms;
import java.util.random.RandomGenerator;

/** Frozen-phonon configurations (method.md §2): independent Gaussian displacements of every atom along x, y and z. */
public final class FrozenPhonons {

    private FrozenPhonons() {
    }

    /** A copy of {@code atoms} with each coordinate displaced by N(0, σ²), σ in Å. */
    public static Atoms displaced(Atoms atoms, double sigmaAngstrom, RandomGenerator random) {
        double[] x = atoms.xs();
        double[] y = atoms.ys();
        double[] z = atoms.zs();
        for (int i = 0; i < x.length; i++) {
            x[i] += sigmaAngstrom * random.nextGaussian();
            y[i] += sigmaAngstrom * random.nextGaussian();
            z[i] += sigmaAngstrom * random.nextGaussian();
        }
        return new Atoms(x, y, z, atoms.atomicNumbers(), atoms.cell());
    }
}
