package io.github.atomfinder.fft;

import io.github.atomfinder.grid.ComplexField;
import java.util.Arrays;
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
    private static final int COLUMN_BLOCK = 8;

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
     * Forward transform of data that is zero outside the rows flagged in {@code rowsWithData} (e.g. a few atoms
     * deposited on a grid): only those rows are transformed, then every column.
     */
    public static void forwardSparseRowsInPlace(float[] interleaved, int ny, int nx, boolean[] rowsWithData) {
        FloatFFT_1D rows = plan1d(nx);
        for (int y = 0; y < ny; y++) {
            if (rowsWithData[y]) {
                rows.complexForward(interleaved, 2 * y * nx);
            }
        }
        columns(interleaved, ny, nx, nx, true);
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

    /**
     * Column pass over the columns with |frequency index| ≤ {@code maxColumnIndex}; in the forward direction the
     * others (one contiguous range of x) are zeroed. Columns are gathered in blocks of {@link #COLUMN_BLOCK}, so
     * each row segment read is a cache line rather than one complex number: about twice as fast at 640².
     */
    private static void columns(float[] data, int ny, int nx, int maxColumnIndex, boolean forward) {
        FloatFFT_1D plan = plan1d(ny);
        int firstDropped = Math.min(nx, maxColumnIndex + 1);
        int lastDropped = Math.max(firstDropped - 1, nx - maxColumnIndex - 1);
        if (forward && lastDropped >= firstDropped) {
            for (int y = 0; y < ny; y++) {
                Arrays.fill(data, 2 * (y * nx + firstDropped), 2 * (y * nx + lastDropped + 1), 0f);
            }
        }
        float[] block = COLUMN.get();
        if (block.length < 2 * ny * COLUMN_BLOCK) {
            block = new float[2 * ny * COLUMN_BLOCK];
            COLUMN.set(block);
        }
        int x = 0;
        while (x < nx) {
            if (x >= firstDropped && x <= lastDropped) {
                x = lastDropped + 1;
                continue;
            }
            int end = Math.min(x + COLUMN_BLOCK, x < firstDropped ? firstDropped : nx);
            int width = end - x;
            for (int y = 0; y < ny; y++) {
                int src = 2 * (y * nx + x);
                for (int b = 0; b < width; b++) {
                    block[2 * (b * ny + y)] = data[src + 2 * b];
                    block[2 * (b * ny + y) + 1] = data[src + 2 * b + 1];
                }
            }
            for (int b = 0; b < width; b++) {
                if (forward) {
                    plan.complexForward(block, 2 * b * ny);
                } else {
                    plan.complexInverse(block, 2 * b * ny, true);
                }
            }
            for (int y = 0; y < ny; y++) {
                int dst = 2 * (y * nx + x);
                for (int b = 0; b < width; b++) {
                    data[dst + 2 * b] = block[2 * (b * ny + y)];
                    data[dst + 2 * b + 1] = block[2 * (b * ny + y) + 1];
                }
            }
            x = end;
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
