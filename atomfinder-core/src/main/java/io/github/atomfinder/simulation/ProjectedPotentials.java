package io.github.atomfinder.simulation;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.structure.Atoms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

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
 * <p>Along the beam every atom belongs wholly to the slice containing its z, and a slice acts as one transmission
 * function at its plane: the mean z of its atoms weighted by their f(0) (the slice centre when it is empty), see
 * {@link #planeZAngstrom}. A crystal layer that is alone in its slice is thus transmitted exactly where it is, and a
 * slice holding atoms at several depths is placed at their weighted centre, which leaves an error of second order
 * in the spread. Sharing an atom's potential between two neighbouring slices (placing it "linearly") also gets the
 * mean depth right but band-limits the two shares' transmission functions separately, and that does not converge
 * to one transmission of the whole atom: on the gold particle of MultislicePhysicsTest the exit wave then changed by
 * 1.25 % from 1 Å to 0.5 Å slices and still by 0.43 % from 0.25 Å to 0.125 Å (bench/multislice_crosscheck.py).
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
    /** members[slice][s]: indices of the atoms of species s in that slice. */
    private final int[][][] members;
    /** planeZ[slice]: depth at which the slice is transmitted, Å. */
    private final double[] planeZ;
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
        List<List<List<Integer>>> lists = new ArrayList<>();
        for (int i = 0; i < layout.count(); i++) {
            List<List<Integer>> perSpecies = new ArrayList<>();
            for (int s = 0; s < species.length; s++) {
                perSpecies.add(new ArrayList<>());
            }
            lists.add(perSpecies);
        }
        double[] weightedZ = new double[layout.count()];
        double[] weight = new double[layout.count()];
        double[] forwardScattering = new double[species.length];
        for (int s = 0; s < species.length; s++) {
            forwardScattering[s] = parametrisation.scatteringFactor(species[s], 0);
        }
        for (int i = 0; i < n; i++) {
            xPx[i] = atoms.x(i) / grid.dxAngstrom();
            yPx[i] = atoms.y(i) / grid.dyAngstrom();
            int s = Arrays.binarySearch(species, atoms.atomicNumber(i));
            int slice = layout.indexOf(atoms.z(i));
            lists.get(slice).get(s).add(i);
            weightedZ[slice] += forwardScattering[s] * atoms.z(i);
            weight[slice] += forwardScattering[s];
        }
        members = new int[layout.count()][species.length][];
        planeZ = new double[layout.count()];
        for (int slice = 0; slice < layout.count(); slice++) {
            for (int s = 0; s < species.length; s++) {
                members[slice][s] = lists.get(slice).get(s).stream().mapToInt(Integer::intValue).toArray();
            }
            planeZ[slice] = weight[slice] > 0 ? weightedZ[slice] / weight[slice] : layout.centreAngstrom(slice);
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
            int second = first + 1 < layout.count() ? first + 1 : -1;
            computePair(first, second, pair, scratch);
            out[first] = part(pair, 0);
            if (second >= 0) {
                out[second] = part(pair, 1);
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

    /** Indices of the slices that hold at least one atom, ascending; the others transmit the wave unchanged. */
    public int[] occupiedSlices() {
        return IntStream.range(0, layout.count())
                .filter(slice -> Arrays.stream(members[slice]).anyMatch(m -> m.length > 0)).toArray();
    }

    /** Depth z (Å) at which slice {@code slice} acts: its atoms' mean z weighted by f(0), or its centre if empty. */
    public double planeZAngstrom(int slice) {
        return planeZ[slice];
    }

    /**
     * Writes V of slice {@code first} into the real parts and V of slice {@code second} (none if negative) into the
     * imaginary parts of {@code out} (interleaved, 2·ny·nx). {@code scratch} has the same length and is only needed
     * for more than one species. Safe to call concurrently with distinct buffers.
     */
    public void computePair(int first, int second, float[] out, float[] scratch) {
        int size = grid.size();
        int ny = grid.ny();
        int nx = grid.nx();
        boolean[] rows = new boolean[ny];
        Arrays.fill(out, 0f);
        if (species.length == 1) {
            deposit(out, members[first][0], 0, rows);
            if (second >= 0) {
                deposit(out, members[second][0], 1, rows);
            }
            Fft2.forwardSparseRowsInPlace(out, ny, nx, rows);
            multiply(out, kernels[0], size);
        } else {
            for (int s = 0; s < species.length; s++) {
                if (members[first][s].length == 0 && (second < 0 || members[second][s].length == 0)) {
                    continue;
                }
                Arrays.fill(scratch, 0f);
                Arrays.fill(rows, false);
                deposit(scratch, members[first][s], 0, rows);
                if (second >= 0) {
                    deposit(scratch, members[second][s], 1, rows);
                }
                Fft2.forwardSparseRowsInPlace(scratch, ny, nx, rows);
                float[] k = kernels[s];
                for (int i = 0; i < size; i++) {
                    out[2 * i] += k[i] * scratch[2 * i];
                    out[2 * i + 1] += k[i] * scratch[2 * i + 1];
                }
            }
        }
        // Every column: the potential keeps the grid's full band (the row-column code with blocked columns is
        // faster than JTransforms' 2-D plan here).
        Fft2.inverseBandLimitedInPlace(out, ny, nx, nx);
    }

    /**
     * Bilinear sub-pixel deltas of unit weight, wrapped periodically, into the real (0) or imaginary (1) parts;
     * flags the rows written in {@code rows}.
     */
    private void deposit(float[] interleaved, int[] atoms, int component, boolean[] rows) {
        int nx = grid.nx();
        int ny = grid.ny();
        for (int i : atoms) {
            double px = xPx[i];
            double py = yPx[i];
            double fx = Math.floor(px);
            double fy = Math.floor(py);
            float wx = (float) (px - fx);
            float wy = (float) (py - fy);
            int x0 = Math.floorMod((long) fx, nx);
            int y0 = Math.floorMod((long) fy, ny);
            int x1 = x0 + 1 == nx ? 0 : x0 + 1;
            int y1 = y0 + 1 == ny ? 0 : y0 + 1;
            rows[y0] = true;
            rows[y1] = true;
            interleaved[2 * (y0 * nx + x0) + component] += (1 - wx) * (1 - wy);
            interleaved[2 * (y0 * nx + x1) + component] += wx * (1 - wy);
            interleaved[2 * (y1 * nx + x0) + component] += (1 - wx) * wy;
            interleaved[2 * (y1 * nx + x1) + component] += wx * wy;
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
