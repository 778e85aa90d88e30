package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gradients training follows are those of the loss. Fails on a machine or build where they are not (on an
 * AVX-512 AMD EPYC without DNNL_MAX_CPU_ISA=SSE41, which the build sets for every test: it failed there with
 * wrong signs), so the check training runs first is itself checked.
 */
class BackwardPassTest {

    @Test
    void decoderGradientsAgreeWithCentralDifferences() {
        assertEquals(List.of(), BackwardCheck.mismatches(new FusionNetArchitecture(1, 2, 4, 2)));
    }
}
