package io.github.atomfinder.data;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Local normalisation of an image or a focal series (method.md §7): {@code G = I − w*I},
 * {@code H = G / sqrt(w*G²)} with a Gaussian window {@code w} of standard deviation {@code σ} (Å).
 *
 * <p>Near the image border the window is renormalised by {@code w*1} (a normalised convolution over the
 * pixels that exist), so borders are neither darkened by zero padding nor wrapped around. For a focal
 * series the local mean and variance are averaged over the images, as in the paper's code. The Gaussian is
 * applied by zero-padded FFT (padding 5σ, so wrap-around weights are below e^-12).
 *
 * <p>Images of periodic cells (simulated training images) can instead be normalised with a periodic window and no
 * padding: every pixel then sees a full window, as the interior of a large micrograph does, at a fraction of the
 * cost, and any crop of the result is a crop of an endless image.
 */
public final class LocalNormalization {

    /** Guards the division in flat regions (variance in the image's squared units). */
    private static final double VARIANCE_FLOOR = 1e-12;

    private LocalNormalization() {
    }

    /** One image normalised with a Gaussian window of standard deviation {@code sigmaAngstrom}. */
    public static RealImage normalize(RealImage image, double sigmaAngstrom) {
        return normalizeSeries(List.of(image), sigmaAngstrom).get(0);
    }

    /**
     * A focal series normalised together: the local mean {@code w*mean_f(I_f)} is subtracted from every
     * image and all are divided by {@code sqrt(w*mean_f(G_f²))}. All images must share one grid.
     */
    public static List<RealImage> normalizeSeries(List<RealImage> images, double sigmaAngstrom) {
        return normalizeSeries(images, sigmaAngstrom, false);
    }

    /** As {@link #normalizeSeries(List, double)} for images of a periodic cell: the window wraps around the borders. */
    public static List<RealImage> normalizePeriodicSeries(List<RealImage> images, double sigmaAngstrom) {
        return normalizeSeries(images, sigmaAngstrom, true);
    }

    private static List<RealImage> normalizeSeries(List<RealImage> images, double sigmaAngstrom, boolean periodic) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to normalise");
        }
        if (!(sigmaAngstrom > 0)) {
            throw new IllegalArgumentException("normalisation window must be positive, got " + sigmaAngstrom + " Å");
        }
        Grid grid = images.get(0).grid();
        for (RealImage image : images) {
            if (image.ny() != grid.ny() || image.nx() != grid.nx()) {
                throw new IllegalArgumentException("focal-series images differ in size");
            }
        }
        int n = grid.size();
        int count = images.size();
        GaussianBlur blur = GaussianBlur.cached(grid, sigmaAngstrom, periodic);
        float[] mean = new float[n];
        for (RealImage image : images) {
            float[] d = image.data();
            for (int i = 0; i < n; i++) {
                mean[i] += d[i] / count;
            }
        }
        float[] weight = blur.weight();
        float[] localMean = blur.apply(mean);
        List<float[]> centred = new ArrayList<>(count);
        float[] meanSquare = new float[n];
        for (RealImage image : images) {
            float[] d = image.data();
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = d[i] - localMean[i] / weight[i];
                meanSquare[i] += g[i] * g[i] / count;
            }
            centred.add(g);
        }
        float[] localVariance = blur.apply(meanSquare);
        List<RealImage> result = new ArrayList<>(count);
        for (float[] g : centred) {
            for (int i = 0; i < n; i++) {
                g[i] = (float) (g[i] / Math.sqrt(Math.max(localVariance[i] / weight[i], VARIANCE_FLOOR)));
            }
            result.add(new RealImage(grid, g));
        }
        return result;
    }

    private static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** Zero-padded FFT convolution with a unit-sum Gaussian, its transfer function exp(−2π²σ²k²). */
    private static final class GaussianBlur {
        /** Training and tiled inference normalise many images of one size: their windows are made once. */
        private static final java.util.Map<java.util.List<Double>, GaussianBlur> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();
        private static final int CACHE_LIMIT = 16;

        private final int ny;
        private final int nx;
        private final int py;
        private final int px;
        private final float[] transfer;

        GaussianBlur(Grid grid, double sigmaAngstrom, boolean periodic) {
            ny = grid.ny();
            nx = grid.nx();
            double sy = sigmaAngstrom / grid.dyAngstrom();
            double sx = sigmaAngstrom / grid.dxAngstrom();
            py = periodic ? ny : smoothSize(ny + (int) Math.ceil(5 * sy));
            px = periodic ? nx : smoothSize(nx + (int) Math.ceil(5 * sx));
            transfer = new float[py * px];
            for (int y = 0; y < py; y++) {
                double ky = (y <= py / 2 ? y : y - py) / (double) py;
                for (int x = 0; x < px; x++) {
                    double kx = (x <= px / 2 ? x : x - px) / (double) px;
                    transfer[y * px + x] = (float) Math.exp(-2 * Math.PI * Math.PI * (sy * sy * ky * ky + sx * sx * kx * kx));
                }
            }
        }

        private float[] weight;

        static GaussianBlur cached(Grid grid, double sigmaAngstrom, boolean periodic) {
            java.util.List<Double> key = java.util.List.of((double) grid.ny(), (double) grid.nx(), grid.dyAngstrom(),
                    grid.dxAngstrom(), sigmaAngstrom, periodic ? 1.0 : 0.0);
            GaussianBlur blur = CACHE.get(key);
            if (blur == null) {
                if (CACHE.size() >= CACHE_LIMIT) {
                    CACHE.clear();
                }
                blur = new GaussianBlur(grid, sigmaAngstrom, periodic);
                CACHE.put(key, blur);
            }
            return blur;
        }

        /** The window's total weight over the pixels that exist (the blur of an all-ones image). */
        synchronized float[] weight() {
            if (weight == null) {
                weight = apply(filled(ny * nx, 1f));
            }
            return weight;
        }

        float[] apply(float[] image) {
            float[] c = new float[2 * py * px];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    c[2 * (y * px + x)] = image[y * nx + x];
                }
            }
            Fft2.forwardInPlace(c, py, px);
            for (int i = 0; i < transfer.length; i++) {
                c[2 * i] *= transfer[i];
                c[2 * i + 1] *= transfer[i];
            }
            Fft2.inverseInPlace(c, py, px);
            float[] out = new float[ny * nx];
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    out[y * nx + x] = c[2 * (y * px + x)];
                }
            }
            return out;
        }

        /** The smallest size ≥ n with no prime factor above 5 (fast for JTransforms). */
        private static int smoothSize(int n) {
            for (int m = n; ; m++) {
                int r = m;
                for (int p : new int[] {2, 3, 5}) {
                    while (r % p == 0) {
                        r /= p;
                    }
                }
                if (r == 1) {
                    return m;
                }
            }
        }
    }
}
