package io.github.atomfinder.simulation;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.structure.Atoms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Projected potentials of slices by the infinite-projection route of method.md §2: the atoms of one species are
 * deposited on the grid as bilinear sub-pixel deltas, transformed, multiplied by f(k)/κ divided by the pixel area
 * and by the deposition-kernel correction, and transformed back. The grid is periodic in x and y.
 *
 * <p>The correction is the one abTEM 1.0.9 applies ("pixel sinc", graphene_params.json "projection"): division by
 * sin(u)/u with u = |(k_x dx, k_y dy)| (k in cycles/Å, so u is not multiplied by π). This form was recovered from
 * the shared reference arrays, which it reproduces to 2e-7; it only changes frequencies above the anti-aliasing
 * cut-off noticeably (by 2 % at 2/3 Nyquist), which the band-limited transmission function discards.
 *
 * <p>Along the beam an atom's potential is shared linearly between the two slices whose centres bracket its z
 * (all of it goes to the nearest slice beyond the first or last centre). Assigning whole atoms to the slice
 * containing them instead makes the exit wave jump as atoms cross slice boundaries and converge only to first
 * order in the slice thickness; sharing makes it continuous in z (a graphene sheet at the centre of its one
 * slice is unaffected).
 *
 * <p>Because the kernel is real and even, two slices share one complex transform: slice A is deposited in the
 * real part and slice B in the imaginary part, and the result holds V_A + i V_B.
 */
public final class ProjectedPotentials {

    private final Grid grid;
    private final SliceLayout layout;
    private final int[] species;
    /** kernels[s][y * nx + x]: f(k) / (κ · sin(u)/u · dx dy) in FFT order. */
    private final float[][] kernels;
    /** members[slice][s]: indices of atoms of species s with a share in that slice; weights[slice][s]: the shares. */
    private final int[][][] members;
    private final float[][][] weights;
    private final double[] xPx;
    private final double[] yPx;

    /** Prepares the slices of {@code atoms} on {@code grid}; positions are wrapped periodically. */
    public ProjectedPotentials(Atoms atoms, Grid grid, SliceLayout layout, Parametrisation parametrisation) {
        this.grid = grid;
        this.layout = layout;
        this.species = atoms.species();
        this.kernels = new float[species.length][];
        for (int s = 0; s < species.length; s++) {
            int z = species[s];
            kernels[s] = SetupCache.get(List.of("kernel", grid, parametrisation, z), () -> kernel(grid, parametrisation, z));
        }
        int n = atoms.size();
        xPx = new double[n];
        yPx = new double[n];
        List<List<List<double[]>>> lists = new ArrayList<>();
        for (int i = 0; i < layout.count(); i++) {
            List<List<double[]>> perSpecies = new ArrayList<>();
            for (int s = 0; s < species.length; s++) {
                perSpecies.add(new ArrayList<>());
            }
            lists.add(perSpecies);
        }
        for (int i = 0; i < n; i++) {
            xPx[i] = atoms.x(i) / grid.dxAngstrom();
            yPx[i] = atoms.y(i) / grid.dyAngstrom();
            int s = Arrays.binarySearch(species, atoms.atomicNumber(i));
            double c = layout.centreCoordinate(atoms.z(i));
            int lower = (int) Math.floor(c);
            double w = c - lower;
            lists.get(lower).get(s).add(new double[] {i, 1 - w});
            if (w > 0) {
                lists.get(lower + 1).get(s).add(new double[] {i, w});
            }
        }
        members = new int[layout.count()][species.length][];
        weights = new float[layout.count()][species.length][];
        for (int slice = 0; slice < layout.count(); slice++) {
            for (int s = 0; s < species.length; s++) {
                List<double[]> list = lists.get(slice).get(s);
                members[slice][s] = list.stream().mapToInt(e -> (int) e[0]).toArray();
                weights[slice][s] = new float[list.size()];
                for (int j = 0; j < list.size(); j++) {
                    weights[slice][s][j] = (float) list.get(j)[1];
                }
            }
        }
    }

    /** All slices on the grid the atoms' cell and the parameters define. */
    public static ProjectedPotentials of(Atoms atoms, SimulationParameters parameters) {
        return new ProjectedPotentials(atoms, parameters.grid(atoms.cell()), parameters.slices(atoms.cell()),
                parameters.parametrisation());
    }

    /** The projected potential of every slice, V·Å. */
    public RealImage[] slices() {
        RealImage[] out = new RealImage[layout.count()];
        float[] pair = new float[2 * grid.size()];
        float[] scratch = new float[2 * grid.size()];
        for (int first = 0; first < layout.count(); first += 2) {
            computePair(first, pair, scratch);
            out[first] = part(pair, 0);
            if (first + 1 < layout.count()) {
                out[first + 1] = part(pair, 1);
            }
        }
        return out;
    }

