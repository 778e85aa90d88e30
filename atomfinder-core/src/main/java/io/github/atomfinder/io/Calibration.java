package io.github.atomfinder.io;

import java.util.Locale;
import java.util.Optional;

/** Length units written by microscope software, converted to Å (docs/conventions.md: lengths in Å). */
public final class Calibration {

    private Calibration() {
    }

    /**
     * Å per one of {@code unit}, or empty when the unit is not a real-space length (e.g. "1/nm" for
     * diffraction, "pixel", "" or an unknown name), in which case the image is uncalibrated.
     */
    public static Optional<Double> angstromPerUnit(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        String u = unit.trim().toLowerCase(Locale.ROOT);
        double factor = switch (u) {
            case "m", "meter", "metre", "meters", "metres" -> 1e10;
            case "cm" -> 1e8;
            case "mm" -> 1e7;
            case "\u00b5m", "\u03bcm", "um", "micron", "microns", "micrometer", "micrometre", "micrometers" -> 1e4;
            case "nm", "nanometer", "nanometre", "nanometers" -> 10.0;
            case "\u00e5", "a", "angstrom", "angstroms", "\u00e5ngstr\u00f6m", "\u212b" -> 1.0;
            case "pm", "picometer" -> 0.01;
            default -> Double.NaN;
        };
        return Double.isNaN(factor) ? Optional.empty() : Optional.of(factor);
    }

    /** {@code scale} in {@code unit} as Å, or empty when either is unusable. */
    public static Optional<Double> toAngstrom(double scale, String unit) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return Optional.empty();
        }
        return angstromPerUnit(unit).map(f -> scale * f).filter(a -> a > 0 && !Double.isInfinite(a));
    }
}
