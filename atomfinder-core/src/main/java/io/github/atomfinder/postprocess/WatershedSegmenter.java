package io.github.atomfinder.postprocess;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-class post-processing of Madsen et al. 2018, section 2.5 (method.md §9).
 *
 * <ol>
 *   <li>Regional minima of the background map P₀ below ε seed the segments.</li>
 *   <li>Meyer's flooding (8-connected, hierarchical queue) grows the seeds over P₀ in order of increasing
 *       background; a pixel joins the segment that reaches it first. Pixels with P₀ ≥ ε join no segment.</li>
 *   <li>For each segment S_n the class probabilities are p_n(c_k) ∝ Σ_{(i,j) ∈ S_n} P_ijk, normalised over all
 *       classes including the background.</li>
 *   <li>A segment is discarded when Σ_{k>0} p_n(c_k) &lt; t · p_n(c_0).</li>
 *   <li>Its position is the centre of mass of the segment weighted by 1 − P₀ (the atom probability), its
 *       class the most probable k &gt; 0 and its confidence that class's probability p_n(c_k).</li>
 * </ol>
 * Segments cut by the image border have their centre of mass pulled inwards: atoms within about one label
 * width of the border are less precise.
 */
public final class WatershedSegmenter {

    /**
     * @param epsilon background level above which pixels belong to no segment (paper: 0.995)
     * @param discardRatio t in the discard rule Σ_{k>0} p &lt; t · p₀ (paper: ≈ 0.5; see {@link #defaults()})
     */
    public record Parameters(double epsilon, double discardRatio) {

        public Parameters {
            if (!(epsilon > 0 && epsilon <= 1)) {
                throw new IllegalArgumentException("epsilon must be in (0, 1], got " + epsilon);
            }
            if (!(discardRatio >= 0) || Double.isInfinite(discardRatio)) {
                throw new IllegalArgumentException("discard ratio must be ≥ 0, got " + discardRatio);
            }
        }

        /**
         * ε = 0.995 and t = 0.1. The paper's t ≈ 0.5 discards clean atoms: a segment of an ideal Gaussian label
         * capped at ε has mean atom probability (1 − δ)/ln(1/δ) = 0.188 with δ = 1 − ε, so its atom/background
         * ratio is 0.231 whatever the label width ({@link #idealLabelRatio}). t = 0.1 keeps such atoms and still
         * discards segments holding less than about half an ideal atom's probability.
         */
        public static Parameters defaults() {
            return new Parameters(0.995, 0.1);
        }

        /** The paper's numbers (section 2.5): ε = 0.995, t = 0.5; suited to outputs sharper than the labels. */
        public static Parameters paper() {
            return new Parameters(0.995, 0.5);
        }

        /**
         * Σ_{k>0} p / p₀ of the segment of one isolated Gaussian label (amplitude 1, any width) capped at ε:
         * over the disc where the Gaussian exceeds δ = 1 − ε its mean is m = (1 − δ)/ln(1/δ), so the ratio is
         * m / (1 − m).
         */
        public static double idealLabelRatio(double epsilon) {
            double delta = 1 - epsilon;
            double mean = (1 - delta) / Math.log(1 / delta);
            return mean / (1 - mean);
        }
    }

    private WatershedSegmenter() {
    }

    /**
     * @param maps one probability map per class on the same grid, background first
     * @param classNames names in the same order, background first
     */
    public static Detections find(List<RealImage> maps, List<String> classNames, Parameters parameters) {
        if (maps.size() < 2 || maps.size() != classNames.size()) {
            throw new IllegalArgumentException("need ≥ 2 maps (background first) and one name per map, got "
                    + maps.size() + " maps and " + classNames.size() + " names");
        }
        Grid grid = maps.get(0).grid();
        for (RealImage map : maps) {
            if (!map.grid().equals(grid)) {
                throw new IllegalArgumentException("class maps differ in grid: " + map.grid() + " vs " + grid);
            }
        }
        int[] labels = segment(maps.get(0), (float) parameters.epsilon());
        return summarise(maps, classNames, labels, parameters.discardRatio());
    }

