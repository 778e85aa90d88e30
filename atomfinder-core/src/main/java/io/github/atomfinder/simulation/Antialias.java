package io.github.atomfinder.simulation;

import io.github.atomfinder.grid.Grid;

/**
 * The anti-aliasing aperture (method.md §3): frequencies above 2/3 of the Nyquist frequency of the coarser axis
 * are removed from the transmission functions and the propagator, so the product of two band-limited arrays
 * never wraps into the kept band. The edge is a cosine taper, as in abTEM (graphene_params.json "antialias").
 */
public final class Antialias {

    /** Fraction of the Nyquist frequency that is kept. */
    public static final double CUTOFF_FRACTION = 2.0 / 3.0;

    private Antialias() {
    }

    /** Cut-off frequency k_c in 1/Å. */
    public static double cutoffInverseAngstrom(Grid grid) {
        return CUTOFF_FRACTION * grid.nyquistInverseAngstrom();
    }

    /** Width w of the cosine taper in 1/Å: abTEM's default, 0.01 / max(dx, dy) (2 % of Nyquist). */
    public static double taperInverseAngstrom(Grid grid) {
        return 0.01 / Math.max(grid.dxAngstrom(), grid.dyAngstrom());
    }

    /**
     * A(k) in FFT order, {@code [y * nx + x]}: 1 below k_c − w, 0.5 (1 + cos(π (k − k_c + w) / w)) in the taper,
     * 0 above k_c.
     */
    public static float[] aperture(Grid grid) {
        double kc = cutoffInverseAngstrom(grid);
        double w = taperInverseAngstrom(grid);
        double[] ky = grid.frequenciesY();
        double[] kx = grid.frequenciesX();
        float[] a = new float[grid.size()];
        for (int y = 0; y < ky.length; y++) {
            for (int x = 0; x < kx.length; x++) {
                double k = Math.sqrt(ky[y] * ky[y] + kx[x] * kx[x]);
                double value;
                if (k > kc) {
                    value = 0;
                } else if (k > kc - w) {
                    value = 0.5 * (1 + Math.cos(Math.PI * (k - kc + w) / w));
                } else {
                    value = 1;
                }
                a[y * kx.length + x] = (float) value;
            }
        }
        return a;
    }
}
