package io.github.atomfinder.analysis;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pixel size of an image of a known crystal, measured from its power spectrum (issue 8: "the pixel size you
 * determined from its lattice").
 *
 * <p>Graphene: the first-order {100} reflections (d = a·√3/2 = 2.1304 Å for a = 2.46 Å) form a hexagon of six
 * spots. The image is Hann-windowed (no edge streaks), zero-padded to a square twice its larger side (equal
 * frequency steps along x and y, and finer sampling of the peaks), and its power spectrum divided by the
 * median power at each radius, so spots stand out of the 1/f background as a ratio. The strongest hexagon of
 * local maxima is taken; each spot is refined to sub-bin precision by a parabola through the logarithm of
 * the power along x and along y. If a weaker hexagon sits at 1/√3 of its radius rotated by 30° ({110},
 * d = 1.23 Å) or at 1/2 of it ({200}), the strong one was a higher order and the inner one is used. The second
 * order, when visible, gives an independent check.
 *
 * <p>Pixel sizes: a spot at (fx, fy) cycles per pixel lies at physical frequency (fx/px, fy/py), so the six
 * spots lie on the ellipse (fx/A)² + (fy/B)² = 1 with A = px/d, B = py/d; a least-squares fit of (1/A², 1/B²)
 * gives both pixel sizes, and the mean spot radius r gives the square-pixel size p = r·d. Frequencies follow
 * docs/conventions.md ({@code fy} along rows).
 */
public final class LatticeCalibration {

    /** Graphene lattice constant a in Å (method.md: C–C bond 1.42 Å, a = √3 · 1.42 = 2.46 Å). */
    public static final double GRAPHENE_A_ANGSTROM = 2.46;
    /** Graphene {100} spacing a·√3/2 in Å. */
    public static final double GRAPHENE_D100_ANGSTROM = GRAPHENE_A_ANGSTROM * Math.sqrt(3) / 2;
    /** Graphene {110} spacing a/2 in Å. */
    public static final double GRAPHENE_D110_ANGSTROM = GRAPHENE_A_ANGSTROM / 2;

    /**
     * Spots must stand this many times above the median power at their radius (every one of the six). Power
     * in a bin of pure noise is exponentially distributed, so a ratio of 8 to the median has probability
     * 2^-8 per bin; six such bins on a hexagon by chance do not happen.
     */
    static final double MIN_SPOT_RATIO = 8;

    /**
     * One spot of a hexagon.
     *
     * @param fxCyclesPerPixel frequency along x in cycles per pixel (sub-bin)
     * @param fyCyclesPerPixel frequency along y (rows) in cycles per pixel
     * @param ratio power over the median power at its radius
     * @param power the power spectrum at the spot's bin (arbitrary units)
     */
    public record Spot(double fxCyclesPerPixel, double fyCyclesPerPixel, double ratio, double power) {

        public double radius() {
            return Math.hypot(fxCyclesPerPixel, fyCyclesPerPixel);
        }
    }

    /**
     * The measured calibration.
     *
     * @param pixelSizeAngstrom Å per pixel assuming square pixels (mean spot radius)
     * @param uncertaintyAngstrom standard error of {@code pixelSizeAngstrom} from the spread of the three
     *     independent spot pairs' radii (a ± pair are one measurement: the power spectrum of a real image is
     *     centrosymmetric)
     * @param pixelSizeXAngstrom Å per pixel along x from the ellipse fit
     * @param pixelSizeYAngstrom Å per pixel along y from the ellipse fit
     * @param rotationRad lattice rotation in [0, π/3): the angle of a {100} spot from +x towards +y (rows), the
     *     same angle as {@code IdealGraphene.sheet}'s rotation
     * @param spots the six first-order spots
     * @param secondOrderPixelSizeAngstrom the pixel size from the {110} hexagon, when all six spots are visible
     */
    public record Result(double pixelSizeAngstrom, double uncertaintyAngstrom, double pixelSizeXAngstrom,
            double pixelSizeYAngstrom, double rotationRad, List<Spot> spots, Optional<Double> secondOrderPixelSizeAngstrom) {

        public Result {
            spots = List.copyOf(spots);
        }

        /**
         * Whether x and y pixel sizes differ by more than three standard errors and more than 0.5 %: then both
         * should be reported, otherwise the single size.
         */
        public boolean squarePixels() {
            double diff = Math.abs(pixelSizeXAngstrom - pixelSizeYAngstrom);
            return diff <= 3 * uncertaintyAngstrom || diff <= 0.005 * pixelSizeAngstrom;
        }
    }

    private LatticeCalibration() {
    }

    /** The pixel size of an HRTEM image of graphene (any contrast sign) from its {100} reflections. */
    public static Result graphenePixelSize(RealImage image) {
        return pixelSize(image, GRAPHENE_D100_ANGSTROM, GRAPHENE_D110_ANGSTROM);
    }

    /**
     * The pixel size from a hexagonal lattice whose first-order spacing is {@code firstOrderAngstrom} and second
     * order {@code secondOrderAngstrom} (= first / √3).
     */
    static Result pixelSize(RealImage image, double firstOrderAngstrom, double secondOrderAngstrom) {
        int ny = image.ny();
        int nx = image.nx();
        if (ny < 32 || nx < 32) {
            throw new AtomfinderException("image is " + ny + " x " + nx + " pixels; lattice calibration needs at least 32 x 32");
        }
        Spectrum spectrum = Spectrum.of(image);
        List<Spot> hexagon = strongestHexagon(spectrum)
                .orElseThrow(() -> new AtomfinderException("no hexagonal lattice reflections found in the power spectrum "
                        + "(every one of six spots must stand " + MIN_SPOT_RATIO + " times above the background): is this "
                        + "an atomic-resolution image of graphene?"));
        // The strongest hexagon may be a higher order ({110} at √3 and 30°, {200} at 2 and 0°) when the contrast
        // transfer or a Fourier filter suppressed the first order: step inwards while a hexagon is there.
        boolean stepped = true;
        while (stepped) {
            stepped = false;
            for (Spot inward : List.of(rotate(hexagon.get(0), Math.PI / 6, 1 / Math.sqrt(3)), rotate(hexagon.get(0), 0, 0.5))) {
                Optional<List<Spot>> inner = hexagonAt(spectrum, inward);
                if (inner.isPresent()) {
                    hexagon = inner.get();
                    stepped = true;
                    break;
                }
            }
        }
        Optional<List<Spot>> outer = hexagonAt(spectrum, rotate(hexagon.get(0), Math.PI / 6, Math.sqrt(3)));
        return result(hexagon, outer, firstOrderAngstrom, secondOrderAngstrom);
    }

    private static Result result(List<Spot> hexagon, Optional<List<Spot>> secondOrder, double d1, double d2) {
        double[] pairRadius = new double[3];
        for (int k = 0; k < 3; k++) {
            pairRadius[k] = (hexagon.get(k).radius() + hexagon.get(k + 3).radius()) / 2;
        }
        double mean = Arrays.stream(pairRadius).average().orElseThrow();
        double var = 0;
        for (double r : pairRadius) {
            var += (r - mean) * (r - mean);
        }
        double standardError = Math.sqrt(var / 2) / Math.sqrt(3);
        // Least squares for u = 1/A², v = 1/B² in u·fx² + v·fy² = 1.
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double sx = 0;
        double sy = 0;
        for (Spot s : hexagon) {
            double a = s.fxCyclesPerPixel() * s.fxCyclesPerPixel();
            double b = s.fyCyclesPerPixel() * s.fyCyclesPerPixel();
            sxx += a * a;
            sxy += a * b;
            syy += b * b;
            sx += a;
            sy += b;
        }
        double det = sxx * syy - sxy * sxy;
        double u = (sx * syy - sy * sxy) / det;
        double v = (sxx * sy - sxy * sx) / det;
        double px = d1 / Math.sqrt(u);
        double py = d1 / Math.sqrt(v);
        double rotation = 0;
        double best = Double.POSITIVE_INFINITY;
        for (Spot s : hexagon) {
            double angle = Math.atan2(s.fyCyclesPerPixel() / py, s.fxCyclesPerPixel() / px);
            double folded = angle - Math.PI / 3 * Math.floor(angle / (Math.PI / 3));
            if (Math.abs(angle - folded) < best) {
                best = Math.abs(angle - folded);
                rotation = folded;
            }
        }
        Optional<Double> second = secondOrder.map(spots -> d2 * spots.stream().mapToDouble(Spot::radius).average().orElseThrow());
        return new Result(mean * d1, standardError * d1, px, py, rotation, hexagon, second);
    }

    private static Spot rotate(Spot s, double angleRad, double scale) {
        double c = Math.cos(angleRad) * scale;
        double si = Math.sin(angleRad) * scale;
        return new Spot(c * s.fxCyclesPerPixel() - si * s.fyCyclesPerPixel(),
                si * s.fxCyclesPerPixel() + c * s.fyCyclesPerPixel(), 0, 0);
    }

    /**
     * Among hexagons seeded by the strongest local maxima (all six spots above {@link #MIN_SPOT_RATIO}), the one
     * with the largest geometric-mean power. Power, not ratio, decides: outside the pass band of a Fourier
     * filter the background is almost zero and a weak harmonic would win on ratio.
     */
    private static Optional<List<Spot>> strongestHexagon(Spectrum spectrum) {
        List<int[]> maxima = spectrum.candidateMaxima(40);
        List<Spot> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int[] m : maxima) {
            Spot seed = new Spot((double) m[1] / spectrum.n, (double) m[0] / spectrum.n, 0, 0);
            Optional<List<Spot>> hexagon = hexagonAt(spectrum, seed);
            if (hexagon.isPresent()) {
                double score = hexagon.get().stream().mapToDouble(s -> Math.log(s.power())).sum();
                if (score > bestScore) {
                    bestScore = score;
                    best = hexagon.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The six spots at the seed and its rotations by multiples of 60°, each the strongest bin within a few
     * percent of the expected place, refined; empty unless all six pass {@link #MIN_SPOT_RATIO}.
     */
    private static Optional<List<Spot>> hexagonAt(Spectrum spectrum, Spot seed) {
        double radiusBins = seed.radius() * spectrum.n;
        if (radiusBins < spectrum.minRadiusBins || seed.radius() > 0.5) {
            return Optional.empty();
        }
        // Window: 4 % of the radius (distorted or non-square pixels) but at least 2 padded bins.
        int half = (int) Math.max(2, Math.ceil(0.04 * radiusBins));
        List<Spot> spots = new ArrayList<>(6);
        for (int k = 0; k < 6; k++) {
            Spot expected = rotate(seed, k * Math.PI / 3, 1);
            int cy = (int) Math.round(expected.fyCyclesPerPixel() * spectrum.n);
            int cx = (int) Math.round(expected.fxCyclesPerPixel() * spectrum.n);
            int by = cy;
            int bx = cx;
            double bestRatio = -1;
            for (int oy = -half; oy <= half; oy++) {
                for (int ox = -half; ox <= half; ox++) {
                    double r = spectrum.ratio(cy + oy, cx + ox);
                    if (r > bestRatio) {
                        bestRatio = r;
                        by = cy + oy;
                        bx = cx + ox;
                    }
                }
            }
            if (bestRatio < MIN_SPOT_RATIO) {
                return Optional.empty();
            }
            spots.add(spectrum.refined(by, bx, bestRatio));
        }
        return Optional.of(spots);
    }

    /** The windowed, padded power spectrum with a radial background, indexed by signed frequency bins. */
    private static final class Spectrum {
        final int n;
        final double minRadiusBins;
        private final float[] power;
        private final double[] radialMedian;

        private Spectrum(int n, float[] power, double[] radialMedian, double minRadiusBins) {
            this.n = n;
            this.power = power;
            this.radialMedian = radialMedian;
            this.minRadiusBins = minRadiusBins;
        }

        static Spectrum of(RealImage image) {
            int ny = image.ny();
            int nx = image.nx();
            int n = 2 * Math.max(ny, nx);
            double mean = image.mean();
            float[] data = image.data();
            float[] field = new float[2 * n * n];
            double[] wy = hann(ny);
            double[] wx = hann(nx);
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    field[2 * (y * n + x)] = (float) ((data[y * nx + x] - mean) * wy[y] * wx[x]);
                }
            }
            Fft2.forwardInPlace(field, n, n);
            float[] power = new float[n * n];
            for (int i = 0; i < power.length; i++) {
                power[i] = field[2 * i] * field[2 * i] + field[2 * i + 1] * field[2 * i + 1];
            }
            int maxRadius = n / 2 + 1;
            List<List<Float>> rings = new ArrayList<>(maxRadius + 1);
            for (int r = 0; r <= maxRadius; r++) {
                rings.add(new ArrayList<>());
            }
            for (int y = 0; y < n; y++) {
                int ky = y < n / 2 ? y : y - n;
                for (int x = 0; x < n; x++) {
                    int kx = x < n / 2 ? x : x - n;
                    int r = (int) Math.round(Math.hypot(kx, ky));
                    if (r <= maxRadius) {
                        rings.get(r).add(power[y * n + x]);
                    }
                }
            }
            double[] median = new double[maxRadius + 1];
            for (int r = 0; r <= maxRadius; r++) {
                float[] values = new float[rings.get(r).size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rings.get(r).get(i);
                }
                Arrays.sort(values);
                median[r] = values.length == 0 ? 0 : Math.max(values[values.length / 2], Float.MIN_NORMAL);
            }
            // The window's main lobe (4 original bins) and the lowest frequencies are not lattice spots.
            double minRadius = 4.0 * n / Math.min(ny, nx) + 4;
            return new Spectrum(n, power, median, minRadius);
        }

        private static double[] hann(int m) {
            double[] w = new double[m];
            for (int i = 0; i < m; i++) {
                w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / m);
            }
            return w;
        }

        double power(int ky, int kx) {
            return power[Math.floorMod(ky, n) * n + Math.floorMod(kx, n)];
        }

        double ratio(int ky, int kx) {
            int r = (int) Math.round(Math.hypot(kx, ky));
            if (r >= radialMedian.length || r < minRadiusBins) {
                return 0;
            }
            return power(ky, kx) / radialMedian[r];
        }

        /**
         * Local maxima (over 5 x 5 bins) of the ratio in the half plane ky > 0 or (ky = 0, kx > 0) above
         * {@link #MIN_SPOT_RATIO}: the {@code count} highest by ratio and the {@code count} highest by power. Ratio
         * finds lattice spots in raw images (where low-frequency noise has more power); power finds them in
         * Fourier-filtered images (where outside the pass band a near-zero median makes any residue a huge ratio).
         */
        List<int[]> candidateMaxima(int count) {
            List<double[]> found = new ArrayList<>();
            for (int ky = 0; ky < n / 2; ky++) {
                for (int kx = -n / 2 + 1; kx < n / 2; kx++) {
                    if (ky == 0 && kx <= 0) {
                        continue;
                    }
                    double r = ratio(ky, kx);
                    if (r < MIN_SPOT_RATIO || !isLocalMax(ky, kx, r)) {
                        continue;
                    }
                    found.add(new double[] {r, power(ky, kx), ky, kx});
                }
            }
            List<int[]> candidates = new ArrayList<>();
            for (int key = 0; key < 2; key++) {
                int k = key;
                found.stream().sorted((a, b) -> Double.compare(b[k], a[k])).limit(count)
                        .forEach(f -> candidates.add(new int[] {(int) f[2], (int) f[3]}));
            }
            return candidates;
        }

        private boolean isLocalMax(int ky, int kx, double r) {
            for (int oy = -2; oy <= 2; oy++) {
                for (int ox = -2; ox <= 2; ox++) {
                    if ((oy != 0 || ox != 0) && ratio(ky + oy, kx + ox) > r) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** Sub-bin position: the vertex of a parabola through log power at the peak and its two neighbours, per axis. */
        Spot refined(int ky, int kx, double ratio) {
            double dy = vertex(Math.log(power(ky - 1, kx)), Math.log(power(ky, kx)), Math.log(power(ky + 1, kx)));
            double dx = vertex(Math.log(power(ky, kx - 1)), Math.log(power(ky, kx)), Math.log(power(ky, kx + 1)));
            return new Spot((kx + dx) / n, (ky + dy) / n, ratio, power(ky, kx));
        }

        private static double vertex(double left, double centre, double right) {
            double curvature = left - 2 * centre + right;
            if (!(curvature < 0)) {
                return 0;
            }
            return Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / curvature));
        }
    }
}
