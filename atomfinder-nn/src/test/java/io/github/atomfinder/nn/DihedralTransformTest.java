package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DihedralTransformTest {

    /** {@code [[0, 1, 2], [3, 4, 5]]}: 2 rows, 3 columns, no symmetry. */
    private static final float[] TWO_BY_THREE = {0, 1, 2, 3, 4, 5};

    private static float[] ramp(int n) {
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return d;
    }

    @Test
    void quarterTurnsMatchNumpyRot90OnARowMajorArray() {
        // numpy.rot90([[0, 1, 2], [3, 4, 5]]) = [[2, 5], [1, 4], [0, 3]]; k=2 gives [[5, 4, 3], [2, 1, 0]];
        // k=3 gives [[3, 0], [4, 1], [5, 2]] (numpy 1.26, by hand from rot90(m)[i][j] = m[j][n-1-i]).
        assertArrayEquals(new float[] {2, 5, 1, 4, 0, 3}, DihedralTransform.ROTATE_90.apply(TWO_BY_THREE, 2, 3));
        assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0}, DihedralTransform.ROTATE_180.apply(TWO_BY_THREE, 2, 3));
        assertArrayEquals(new float[] {3, 0, 4, 1, 5, 2}, DihedralTransform.ROTATE_270.apply(TWO_BY_THREE, 2, 3));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, DihedralTransform.TRANSPOSE.apply(TWO_BY_THREE, 2, 3));
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, DihedralTransform.FLIP_X.apply(TWO_BY_THREE, 2, 3));
        assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2}, DihedralTransform.FLIP_Y.apply(TWO_BY_THREE, 2, 3));
    }

    @Test
    void everyTransformFollowedByItsInverseIsTheIdentityOnANonSquareArray() {
        int ny = 5;
        int nx = 7;
        float[] data = ramp(ny * nx);
        for (DihedralTransform t : DihedralTransform.values()) {
            float[] moved = t.apply(data, ny, nx);
            int my = t.swapsAxes() ? nx : ny;
            int mx = t.swapsAxes() ? ny : nx;
            assertArrayEquals(data, t.inverse().apply(moved, my, mx), 0f, t.name());
        }
    }

    @Test
    void theEightTransformsOfAnAsymmetricSquareAreDistinct() {
        Set<List<Float>> images = new HashSet<>();
        for (DihedralTransform t : DihedralTransform.values()) {
            float[] moved = t.apply(ramp(9), 3, 3);
            List<Float> boxed = new ArrayList<>();
            for (float v : moved) {
                boxed.add(v);
            }
            images.add(boxed);
        }
        assertEquals(8, images.size());
    }

    @Test
    void fourQuarterTurnsAreTheIdentityAndTwoAreAHalfTurn() {
        int ny = 4;
        int nx = 6;
        float[] data = ramp(ny * nx);
        float[] once = DihedralTransform.ROTATE_90.apply(data, ny, nx);
        float[] twice = DihedralTransform.ROTATE_90.apply(once, nx, ny);
        assertArrayEquals(DihedralTransform.ROTATE_180.apply(data, ny, nx), twice);
        float[] thrice = DihedralTransform.ROTATE_90.apply(twice, ny, nx);
        assertArrayEquals(DihedralTransform.ROTATE_270.apply(data, ny, nx), thrice);
        assertArrayEquals(data, DihedralTransform.ROTATE_90.apply(thrice, nx, ny));
    }

    @Test
    void theGroupAverageOfAnEquivariantMapIsTheMapItself() {
        // A pointwise map (here x ↦ x² − 1) commutes with every pixel permutation, so averaging
        // inverse(f(t(d))) over the group must give f(d) exactly: what Segmenter's average does with a network.
        int ny = 6;
        int nx = 4;
        float[] data = ramp(ny * nx);
        float[] direct = square(data);
        float[] sum = new float[data.length];
        for (DihedralTransform t : DihedralTransform.values()) {
            float[] out = square(t.apply(data, ny, nx));
            float[] back = t.inverse().apply(out, t.swapsAxes() ? nx : ny, t.swapsAxes() ? ny : nx);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += back[i];
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= 8;
        }
        assertArrayEquals(direct, sum, 0f);
    }

    private static float[] square(float[] d) {
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * d[i] - 1;
        }
        return out;
    }
}
