package io.github.atomfinder.optics;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * From an exit wave to a micrograph (method.md §4): lens transfer, intensity, resampling to the detector's pixel
 * size, Gaussian blur, dose noise and detector MTF, in that order.
 *
 * <p>Only the band of the wave that the envelopes and aperture pass (below {@code k_max}, where they fall under
 * {@value #NEGLIGIBLE_TRANSFER}) is transformed back, on the smallest FFT-friendly grid that holds the intensity up
 * to the output Nyquist frequency q_N without aliasing: its Nyquist frequency is min(q_wave, 2 k_max,
 * k_max + q_N / 2), since products of wave components at ≤ k_max alias onto frequencies ≥ 2 q_mid − 2 k_max (or
 * on the output grid itself when that is finer). The intensity's spectrum is then cropped or zero-padded to the output
 * grid (Fourier resampling). For a 0.05 Å, 864² wave, a focal spread of 20 Å at 80 kV and 0.12 Å pixels, the wave is
 * transformed back directly on the 360² output grid (its band needs ~300²).
 *
 * <p>Stateless and thread-safe: workers may form images concurrently (with {@code Fft2.setThreadsPerTransform(1)}).
 */
public final class ImageFormation {

    /** Transfer below which a wave component is dropped. */
    static final double NEGLIGIBLE_TRANSFER = 1e-6;

    private ImageFormation() {
    }

    /**
     * The micrograph of {@code exitWave} through {@code microscope}; the dose noise draws from {@code random} (unused,
     * and may be null, for a noiseless microscope).
     */
    public static RealImage image(ComplexField exitWave, Microscope microscope, RandomGenerator random) {
        return image(WaveSpectrum.of(exitWave), microscope, random);
    }

    /** As {@link #image(ComplexField, Microscope, RandomGenerator)} from a wave transformed once beforehand. */
    public static RealImage image(WaveSpectrum exitWave, Microscope microscope, RandomGenerator random) {
        return fromSpectrum(exitWave.data(), exitWave.grid(), microscope, random);
    }

    /**
     * A focal series: one image per defocus offset (Å, added to the microscope's defocus, so C10 − offset), all
     * from one exit wave whose transform is computed once. Noise draws follow the order of the offsets.
     */
    public static List<RealImage> focalSeries(ComplexField exitWave, Microscope microscope, double[] defocusOffsetsAngstrom,
            RandomGenerator random) {
        return focalSeries(WaveSpectrum.of(exitWave), microscope, defocusOffsetsAngstrom, random);
    }

    /** As {@link #focalSeries(ComplexField, Microscope, double[], RandomGenerator)} from a transformed wave. */
    public static List<RealImage> focalSeries(WaveSpectrum exitWave, Microscope microscope, double[] defocusOffsetsAngstrom,
            RandomGenerator random) {
        double defocus = microscope.aberrations().defocusAngstrom();
        List<RealImage> images = new ArrayList<>(defocusOffsetsAngstrom.length);
        for (double offset : defocusOffsetsAngstrom) {
            Microscope shifted = microscope.withAberrations(microscope.aberrations().withDefocus(defocus + offset));
            images.add(image(exitWave, shifted, random));
        }
        return images;
    }

    /** The output grid: the wave's cell covered by round(extent / pixel size) pixels per axis. */
    public static Grid outputGrid(Grid waveGrid, double pixelSizeAngstrom) {
        if (pixelSizeAngstrom == 0) {
            return waveGrid;
        }
        int ny = Math.max(1, (int) Math.round(waveGrid.extentYAngstrom() / pixelSizeAngstrom));
        int nx = Math.max(1, (int) Math.round(waveGrid.extentXAngstrom() / pixelSizeAngstrom));
        return new Grid(ny, nx, waveGrid.extentYAngstrom() / ny, waveGrid.extentXAngstrom() / nx);
    }

    /**
     * The wave transfer function H(k) = exp(−iχ) E_t E_s A on the frequencies of {@code grid} (FFT order, zero
     * frequency at index 0), for inspection and comparison with other simulators.
     */
    public static ComplexField transferFunction(Grid grid, Microscope microscope) {
        ComplexField ones = ComplexField.planeWave(grid);
        applyTransfer(ones.data(), grid, microscope, Double.POSITIVE_INFINITY, 1);
        return ones;
    }

    /**
     * The largest spatial frequency (1/Å) the envelopes and aperture pass above {@link #NEGLIGIBLE_TRANSFER};
     * +∞ when neither a focal spread nor an aperture limits the band. The spatial envelope is ignored here because
     * it only narrows the band further.
     */
    public static double bandLimitInverseAngstrom(Microscope microscope) {
        double lambda = microscope.wavelengthAngstrom();
        double limit = microscope.apertureSemiAngleRad() / lambda;
        if (microscope.focalSpreadAngstrom() > 0) {
            double k2 = 2 * Math.sqrt(Math.log(1 / NEGLIGIBLE_TRANSFER)) / (Math.PI * lambda * microscope.focalSpreadAngstrom());
            limit = Math.min(limit, Math.sqrt(k2));
        }
        return limit;
    }

    private static RealImage fromSpectrum(float[] waveSpectrum, Grid waveGrid, Microscope microscope, RandomGenerator random) {
        Grid out = outputGrid(waveGrid, microscope.pixelSizeAngstrom());
        double kMax = bandLimitInverseAngstrom(microscope);
        double qMidY = Math.min(2 * kMax, kMax + 0.5 / out.dyAngstrom());
        double qMidX = Math.min(2 * kMax, kMax + 0.5 / out.dxAngstrom());
        int midNy = bandSize(waveGrid.ny(), waveGrid.extentYAngstrom(), qMidY);
        int midNx = bandSize(waveGrid.nx(), waveGrid.extentXAngstrom(), qMidX);
        if (midNy <= out.ny() && midNx <= out.nx()) {
            // The output grid itself holds the intensity without aliasing: skip a resampling round trip.
            midNy = out.ny();
            midNx = out.nx();
        }
        Grid mid = new Grid(midNy, midNx, waveGrid.extentYAngstrom() / midNy, waveGrid.extentXAngstrom() / midNx);

        float[] wave = Spectra.resize(waveSpectrum, waveGrid.ny(), waveGrid.nx(), midNy, midNx, 1f);
        applyTransfer(wave, mid, microscope, kMax, (double) mid.size() / waveGrid.size());
        Fft2.inverseInPlace(wave, midNy, midNx);
        RealImage intensity = new ComplexField(mid, wave).intensity();

        RealImage image = Detector.resample(intensity, out.ny(), out.nx(), microscope.blurSigmaAngstrom());
        if (!microscope.isNoiseless()) {
            image = Detector.doseNoise(image, microscope.doseElectronsPerA2(), random);
        }
        return Detector.applyMtf(image, microscope.mtf());
    }

    /** Pixels along an axis of extent L needed for frequencies up to q, FFT-friendly, at most the wave's n. */
    private static int bandSize(int waveN, double extentAngstrom, double q) {
        double needed = Math.ceil(2 * q * extentAngstrom) + 1;
        if (!(needed < waveN)) {
            return waveN;
        }
        int n = (int) needed;
        while (!isFftFriendly(n)) {
            n++;
        }
        return Math.min(waveN, n);
    }

    /**
     * The pixel size nearest to {@code pixelSizeAngstrom} at which the wave's cell (its x extent) holds an FFT-friendly
     * number of pixels. JTransforms is 5–20 times slower for sizes with a large prime factor (e.g. 382 = 2 · 191), so a
     * training pipeline with random pixel sizes should pass its draws through this; steps between friendly sizes are
     * 1–4 % near 360 pixels.
     */
    public static double fftFriendlyPixelSizeAngstrom(Grid waveGrid, double pixelSizeAngstrom) {
        double extent = waveGrid.extentXAngstrom();
        int n = Math.max(1, (int) Math.round(extent / pixelSizeAngstrom));
        for (int step = 0; ; step++) {
            for (int candidate : new int[] {n - step, n + step}) {
                if (candidate >= 1 && isFftFriendly(candidate)) {
                    return extent / candidate;
                }
            }
        }
    }

    /** Sizes JTransforms transforms fast (measured): at most 16, or even with no prime factor above 13. */
    static boolean isFftFriendly(int n) {
        if (n <= 16) {
            return true;
        }
        if (n % 2 != 0) {
            return false;
        }
        int r = n;
        for (int p : new int[] {2, 3, 5, 7, 11, 13}) {
            while (r % p == 0) {
                r /= p;
            }
        }
        return r == 1;
    }

    /**
     * Multiplies a spectrum on {@code grid}'s frequencies by scale · H(k), zeroing components above kMax.
     */
    static void applyTransfer(float[] spectrum, Grid grid, Microscope microscope, double kMax, double scale) {
        double lambda = microscope.wavelengthAngstrom();
        Aberrations aberrations = microscope.aberrations();
        boolean coherentAberrationFree = aberrations.isZero();
        double focalSpread = microscope.focalSpreadAngstrom();
        double beta = microscope.convergenceSemiAngleRad();
        double cutoff = microscope.apertureSemiAngleRad();
        double edge = microscope.apertureEdgeRad();
        double[] ky = grid.frequenciesY();
        double[] kx = grid.frequenciesX();
        double[] gradient = beta > 0 ? new double[2] : null;
        double kMax2 = kMax * kMax;
        int nx = grid.nx();
        for (int y = 0; y < ky.length; y++) {
            for (int x = 0; x < nx; x++) {
                int i = 2 * (y * nx + x);
                double k2 = ky[y] * ky[y] + kx[x] * kx[x];
                if (k2 > kMax2) {
                    spectrum[i] = 0;
                    spectrum[i + 1] = 0;
                    continue;
                }
                double alpha = lambda * Math.sqrt(k2);
                double amplitude = scale * Transfer.aperture(alpha, cutoff, edge);
                if (focalSpread > 0) {
                    amplitude *= Transfer.temporalEnvelope(alpha, lambda, focalSpread);
                }
                double chi = 0;
                if (!coherentAberrationFree) {
                    chi = aberrations.chi(alpha, Math.atan2(ky[y], kx[x]), lambda, gradient);
                    if (gradient != null) {
                        amplitude *= Transfer.spatialEnvelope(gradient[0], gradient[1], beta);
                    }
                }
                double hr = amplitude * Math.cos(chi);
                double hi = -amplitude * Math.sin(chi);
                double re = spectrum[i];
                double im = spectrum[i + 1];
                spectrum[i] = (float) (re * hr - im * hi);
                spectrum[i + 1] = (float) (re * hi + im * hr);
            }
        }
    }
}
