package io.github.atomfinder.optics;

import io.github.atomfinder.simulation.Electrons;
/**
 * One microscope and detector setting: everything {@link ImageFormation} needs to turn an exit wave into an image.
 *
 * @param energyEv beam energy (eV); sets the wavelength
 * @param aberrations coherent aberrations (defocus = −C10, see {@link Aberrations})
 * @param focalSpreadAngstrom focal spread Δ (1/e half-width, Å) of the temporal envelope; 0 = fully coherent
 * @param convergenceSemiAngleRad illumination semi-angle β (rad) of the spatial envelope; 0 = parallel beam
 * @param apertureSemiAngleRad objective aperture semi-angle (rad); +∞ = no aperture
 * @param apertureEdgeRad width (rad) of the aperture's cosine edge; 0 = hard edge
 * @param blurSigmaAngstrom standard deviation (Å) of a Gaussian blur of the intensity (vibration, drift), applied
 *     before the dose noise; 0 = none
 * @param doseElectronsPerA2 electron dose (e/Å²); +∞ = noiseless, and the image is the intensity (vacuum = 1);
 *     finite = the image is in detected electrons per pixel (vacuum = dose·Δx·Δy)
 * @param mtf detector MTF, applied after the noise ({@link Mtf#NONE} = perfect detector)
 * @param pixelSizeAngstrom output pixel size (Å); 0 = keep the exit wave's sampling. The output grid covers the
 *     wave's cell with round(extent / pixel size) pixels, so the actual size differs by at most half a pixel
 *     over the cell
 */
public record Microscope(double energyEv, Aberrations aberrations, double focalSpreadAngstrom,
        double convergenceSemiAngleRad, double apertureSemiAngleRad, double apertureEdgeRad, double blurSigmaAngstrom,
        double doseElectronsPerA2, Mtf mtf, double pixelSizeAngstrom) {

    public Microscope {
        Electrons.wavelengthAngstrom(energyEv);
        if (aberrations == null || mtf == null) {
            throw new IllegalArgumentException("aberrations and mtf must not be null (use Aberrations.NONE, Mtf.NONE)");
        }
        requireNonNegative("focal spread (Å)", focalSpreadAngstrom, false);
        requireNonNegative("convergence semi-angle (rad)", convergenceSemiAngleRad, false);
        requireNonNegative("aperture semi-angle (rad)", apertureSemiAngleRad, true);
        requireNonNegative("aperture edge (rad)", apertureEdgeRad, false);
        requireNonNegative("blur (Å)", blurSigmaAngstrom, false);
        requireNonNegative("pixel size (Å)", pixelSizeAngstrom, false);
        if (!(doseElectronsPerA2 > 0)) {
            throw new IllegalArgumentException("dose must be positive (e/Å²) or +∞ for no noise, got " + doseElectronsPerA2);
        }
        if (!(apertureSemiAngleRad > 0)) {
            throw new IllegalArgumentException("aperture semi-angle must be positive (rad) or +∞ for none, got " + apertureSemiAngleRad);
        }
    }

    /** A perfect microscope: no aberrations, coherent, no aperture, no blur, no noise, perfect detector. */
    public static Microscope ideal(double energyEv) {
        return new Microscope(energyEv, Aberrations.NONE, 0, 0, Double.POSITIVE_INFINITY, 0, 0,
                Double.POSITIVE_INFINITY, Mtf.NONE, 0);
    }

    public double wavelengthAngstrom() {
        return Electrons.wavelengthAngstrom(energyEv);
    }

    public boolean isNoiseless() {
        return Double.isInfinite(doseElectronsPerA2);
    }

    public Microscope withAberrations(Aberrations value) {
        return new Microscope(energyEv, value, focalSpreadAngstrom, convergenceSemiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, blurSigmaAngstrom, doseElectronsPerA2, mtf, pixelSizeAngstrom);
    }

    public Microscope withFocalSpread(double angstrom) {
        return new Microscope(energyEv, aberrations, angstrom, convergenceSemiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, blurSigmaAngstrom, doseElectronsPerA2, mtf, pixelSizeAngstrom);
    }

    public Microscope withConvergence(double semiAngleRad) {
        return new Microscope(energyEv, aberrations, focalSpreadAngstrom, semiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, blurSigmaAngstrom, doseElectronsPerA2, mtf, pixelSizeAngstrom);
    }

    public Microscope withAperture(double semiAngleRad, double edgeRad) {
        return new Microscope(energyEv, aberrations, focalSpreadAngstrom, convergenceSemiAngleRad, semiAngleRad,
                edgeRad, blurSigmaAngstrom, doseElectronsPerA2, mtf, pixelSizeAngstrom);
    }

    public Microscope withBlur(double sigmaAngstrom) {
        return new Microscope(energyEv, aberrations, focalSpreadAngstrom, convergenceSemiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, sigmaAngstrom, doseElectronsPerA2, mtf, pixelSizeAngstrom);
    }

    public Microscope withDose(double electronsPerA2) {
        return new Microscope(energyEv, aberrations, focalSpreadAngstrom, convergenceSemiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, blurSigmaAngstrom, electronsPerA2, mtf, pixelSizeAngstrom);
    }

    public Microscope withMtf(Mtf value) {
        return new Microscope(energyEv, aberrations, focalSpreadAngstrom, convergenceSemiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, blurSigmaAngstrom, doseElectronsPerA2, value, pixelSizeAngstrom);
    }

    public Microscope withPixelSize(double angstrom) {
        return new Microscope(energyEv, aberrations, focalSpreadAngstrom, convergenceSemiAngleRad, apertureSemiAngleRad,
                apertureEdgeRad, blurSigmaAngstrom, doseElectronsPerA2, mtf, angstrom);
    }

    private static void requireNonNegative(String name, double value, boolean infiniteAllowed) {
        if (!(value >= 0) || (!infiniteAllowed && Double.isInfinite(value))) {
            throw new IllegalArgumentException(name + " must be " + (infiniteAllowed ? "non-negative" : "finite and non-negative")
                    + ", got " + value);
        }
    }
}
