package io.github.atomfinder.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.atomfinder.fft.Fft2;
import java.util.Random;

/**
 * Is a PyTorch FFT through DJL worth a backend behind Fft2? Times a 640 x 640 complex64 forward + inverse pair:
 * JTransforms on a float[] in place, PyTorch on a tensor that stays native, and PyTorch including the copy in
 * and out of a Java float[] (what an Fft2 backend would pay). Usage: bin/bench DjlFftBenchmark [n] [runs]
 */
public final class DjlFftBenchmark {

    private DjlFftBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 640;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        float[] data = new float[2 * n * n];
        Random random = new Random(1);
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        Fft2.setThreadsPerTransform(1);
        Timing.time("JTransforms forward+inverse " + n + "^2, 1 thread", 3, runs, () -> {
            Fft2.forwardInPlace(data, n, n);
            Fft2.inverseInPlace(data, n, n);
        });
        long[] axes = {0, 1};
        long[] sizes = {n, n};
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray resident = manager.create(data, new Shape(n, n, 2)).complex();
            Timing.time("PyTorch fft2+ifft2 " + n + "^2, tensor stays native", 3, runs, () -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray f = resident.fft2(sizes, axes);
                    f.attach(scope);
                    NDArray back = f.ifft2(sizes, axes);
                    back.attach(scope);
                }
            });
            Timing.time("PyTorch fft2+ifft2 " + n + "^2, with float[] copies", 3, runs, () -> {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray in = scope.create(data, new Shape(n, n, 2)).complex();
                    NDArray f = in.fft2(sizes, axes).real();
                    f.attach(scope);
                    float[] spectrum = f.toFloatArray();
                    NDArray again = scope.create(spectrum, new Shape(n, n, 2)).complex();
                    NDArray back = again.ifft2(sizes, axes).real();
                    back.attach(scope);
                    back.toFloatArray();
                }
            });
        }
    }
}