    /** The sum over slices of the projected potential, V·Å (what a single infinitely thin slice would hold). */
    public RealImage total() {
        float[] sum = new float[grid.size()];
        for (RealImage slice : slices()) {
            float[] d = slice.data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += d[i];
            }
        }
        return new RealImage(grid, sum);
    }

    public Grid grid() {
        return grid;
    }

    public SliceLayout layout() {
        return layout;
    }

    /**
     * Writes V of slice {@code first} into the real parts and V of slice {@code first + 1} (zero if absent)
     * into the imaginary parts of {@code out} (interleaved, 2·ny·nx). {@code scratch} has the same length and is
     * only needed for more than one species. Safe to call concurrently with distinct buffers.
     */
    public void computePair(int first, float[] out, float[] scratch) {
        boolean hasSecond = first + 1 < layout.count();
        int size = grid.size();
        if (species.length == 1) {
            Arrays.fill(out, 0f);
            deposit(out, members[first][0], weights[first][0], 0);
            if (hasSecond) {
                deposit(out, members[first + 1][0], weights[first + 1][0], 1);
            }
            Fft2.forwardInPlace(out, grid.ny(), grid.nx());
            multiply(out, kernels[0], size);
        } else {
            Arrays.fill(out, 0f);
            for (int s = 0; s < species.length; s++) {
                if (members[first][s].length == 0 && (!hasSecond || members[first + 1][s].length == 0)) {
                    continue;
                }
                Arrays.fill(scratch, 0f);
                deposit(scratch, members[first][s], weights[first][s], 0);
                if (hasSecond) {
                    deposit(scratch, members[first + 1][s], weights[first + 1][s], 1);
                }
                Fft2.forwardInPlace(scratch, grid.ny(), grid.nx());
                float[] k = kernels[s];
                for (int i = 0; i < size; i++) {
                    out[2 * i] += k[i] * scratch[2 * i];
                    out[2 * i + 1] += k[i] * scratch[2 * i + 1];
                }
            }
        }
        Fft2.inverseInPlace(out, grid.ny(), grid.nx());
    }

    /** Bilinear sub-pixel deltas of the given weights, wrapped periodically, into the real (0) or imaginary (1) parts. */
    private void deposit(float[] interleaved, int[] atoms, float[] shares, int component) {
        int nx = grid.nx();
        int ny = grid.ny();
        for (int j = 0; j < atoms.length; j++) {
            int i = atoms[j];
            double share = shares[j];
            double px = xPx[i];
            double py = yPx[i];
            double fx = Math.floor(px);
            double fy = Math.floor(py);
            double wx = px - fx;
            double wy = py - fy;
            int x0 = Math.floorMod((long) fx, nx);
            int y0 = Math.floorMod((long) fy, ny);
            int x1 = x0 + 1 == nx ? 0 : x0 + 1;
            int y1 = y0 + 1 == ny ? 0 : y0 + 1;
            interleaved[2 * (y0 * nx + x0) + component] += (float) (share * (1 - wx) * (1 - wy));
            interleaved[2 * (y0 * nx + x1) + component] += (float) (share * wx * (1 - wy));
            interleaved[2 * (y1 * nx + x0) + component] += (float) (share * (1 - wx) * wy);
            interleaved[2 * (y1 * nx + x1) + component] += (float) (share * wx * wy);
        }
    }

    private static void multiply(float[] interleaved, float[] realKernel, int size) {
        for (int i = 0; i < size; i++) {
            interleaved[2 * i] *= realKernel[i];
            interleaved[2 * i + 1] *= realKernel[i];
        }
    }

    private RealImage part(float[] interleaved, int component) {
        float[] v = new float[grid.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = interleaved[2 * i + component];
        }
        return new RealImage(grid, v);
    }

    /** f(|k|) / (κ · sin(u)/u · dx dy) in FFT order, u = |(kx dx, ky dy)|. */
    static float[] kernel(Grid grid, Parametrisation parametrisation, int atomicNumber) {
        double[] ky = grid.frequenciesY();
        double[] kx = grid.frequenciesX();
        double dx = grid.dxAngstrom();
        double dy = grid.dyAngstrom();
        double scale = Electrons.INVERSE_KAPPA_VOLT_ANGSTROM2 / (dx * dy);
        float[] out = new float[grid.size()];
        for (int y = 0; y < ky.length; y++) {
            for (int x = 0; x < kx.length; x++) {
                double k = Math.sqrt(ky[y] * ky[y] + kx[x] * kx[x]);
                double u = Math.sqrt(kx[x] * dx * kx[x] * dx + ky[y] * dy * ky[y] * dy);
                double sinc = u == 0 ? 1 : Math.sin(u) / u;
                out[y * kx.length + x] = (float) (parametrisation.scatteringFactor(atomicNumber, k) * scale / sinc);
            }
        }
        return out;
    }
}
