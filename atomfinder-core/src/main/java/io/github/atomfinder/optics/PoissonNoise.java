package io.github.atomfinder.optics;

import java.util.random.RandomGenerator;

/**
 * Exact Poisson draws from a {@link RandomGenerator}: inversion by sequential search for small means, and
 * Hörmann's transformed rejection with squeeze (PTRS, Insurance: Math. Econ. 12 (1993) 39) for means ≥ 10,
 * the same pair of algorithms numpy uses.
 */
public final class PoissonNoise {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double[] LOG_FACTORIAL = new double[16];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private PoissonNoise() {
    }

    /** Replaces each expected count (negatives clipped to 0) by a Poisson count with that mean. */
    public static void applyInPlace(float[] expectedCounts, RandomGenerator random) {
        for (int i = 0; i < expectedCounts.length; i++) {
            expectedCounts[i] = sample(Math.max(0, expectedCounts[i]), random);
        }
    }

    /** One Poisson count with the given mean (≥ 0). */
    public static long sample(double mean, RandomGenerator random) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("Poisson mean must be finite and non-negative, got " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        return mean < 10 ? byInversion(mean, random) : byTransformedRejection(mean, random);
    }

    private static long byInversion(double mean, RandomGenerator random) {
        double u = random.nextDouble();
        double p = Math.exp(-mean);
        double cumulative = p;
        long k = 0;
        while (u > cumulative && p > 0) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    private static long byTransformedRejection(double mean, RandomGenerator random) {
        double sqrtMean = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
                return k;
            }
        }
    }

    /** ln k! from a table, then Stirling's series (error below 1e-12 for k ≥ 16). */
    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k + 1.0;
        double inv = 1 / x;
        double inv2 = inv * inv;
        return (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI + inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
    }
}
