package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.IdealGraphene;
import io.github.atomfinder.testing.Shared;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatticeCalibrationTest {

    /**
     * Dark Gaussian blobs (σ = 0.35 Å) at ideal graphene atoms (bond 1.42 Å, so a = 2.46 Å, the constant the
     * calibration assumes) on a bright background, sampled at {@code px} x {@code py} Å per pixel, plus
     * Gaussian noise of {@code noise} (blob depth 1).
     */
    static RealImage renderGraphene(int ny, int nx, double pyAngstrom, double pxAngstrom, double rotationRad,
            double noise, long seed) {
        Atoms sheet = IdealGraphene.sheet(nx * pxAngstrom, ny * pyAngstrom, 1.42, rotationRad, 1);
        float[] data = new float[ny * nx];
        double sigma = 0.35;
        for (int a = 0; a < sheet.size(); a++) {
            double cx = sheet.xs()[a] / pxAngstrom;
            double cy = sheet.ys()[a] / pyAngstrom;
            int reachX = (int) Math.ceil(4 * sigma / pxAngstrom);
            int reachY = (int) Math.ceil(4 * sigma / pyAngstrom);
            for (int y = Math.max(0, (int) cy - reachY); y <= Math.min(ny - 1, (int) cy + reachY); y++) {
                for (int x = Math.max(0, (int) cx - reachX); x <= Math.min(nx - 1, (int) cx + reachX); x++) {
                    double ddx = (x - cx) * pxAngstrom;
                    double ddy = (y - cy) * pyAngstrom;
                    data[y * nx + x] -= (float) Math.exp(-(ddx * ddx + ddy * ddy) / (2 * sigma * sigma));
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] += (float) (noise * gaussian(random));
        }
        return new RealImage(Grid.of(ny, nx, 1), data);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void recoversPixelSizeAndRotationOfSimulatedGrapheneWithinHalfAPercent() {
        // 0.108 Å/px: the pixel size of the shared graphene_defect images (data/SOURCES.md); non-square frame.
        RealImage image = renderGraphene(384, 512, 0.108, 0.108, Math.toRadians(17), 0.5, 1);
        LatticeCalibration.Result r = LatticeCalibration.graphenePixelSize(image);
        assertEquals(0.108, r.pixelSizeAngstrom(), 0.005 * 0.108, r.toString());
        assertTrue(r.uncertaintyAngstrom() < 0.005 * 0.108, r.toString());
        assertTrue(r.squarePixels(), r.toString());
        assertEquals(17, Math.toDegrees(r.rotationRad()), 0.5, r.toString());
        assertEquals(6, r.spots().size());
        // At 0.108 Å/px the {110} spots (1.23 Å) are well inside Nyquist (0.216 Å) and visible.
        assertEquals(0.108, r.secondOrderPixelSizeAngstrom().orElseThrow(), 0.005 * 0.108, r.toString());
    }

    @Test
    void reportsDifferentPixelSizesAlongXAndY() {
        RealImage image = renderGraphene(400, 400, 0.23, 0.22, Math.toRadians(40), 0.3, 2);
        LatticeCalibration.Result r = LatticeCalibration.graphenePixelSize(image);
        assertFalse(r.squarePixels(), r.toString());
        assertEquals(0.22, r.pixelSizeXAngstrom(), 0.005 * 0.22, r.toString());
        assertEquals(0.23, r.pixelSizeYAngstrom(), 0.005 * 0.23, r.toString());
    }

    @Test
    void refusesAnImageWithoutALattice() {
        RealImage noise = renderGraphene(128, 128, 0.1, 0.1, 0, 1, 3);
        RealImage flat = new RealImage(noise.grid(), new float[128 * 128]);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < flat.data().length; i++) {
            flat.data()[i] = (float) gaussian(random);
        }
        assertThrows(AtomfinderException.class, () -> LatticeCalibration.graphenePixelSize(flat));
    }

    private static LatticeCalibration.Result measure(String relative) {
        LoadedImage loaded = ImageFiles.read(Shared.require(relative)).get(0);
        LatticeCalibration.Result r = LatticeCalibration.graphenePixelSize(loaded.image());
        System.out.printf("%s: %.5f ± %.5f Å/px (x %.5f, y %.5f), rotation %.2f°, second order %s%n", relative,
                r.pixelSizeAngstrom(), r.uncertaintyAngstrom(), r.pixelSizeXAngstrom(), r.pixelSizeYAngstrom(),
                Math.toDegrees(r.rotationRad()), r.secondOrderPixelSizeAngstrom());
        return r;
    }

    @Test
    void grapheneDefectImageHasAbout0108AngstromPerPixel() {
        // data/SOURCES.md: "the lattice gives about 0.108 Å per pixel".
        assertEquals(0.108, measure("data/graphene-hrtem/graphene_defect_raw.tif").pixelSizeAngstrom(), 0.03 * 0.108);
    }

    @Test
    void grapheneFlowerImageHasAbout022AngstromPerPixel() {
        // data/SOURCES.md: "about 0.22 Å per pixel (from the lattice)".
        assertEquals(0.22, measure("data/graphene-hrtem/graphene_flower_raw.tif").pixelSizeAngstrom(), 0.03 * 0.22);
    }

    @Test
    void grapheneFilteredImageAgreesWithItsStoredCalibration() {
        String relative = "data/graphene-hrtem/graphene_filtered.dm3";
        LoadedImage loaded = ImageFiles.read(Shared.require(relative)).get(0);
        assertTrue(loaded.calibrated());
        assertEquals(0.1382, loaded.image().grid().dxAngstrom(), 1e-4);
        assertEquals(0.1382, measure(relative).pixelSizeAngstrom(), 0.03 * 0.1382);
    }

    @Test
    void fourierFilteredFlowerImageGivesTheSamePixelSizeAsTheRawOne() {
        // The filter's pass band leaves near-zero power outside it, where residues have huge ratios to the median:
        // the lattice must still be found by its power (it was not before candidates were also ranked by power).
        double raw = measure("data/graphene-hrtem/graphene_flower_raw.tif").pixelSizeAngstrom();
        double filtered = measure("data/graphene-hrtem/graphene_flower_filtered.tif").pixelSizeAngstrom();
        assertEquals(raw, filtered, 0.005 * raw);
    }
}
