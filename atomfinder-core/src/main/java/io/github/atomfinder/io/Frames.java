package io.github.atomfinder.io;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns decoded pixels and a calibration in file units into {@link LoadedImage}s, one per frame. */
final class Frames {

    private Frames() {
    }

    /**
     * The pixel size as stored: {@code dy}, {@code dx} in {@code unit}. {@link #angstrom()} is empty when the
     * unit is not a real-space length, and the image is then uncalibrated (1 Å placeholder).
     */
    record PixelSize(double dy, String unitY, double dx, String unitX) {

        PixelSize(double dy, double dx, String unit) {
            this(dy, unit, dx, unit);
        }

        static PixelSize none() {
            return new PixelSize(Double.NaN, Double.NaN, "");
        }

        Optional<double[]> angstrom() {
            Optional<Double> y = Calibration.toAngstrom(dy, unitY);
            Optional<Double> x = Calibration.toAngstrom(dx, unitX);
            if (y.isEmpty() || x.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new double[] {y.get(), x.get()});
        }
    }

    /** Splits {@code data} (frames × ny × nx, row-major) into frames. */
    static List<LoadedImage> split(float[] data, int frames, int ny, int nx, PixelSize size, String format, String dtype,
            Map<String, String> metadata) {
        Optional<double[]> angstrom = size.angstrom();
        Grid grid = angstrom.map(a -> new Grid(ny, nx, a[0], a[1])).orElse(Grid.of(ny, nx, 1.0));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        if (size.dx() > 0 && Double.isFinite(size.dx())) {
            boolean square = size.dy() == size.dx() && size.unitY().equals(size.unitX());
            meta.put("stored pixel size", square ? size.dx() + " " + size.unitX()
                    : size.dy() + " " + size.unitY() + " (y) x " + size.dx() + " " + size.unitX() + " (x)");
        }
        if (frames > 1) {
            meta.put("frames", Integer.toString(frames));
        }
        int n = ny * nx;
        List<LoadedImage> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            float[] frame = frames == 1 ? data : java.util.Arrays.copyOfRange(data, f * n, (f + 1) * n);
            out.add(new LoadedImage(new RealImage(grid, frame), angstrom.isPresent(), format, dtype, meta));
        }
        return out;
    }
}
