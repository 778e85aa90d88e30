package io.github.atomfinder.fft;

import io.github.atomfinder.grid.ComplexField;
import java.util.HashMap;
import java.util.Map;
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

    private static FloatFFT_2D plan(int ny, int nx) {
        if (ny <= 0 || nx <= 0) {
            throw new IllegalArgumentException("FFT size must be positive, got " + ny + " x " + nx);
        }
        long key = ((long) ny << 32) | nx;
        return PLANS.get().computeIfAbsent(key, k -> new FloatFFT_2D(ny, nx));
    }
}
