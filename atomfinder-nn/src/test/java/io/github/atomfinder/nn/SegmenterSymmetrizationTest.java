package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.nn.Segmenter.Symmetrization;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Test-time symmetrization with a tiny untrained network, which is far from equivariant by itself: averaging over
 * a group must make the maps follow the image's rotations and mirrors.
 */
class SegmenterSymmetrizationTest {

    /** Sides are multiples of 8 (no padding) and the pixel size is the card's 0.1 Å (no resampling). */
    private static final int NY = 40;
    private static final int NX = 56;

    private static TrainedModel model;

    @BeforeAll
    static void createModel() {
        model = TestModels.warmedUp(new FusionNetArchitecture(1, 2, 2, 3), 21);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private static RealImage noiseImage(int ny, int nx, long seed) {
        Random random = new Random(seed);
        float[] d = new float[ny * nx];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
        }
        return new RealImage(Grid.of(ny, nx, 0.1), d);
    }

    /** The atom map of the transformed image, transformed back onto the original image's pixels. */
    private static float[] atomMapSeenThrough(DihedralTransform t, RealImage image, Symmetrization symmetrization) {
        int my = t.swapsAxes() ? image.nx() : image.ny();
        int mx = t.swapsAxes() ? image.ny() : image.nx();
        RealImage moved = new RealImage(Grid.of(my, mx, 0.1), t.apply(image.data(), image.ny(), image.nx()));
        float[] map = new Segmenter(model, symmetrization).predict(List.of(moved)).get(1).data();
        return t.inverse().apply(map, my, mx);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void dihedralAverageOfARotatedImageIsTheRotatedAverageWhileThePlainNetIsNot() {
        RealImage image = noiseImage(NY, NX, 3);
        float[] plain = new Segmenter(model).predict(List.of(image)).get(1).data();
        float[] plainRotated = atomMapSeenThrough(DihedralTransform.ROTATE_90, image, Symmetrization.NONE);
        double plainError = maxDifference(plain, plainRotated);
        assertTrue(plainError > 1e-3, "the untrained net must not be equivariant by itself, max difference " + plainError);

        float[] averaged = new Segmenter(model, Symmetrization.DIHEDRAL_8).predict(List.of(image)).get(1).data();
        for (DihedralTransform t : List.of(DihedralTransform.ROTATE_90, DihedralTransform.FLIP_X)) {
            double error = maxDifference(averaged, atomMapSeenThrough(t, image, Symmetrization.DIHEDRAL_8));
            assertTrue(error < 1e-5, t + ": max difference " + error);
        }
    }

    @Test
    void rotationAverageFollowsQuarterTurnsButNotMirrors() {
        RealImage image = noiseImage(NY, NX, 4);
        float[] averaged = new Segmenter(model, Symmetrization.ROTATIONS_4).predict(List.of(image)).get(1).data();
        double turned = maxDifference(averaged, atomMapSeenThrough(DihedralTransform.ROTATE_90, image, Symmetrization.ROTATIONS_4));
        assertTrue(turned < 1e-5, "quarter turn: max difference " + turned);
        double mirrored = maxDifference(averaged, atomMapSeenThrough(DihedralTransform.FLIP_Y, image, Symmetrization.ROTATIONS_4));
        assertTrue(mirrored > 1e-4, "a mirror is not in the rotation group, max difference " + mirrored);
    }

    @Test
    void averagedMapsOfAnImageNeedingPaddingAndResamplingStaySummingToOneOnTheInputGrid() {
        RealImage image = new RealImage(Grid.of(37, 50, 0.13), noiseImage(37, 50, 5).data());
        List<RealImage> maps = new Segmenter(model, Symmetrization.DIHEDRAL_8).predict(List.of(image));
        assertEquals(image.grid(), maps.get(0).grid());
        for (int i = 0; i < image.grid().size(); i++) {
            assertEquals(1.0, maps.get(0).data()[i] + maps.get(1).data()[i], 1e-5);
        }
    }
}
