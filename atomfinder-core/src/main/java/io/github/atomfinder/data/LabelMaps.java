package io.github.atomfinder.data;

import io.github.atomfinder.grid.Grid;

/**
 * Ground-truth maps (method.md §6): for each class k ≥ 1 a sum of unit-amplitude Gaussians of width σ at the
 * sites of that class, and the background map 1 − Σ_k, so the maps sum to 1 per pixel. Where Gaussians of
 * neighbouring sites overlap enough to exceed 1 the class maps are scaled down at that pixel so the
 * background stays in [0, 1].
 */
public final class LabelMaps {

    private LabelMaps() {
    }

    /**
     * Label maps {@code [classes][ny][nx]} on {@code grid}.
     *
     * @param origin position in Å of the grid's first pixel centre in the sites' frame (for crops)
     * @param periodic whether the sites' frame wraps with period {@code periodY × periodX} Å (the full cell); a
     *     crop of a periodic cell sees Gaussians from the far side of the cell
     */
    public static float[] gaussian(Grid grid, Sites sites, int classes, double sigmaAngstrom, double originYAngstrom,
            double originXAngstrom, boolean periodic, double periodYAngstrom, double periodXAngstrom) {
        if (sites.maxClass() >= classes) {
            throw new IllegalArgumentException("a site has class " + sites.maxClass() + " but there are only "
                    + classes + " classes (background included)");
        }
        int ny = grid.ny();
        int nx = grid.nx();
        int plane = ny * nx;
        float[] maps = new float[classes * plane];
        double reach = 4 * sigmaAngstrom;
        double inverseTwoSigmaSquared = 1 / (2 * sigmaAngstrom * sigmaAngstrom);
        int[] images = periodic ? new int[] {-1, 0, 1} : new int[] {0};
        for (int i = 0; i < sites.size(); i++) {
            int planeOffset = sites.classOf(i) * plane;
            for (int wy : images) {
                for (int wx : images) {
                    double cy = sites.y(i) + wy * periodYAngstrom - originYAngstrom;
                    double cx = sites.x(i) + wx * periodXAngstrom - originXAngstrom;
                    int y0 = Math.max(0, (int) Math.ceil((cy - reach) / grid.dyAngstrom()));
                    int y1 = Math.min(ny - 1, (int) Math.floor((cy + reach) / grid.dyAngstrom()));
                    int x0 = Math.max(0, (int) Math.ceil((cx - reach) / grid.dxAngstrom()));
                    int x1 = Math.min(nx - 1, (int) Math.floor((cx + reach) / grid.dxAngstrom()));
                    for (int y = y0; y <= y1; y++) {
                        double dy = y * grid.dyAngstrom() - cy;
                        for (int x = x0; x <= x1; x++) {
                            double dx = x * grid.dxAngstrom() - cx;
                            maps[planeOffset + y * nx + x] += (float) Math.exp(-(dx * dx + dy * dy) * inverseTwoSigmaSquared);
                        }
                    }
                }
            }
        }
        for (int p = 0; p < plane; p++) {
            double total = 0;
            for (int k = 1; k < classes; k++) {
                total += maps[k * plane + p];
            }
            if (total > 1) {
                for (int k = 1; k < classes; k++) {
                    maps[k * plane + p] /= (float) total;
                }
                total = 1;
            }
            maps[p] = (float) (1 - total);
        }
        return maps;
    }
}
