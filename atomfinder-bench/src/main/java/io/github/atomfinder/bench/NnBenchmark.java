package io.github.atomfinder.bench;

import io.github.atomfinder.nn.FixedBatchSource;
import io.github.atomfinder.nn.FusionNetArchitecture;
import io.github.atomfinder.nn.ModelCard;
import io.github.atomfinder.nn.NetTraining;
import io.github.atomfinder.nn.ProbabilityLoss;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.nn.SyntheticBlobSource;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.nn.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * FusionNet speed: ms per training step (batch 4, crop 256) and ms per 1024² inference (one untiled window,
 * and 512-pixel tiles) for base widths 8, 16, 32, plus the process's peak resident memory.
 * Threads: run with -Dai.djl.pytorch.num_threads=N. Args: optional widths.
 */
public final class NnBenchmark {

    private NnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] widths = args.length == 0 ? new int[] {8, 16, 32} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        float[] image = new float[1024 * 1024];
        Random random = new Random(1);
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) random.nextGaussian();
        }
        List<float[][]> frame = List.<float[][]>of(new float[][] {image});
        for (int width : widths) {
            FusionNetArchitecture arch = new FusionNetArchitecture(1, 2, width, 3);
            ModelCard card = new ModelCard(ModelCard.FORMAT, arch, List.of("background", "atom"), 0.1, 12, TrainedModel.weightsFileName(0),
                    Map.of(), 0, null, "bench");
            try (TrainedModel model = TrainedModel.create(card, 1)) {
                Timing.time("inference 1024x1024 untiled, width " + width, 1, 3,
                        () -> new Segmenter(model, 1024, 1).predictPrepared(frame, 1024, 1024));
                Timing.time("inference 1024x1024 tiles 512 (+144 margin), width " + width, 1, 3,
                        () -> new Segmenter(model, 512, 1).predictPrepared(frame, 1024, 1024));
                SyntheticBlobSource blobs = new SyntheticBlobSource(256, 256, 1.5, 0.3, 1);
                // A fixed batch, so the step time is the network's, not the data generator's.
                FixedBatchSource source = FixedBatchSource.firstBatchOf(new SyntheticBlobSource(256, 256, 1.5, 0.3, 1), 4);
                Path out = Files.createTempDirectory("nnbench");
                int steps = 6;
                NetTraining training = new NetTraining();
                long[] start = new long[1];
                long[] mark = new long[1];
                training.train(model, source, new TrainingSettings(4, steps, 1e-3, 1e-5, ProbabilityLoss.Kind.MSE, 1000, 1000, 1, 3, 1), out,
                        (step, total, loss) -> {
                            if (step == 2) {
                                mark[0] = System.nanoTime();
                            }
                            start[0] = System.nanoTime();
                        });
                System.out.printf("training step batch 4 crop 256 width %d: %.1f ms (mean of steps 3-%d)%n", width,
                        (start[0] - mark[0]) / 1e6 / (steps - 2), steps);
                io.github.atomfinder.io.AtomicFiles.deleteRecursively(out);
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                System.out.println("peak resident memory " + line.replaceAll("\\s+", " "));
            }
        }
    }
}
