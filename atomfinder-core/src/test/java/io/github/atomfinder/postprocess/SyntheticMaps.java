package io.github.atomfinder.postprocess;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Probability maps made of unit Gaussians at known positions, like the training labels (method.md §6). */
final class SyntheticMaps {

    private SyntheticMaps() {
    }

    /** Sum of Gaussians of width {@code sigmaPx} and the given amplitude at pixel positions {x, y}. */
    static RealImage gaussians(Grid grid, List<double[]> positionsPx, double sigmaPx, double amplitude) {
        float[] data = new float[grid.size()];
        int reach = (int) Math.ceil(7 * sigmaPx);
        for (double[] p : positionsPx) {
            int cx = (int) Math.round(p[0]);
            int cy = (int) Math.round(p[1]);
            for (int y = Math.max(0, cy - reach); y <= Math.min(grid.ny() - 1, cy + reach); y++) {
                for (int x = Math.max(0, cx - reach); x <= Math.min(grid.nx() - 1, cx + reach); x++) {
                    double r2 = (x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]);
                    data[y * grid.nx() + x] += (float) (amplitude * Math.exp(-r2 / (2 * sigmaPx * sigmaPx)));
                }
            }
        }
        return new RealImage(grid, data);
    }

    /** Random positions at least {@code spacingPx} apart and at least {@code borderPx} from the border. */
    static List<double[]> randomPositions(Grid grid, int count, double spacingPx, double borderPx, long seed) {
        Random random = new Random(seed);
        List<double[]> positions = new ArrayList<>();
        for (int attempt = 0; attempt < 100 * count && positions.size() < count; attempt++) {
            double x = borderPx + random.nextDouble() * (grid.nx() - 1 - 2 * borderPx);
            double y = borderPx + random.nextDouble() * (grid.ny() - 1 - 2 * borderPx);
            boolean free = positions.stream().allMatch(p -> Math.hypot(p[0] - x, p[1] - y) >= spacingPx);
            if (free) {
                positions.add(new double[] {x, y});
            }
        }
        return positions;
    }

    /** {@code image} plus noise uniform in [low, high), clamped at {@code floor}. */
    static RealImage withUniformNoise(RealImage image, double low, double high, double floor, long seed) {
        float[] noisy = image.data().clone();
        Random random = new Random(seed);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = (float) Math.max(floor, noisy[i] + low + (high - low) * random.nextDouble());
        }
        return new RealImage(image.grid(), noisy);
    }

    /** Background = 1 − Σ classes, clamped at 0, so the maps sum to 1 where classes do not overlap. */
    static RealImage background(Grid grid, List<RealImage> classes) {
        float[] data = new float[grid.size()];
        for (int i = 0; i < data.length; i++) {
            double sum = 0;
            for (RealImage c : classes) {
                sum += c.data()[i];
            }
            data[i] = (float) Math.max(0, 1 - sum);
        }
        return new RealImage(grid, data);
    }

    /** For each truth position, the detections within {@code radiusPx}. */
    static int[] detectionsNear(Detections detections, List<double[]> truthPx, double radiusPx) {
        int[] counts = new int[truthPx.size()];
        for (int t = 0; t < truthPx.size(); t++) {
            for (Detection d : detections.detections()) {
                if (Math.hypot(d.xPx() - truthPx.get(t)[0], d.yPx() - truthPx.get(t)[1]) <= radiusPx) {
                    counts[t]++;
                }
            }
        }
        return counts;
    }

    /** Distance in pixels from a truth position to the nearest detection. */
    static double nearestDistancePx(Detections detections, double[] truthPx) {
        double best = Double.POSITIVE_INFINITY;
        for (Detection d : detections.detections()) {
            best = Math.min(best, Math.hypot(d.xPx() - truthPx[0], d.yPx() - truthPx[1]));
        }
        return best;
    }
}
