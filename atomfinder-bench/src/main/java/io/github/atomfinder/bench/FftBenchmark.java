package io.github.atomfinder.bench;

import io.github.atomfinder.fft.Fft2;
import java.util.Random;

/** Forward + inverse complex FFT pairs with the project's facade (JTransforms, float) at sizes the simulator uses. */
public final class FftBenchmark {

    private FftBenchmark() {
    }

    public static void main(String[] args) {
        int[] sizes = {640, 1024, 2048};
        for (int threads : new int[] {1, 2}) {
            Fft2.setThreadsPerTransform(threads);
            for (int n : sizes) {
                float[] data = new float[2 * n * n];
                Random random = new Random(1);
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextFloat();
                }
                Timing.time("JTransforms forward " + n + "x" + n + " complex64, " + threads + " thread(s)", 3, 9,
                        () -> Fft2.forwardInPlace(data, n, n));
            }
        }
    }
}
