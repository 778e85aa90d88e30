package io.github.atomfinder.bench;

import io.github.atomfinder.fft.Fft2;
import java.util.Random;

/**
 * Does the band-limit-aware 2-D FFT pay? After anti-aliasing only |k| &lt; 2/3 Nyquist is kept, so
 * {@link Fft2#forwardBandLimitedInPlace} runs the column pass on 2/3 of the columns only. Compared with the 2-D
 * plan behind {@link Fft2#forwardInPlace} and with the same row-column code keeping every column.
 * Usage: bin/bench PrunedFftBenchmark [n] [runs]
 */
public final class PrunedFftBenchmark {

    private PrunedFftBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 640;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 31;
        float[] data = new float[2 * n * n];
        Random random = new Random(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        Fft2.setThreadsPerTransform(1);
        int twoThirds = (int) Math.ceil(n / 3.0);
        Timing.time("Fft2.forwardInPlace (JTransforms 2-D) " + n + "^2", 3, runs, () -> Fft2.forwardInPlace(data, n, n));
        Timing.time("row-column, every column", 3, runs, () -> Fft2.forwardBandLimitedInPlace(data, n, n, n));
        Timing.time("row-column, 2/3 of the columns", 3, runs, () -> Fft2.forwardBandLimitedInPlace(data, n, n, twoThirds));
    }
}