    /** Segment labels per pixel: 1..n for segments, 0 for pixels at or above {@code epsilon}. */
    static int[] segment(RealImage background, float epsilon) {
        int ny = background.ny();
        int nx = background.nx();
        float[] b = background.data();
        float[] negated = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            negated[i] = -b[i];
        }
        List<RegionalMaxima.Region> seeds = RegionalMaxima.find(negated, ny, nx, i -> b[i] < epsilon);
        int[] labels = new int[b.length];
        PixelQueue queue = new PixelQueue(b.length, epsilon);
        int label = 0;
        for (RegionalMaxima.Region seed : seeds) {
            label++;
            for (int p : seed.pixels()) {
                labels[p] = label;
                queue.push(b[p], p);
            }
        }
        for (int p = queue.pop(); p >= 0; p = queue.pop()) {
            int y = p / nx;
            int x = p - y * nx;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
                    int q = yy * nx + xx;
                    if (labels[q] == 0 && b[q] < epsilon) {
                        labels[q] = labels[p];
                        queue.push(b[q], q);
                    }
                }
            }
        }
        return labels;
    }

    private static Detections summarise(List<RealImage> maps, List<String> classNames, int[] labels, double t) {
        Grid grid = maps.get(0).grid();
        int nx = grid.nx();
        int classes = maps.size();
        int segments = 0;
        for (int l : labels) {
            segments = Math.max(segments, l);
        }
        double[][] sums = new double[segments + 1][classes];
        double[] weight = new double[segments + 1];
        double[] weightedX = new double[segments + 1];
        double[] weightedY = new double[segments + 1];
        float[] background = maps.get(0).data();
        for (int k = 0; k < classes; k++) {
            float[] p = maps.get(k).data();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] > 0) {
                    sums[labels[i]][k] += p[i];
                }
            }
        }
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l > 0) {
                double w = 1 - background[i];
                weight[l] += w;
                weightedX[l] += w * (i % nx);
                weightedY[l] += w * (i / nx);
            }
        }
        List<Detection> detections = new ArrayList<>();
        for (int n = 1; n <= segments; n++) {
            double total = 0;
            for (double s : sums[n]) {
                total += s;
            }
            if (!(total > 0) || !(weight[n] > 0)) {
                continue;
            }
            double[] p = new double[classes];
            double atom = 0;
            int best = 1;
            for (int k = 0; k < classes; k++) {
                p[k] = sums[n][k] / total;
                if (k > 0) {
                    atom += p[k];
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
            }
            if (atom < t * p[0]) {
                continue;
            }
            double xPx = weightedX[n] / weight[n];
            double yPx = weightedY[n] / weight[n];
            detections.add(Detection.atPixel(xPx, yPx, grid.dyAngstrom(), grid.dxAngstrom(), best, p[best], p));
        }
        return new Detections(grid, classNames, detections);
    }

    /**
     * Meyer's hierarchical queue: one first-in first-out list per background level, {@link #LEVELS} levels
     * spanning [0, ε). Pixels are flooded in order of level, and within a level in order of arrival, so flat
     * regions are shared evenly between the segments flooding them. Levels closer than ε / 65 535 (1.5·10⁻⁵ at
     * ε = 0.995) count as equal, far below any meaningful difference of probabilities; in exchange flooding
     * is linear in the pixel count. A pixel pushed below the level being flooded joins that level, as in
     * Meyer's algorithm.
     */
    private static final class PixelQueue {
        static final int LEVELS = 1 << 16;
        private final int[] head = new int[LEVELS];
        private final int[] tail = new int[LEVELS];
        private final int[] next;
        private final double scale;
        private int current;

        PixelQueue(int pixels, float epsilon) {
            next = new int[pixels];
            java.util.Arrays.fill(head, -1);
            scale = (LEVELS - 1) / (double) epsilon;
        }

        void push(float value, int pixel) {
            int level = (int) Math.max(current, Math.min(LEVELS - 1, value * scale));
            next[pixel] = -1;
            if (head[level] < 0) {
                head[level] = pixel;
            } else {
                next[tail[level]] = pixel;
            }
            tail[level] = pixel;
        }

        /** The next pixel to flood, or −1 when the queue is empty. */
        int pop() {
            while (current < LEVELS && head[current] < 0) {
                current++;
            }
            if (current == LEVELS) {
                return -1;
            }
            int pixel = head[current];
            head[current] = next[pixel];
            return pixel;
        }
    }
}
