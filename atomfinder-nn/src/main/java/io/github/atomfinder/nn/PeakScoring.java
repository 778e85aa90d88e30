package io.github.atomfinder.nn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validation scoring of probability maps: atoms are local maxima above a threshold, matched one-to-one to
 * the true atoms (label-map maxima) within a radius, nearest pairs first. Kept small and self-contained so
 * it can be swapped for the project's post-processing peak finder.
 */
public final class PeakScoring {

    /** A detected maximum at sub-pixel position (pixels, pixel-centre convention) with its map value. */
    public record Peak(double y, double x, double value) {
    }

    /** Match counts, summed over maps. */
    public record Counts(long truePositives, long falsePositives, long falseNegatives, double sumSquaredDistance) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives, sumSquaredDistance + o.sumSquaredDistance);
        }

        /** Precision, recall and F1 (each 1 when there is nothing to find and nothing found), RMSE in pixels. */
        public ValidationScores scores(double loss) {
            double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
            double recall = truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double rmse = truePositives == 0 ? Double.NaN : Math.sqrt(sumSquaredDistance / truePositives);
            return new ValidationScores(loss, precision, recall, f1, rmse);
        }
    }

    private PeakScoring() {
    }

    /**
     * Pixels above {@code threshold} that are the maximum of their 3×3 neighbourhood (ties resolved towards
     * the first in raster order), refined to the centroid of the 3×3 neighbourhood.
     */
    public static List<Peak> localMaxima(float[] map, int ny, int nx, double threshold) {
        List<Peak> peaks = new ArrayList<>();
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                float v = map[y * nx + x];
                if (v < threshold || !isMaximum(map, ny, nx, y, x, v)) {
                    continue;
                }
                double sum = 0;
                double sy = 0;
                double sx = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int yy = y + dy;
                        int xx = x + dx;
                        if (yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
                            double w = map[yy * nx + xx];
                            sum += w;
                            sy += w * yy;
                            sx += w * xx;
                        }
                    }
                }
                peaks.add(new Peak(sy / sum, sx / sum, v));
            }
        }
        return peaks;
    }

    private static boolean isMaximum(float[] map, int ny, int nx, int y, int x, float v) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int yy = y + dy;
                int xx = x + dx;
                if ((dy != 0 || dx != 0) && yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
                    float o = map[yy * nx + xx];
                    boolean earlier = dy < 0 || (dy == 0 && dx < 0);
                    if (o > v || (o == v && earlier)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** One-to-one matching within {@code radiusPixels}, closest pairs first. */
    public static Counts match(List<Peak> found, List<Peak> truth, double radiusPixels) {
        record Pair(int f, int t, double d2) {
        }
        List<Pair> pairs = new ArrayList<>();
        double r2 = radiusPixels * radiusPixels;
        for (int i = 0; i < found.size(); i++) {
            for (int j = 0; j < truth.size(); j++) {
                double dy = found.get(i).y() - truth.get(j).y();
                double dx = found.get(i).x() - truth.get(j).x();
                double d2 = dy * dy + dx * dx;
                if (d2 <= r2) {
                    pairs.add(new Pair(i, j, d2));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::d2));
        boolean[] usedFound = new boolean[found.size()];
        boolean[] usedTruth = new boolean[truth.size()];
        long tp = 0;
        double sum = 0;
        for (Pair p : pairs) {
            if (!usedFound[p.f] && !usedTruth[p.t]) {
                usedFound[p.f] = true;
                usedTruth[p.t] = true;
                tp++;
                sum += p.d2;
            }
        }
        return new Counts(tp, found.size() - tp, truth.size() - tp, sum);
    }
}
