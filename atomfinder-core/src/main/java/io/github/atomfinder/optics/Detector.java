package io.github.atomfinder.optics;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.random.RandomGenerator;

/**
 * The detector side of image formation (method.md §4) as pure functions on images: Fourier resampling with an
 * optional Gaussian blur, Poisson dose noise, the modulation transfer function, and crop/pad.
 */
public final class Detector {

    private Detector() {
    }

    /**
     * The image on a grid of {@code ny × nx} pixels covering the same (periodic) cell, by cropping or zero-padding
     * its spectrum, blurred by a Gaussian of standard deviation {@code blurSigmaAngstrom} (spectrum times
     * exp(−2π² σ² q²)). Values keep their scale (a constant image stays that constant).
     */
    public static RealImage resample(RealImage image, int ny, int nx, double blurSigmaAngstrom) {
        Grid in = image.grid();
        Grid out = new Grid(ny, nx, in.extentYAngstrom() / ny, in.extentXAngstrom() / nx);
        if (ny == in.ny() && nx == in.nx() && blurSigmaAngstrom == 0) {
            return new RealImage(out, image.data());
        }
        float[] spectrum = ComplexField.fromReal(image).data();
        Fft2.forwardInPlace(spectrum, in.ny(), in.nx());
        float[] resized = Spectra.resize(spectrum, in.ny(), in.nx(), ny, nx, (float) ((double) out.size() / in.size()));
        if (blurSigmaAngstrom > 0) {
            double factor = -2 * Math.PI * Math.PI * blurSigmaAngstrom * blurSigmaAngstrom;
            multiplyRadially(resized, out, q -> Math.exp(factor * q * q));
        }
        Fft2.inverseInPlace(resized, ny, nx);
        return new ComplexField(out, resized).realPart();
    }

    /** Resampling to a pixel size (Å): the grid covering the same cell with round(extent / size) pixels per axis. */
    public static RealImage resample(RealImage image, double pixelSizeAngstrom) {
        Grid out = ImageFormation.outputGrid(image.grid(), pixelSizeAngstrom);
        return resample(image, out.ny(), out.nx(), 0);
    }

    /**
     * Detected electrons per pixel for an intensity (vacuum = 1) at a dose in e/Å²: Poisson counts with mean
     * I · dose · Δx · Δy, negative intensities clipped to 0.
     */
    public static RealImage doseNoise(RealImage intensity, double doseElectronsPerA2, RandomGenerator random) {
        if (!(doseElectronsPerA2 > 0) || Double.isInfinite(doseElectronsPerA2)) {
            throw new IllegalArgumentException("dose must be positive and finite (e/Å²), got " + doseElectronsPerA2);
        }
        Grid grid = intensity.grid();
        float electronsPerPixel = (float) (doseElectronsPerA2 * grid.dyAngstrom() * grid.dxAngstrom());
        float[] counts = intensity.data().clone();
        for (int i = 0; i < counts.length; i++) {
            counts[i] *= electronsPerPixel;
        }
        PoissonNoise.applyInPlace(counts, random);
        return new RealImage(grid, counts);
    }

    /** The image with its spectrum multiplied by the MTF (frequencies relative to the image's Nyquist frequency). */
    public static RealImage applyMtf(RealImage image, Mtf mtf) {
        if (mtf.isIdentity()) {
            return image;
        }
        Grid grid = image.grid();
        float[] spectrum = ComplexField.fromReal(image).data();
        Fft2.forwardInPlace(spectrum, grid.ny(), grid.nx());
        double nyquist = grid.nyquistInverseAngstrom();
        multiplyRadially(spectrum, grid, q -> mtf.at(q, nyquist));
        Fft2.inverseInPlace(spectrum, grid.ny(), grid.nx());
        return new ComplexField(grid, spectrum).realPart();
    }

    /**
     * The central {@code ny × nx} region of the image, or the image centred in a larger one filled with
     * {@code fill}; pixel sizes are kept. Per axis the offset is (old − new) / 2 rounded down.
     */
    public static RealImage cropOrPad(RealImage image, int ny, int nx, float fill) {
        Grid in = image.grid();
        Grid out = new Grid(ny, nx, in.dyAngstrom(), in.dxAngstrom());
        float[] data = new float[out.size()];
        java.util.Arrays.fill(data, fill);
        int offsetY = Math.floorDiv(in.ny() - ny, 2);
        int offsetX = Math.floorDiv(in.nx() - nx, 2);
        for (int y = 0; y < ny; y++) {
            int sy = y + offsetY;
            if (sy < 0 || sy >= in.ny()) {
                continue;
            }
            for (int x = 0; x < nx; x++) {
                int sx = x + offsetX;
                if (sx >= 0 && sx < in.nx()) {
                    data[y * nx + x] = image.data()[sy * in.nx() + sx];
                }
            }
        }
        return new RealImage(out, data);
    }

    /** Multiplies by filter(|q|), evaluated once per |q_y|, |q_x| pair (the four quadrants share values). */
    private static void multiplyRadially(float[] spectrum, Grid grid, java.util.function.DoubleUnaryOperator filter) {
        int ny = grid.ny();
        int nx = grid.nx();
        int hy = ny / 2 + 1;
        int hx = nx / 2 + 1;
        double[] table = new double[hy * hx];
        double fy0 = 1 / grid.extentYAngstrom();
        double fx0 = 1 / grid.extentXAngstrom();
        for (int a = 0; a < hy; a++) {
            for (int b = 0; b < hx; b++) {
                double qy = a * fy0;
                double qx = b * fx0;
                table[a * hx + b] = filter.applyAsDouble(Math.sqrt(qy * qy + qx * qx));
            }
        }
        for (int y = 0; y < ny; y++) {
            int a = Math.min(y, ny - y);
            for (int x = 0; x < nx; x++) {
                float f = (float) table[a * hx + Math.min(x, nx - x)];
                int i = 2 * (y * nx + x);
                spectrum[i] *= f;
                spectrum[i + 1] *= f;
            }
        }
    }
}
