package io.github.atomfinder.fft;

import io.github.atomfinder.grid.ComplexField;
import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * The one FFT facade of the project (JTransforms, single precision; choice measured in docs/benchmarks.md).
 *
 * <p>Convention (docs/conventions.md), identical to numpy: the forward transform is
 * {@code F[k] = Σ f[x] exp(-2πi k·x / n)}, unnormalised; the inverse divides by the number of pixels so
 * {@code inverse(forward(f)) == f}. Frequencies are in FFT order ({@link io.github.atomfinder.grid.Frequencies}).
 *
 * <p>Plans are cached per thread, so workers can transform concurrently.
 */
public final class Fft2 {

    private static final ThreadLocal<Map<Long, FloatFFT_2D>> PLANS = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<Map<Integer, FloatFFT_1D>> PLANS_1D = ThreadLocal.withInitial(HashMap::new);
    private static final ThreadLocal<float[]> COLUMN = ThreadLocal.withInitial(() -> new float[0]);

    private Fft2() {
    }

    /**
     * Threads JTransforms may use inside one transform (process-wide). Use 1 when several workers transform
     * in parallel; use the core count for a single large simulation.
     */
    public static void setThreadsPerTransform(int threads) {
        ConcurrencyUtils.setNumberOfThreads(Math.max(1, threads));
    }

    /** Forward transform of interleaved complex data of ny x nx, in place. */
    public static void forwardInPlace(float[] interleaved, int ny, int nx) {
        plan(ny, nx).complexForward(interleaved);
    }

    /** Normalised inverse transform of interleaved complex data of ny x nx, in place. */
    public static void inverseInPlace(float[] interleaved, int ny, int nx) {
        plan(ny, nx).complexInverse(interleaved, true);
    }

    /** A new field holding the forward transform; the grid is kept (it describes the real-space sampling). */
    public static ComplexField forward(ComplexField field) {
        float[] data = field.data().clone();
        forwardInPlace(data, field.ny(), field.nx());
        return new ComplexField(field.grid(), data);
    }

    /** A new field holding the normalised inverse transform. */
    public static ComplexField inverse(ComplexField spectrum) {
        float[] data = spectrum.data().clone();
        inverseInPlace(data, spectrum.ny(), spectrum.nx());
        return new ComplexField(spectrum.grid(), data);
    }

    /**
     * Forward transform when only the columns with frequency index |m| ≤ {@code maxColumnIndex} are needed
     * (e.g. before an anti-aliasing aperture): all rows are transformed, then only those columns; the other
     * columns are set to zero. Skipping a third of the column pass saves about a third of the time.
     */
    public static void forwardBandLimitedInPlace(float[] interleaved, int ny, int nx, int maxColumnIndex) {
        FloatFFT_1D rows = plan1d(nx);
        for (int y = 0; y < ny; y++) {
            rows.complexForward(interleaved, 2 * y * nx);
        }
        columns(interleaved, ny, nx, maxColumnIndex, true);
    }

    /**
     * Normalised inverse transform of a spectrum that is zero outside the columns with frequency index
     * |m| ≤ {@code maxColumnIndex}: only those columns are transformed, then all rows.
     */
    public static void inverseBandLimitedInPlace(float[] interleaved, int ny, int nx, int maxColumnIndex) {
        columns(interleaved, ny, nx, maxColumnIndex, false);
        FloatFFT_1D rows = plan1d(nx);
        for (int y = 0; y < ny; y++) {
            rows.complexInverse(interleaved, 2 * y * nx, true);
        }
    }

    private static void columns(float[] data, int ny, int nx, int maxColumnIndex, boolean forward) {
        FloatFFT_1D plan = plan1d(ny);
        float[] column = COLUMN.get();
        if (column.length < 2 * ny) {
            column = new float[2 * ny];
            COLUMN.set(column);
        }
        for (int x = 0; x < nx; x++) {
            int index = x < (nx + 1) / 2 ? x : x - nx;
            if (Math.abs(index) > maxColumnIndex) {
                if (forward) {
                    for (int y = 0; y < ny; y++) {
                        data[2 * (y * nx + x)] = 0f;
                        data[2 * (y * nx + x) + 1] = 0f;
                    }
                }
                continue;
            }
            for (int y = 0; y < ny; y++) {
                column[2 * y] = data[2 * (y * nx + x)];
                column[2 * y + 1] = data[2 * (y * nx + x) + 1];
            }
            if (forward) {
                plan.complexForward(column);
            } else {
                plan.complexInverse(column, true);
            }
            for (int y = 0; y < ny; y++) {
                data[2 * (y * nx + x)] = column[2 * y];
                data[2 * (y * nx + x) + 1] = column[2 * y + 1];
            }
        }
    }

    private static FloatFFT_1D plan1d(int n) {
        return PLANS_1D.get().computeIfAbsent(n, FloatFFT_1D::new);
    }

    private static FloatFFT_2D plan(int ny, int nx) {
        if (ny <= 0 || nx <= 0) {
            throw new IllegalArgumentException("FFT size must be positive, got " + ny + " x " + nx);
        }
        long key = ((long) ny << 32) | nx;
        return PLANS.get().computeIfAbsent(key, k -> new FloatFFT_2D(ny, nx));
    }
}
