package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** structure → simulate → image through the command line, as a user chains them. */
class SimulationPipelineTest {

    @TempDir
    Path dir;

    @Test
    void imageCommandReadsTheSamplingThatSimulateWrites() {
        Path xyz = dir.resolve("g.xyz");
        Path wave = dir.resolve("wave.npy");
        Path image = dir.resolve("image.tif");
        assertEquals(0, Main.run("structure", "ideal-graphene", "--cells", "3,4", "--out", xyz.toString()));
        assertEquals(0, Main.run("simulate", xyz.toString(), "--energy", "80e3", "--sampling", "0.05",
                "--out", wave.toString()));
        assertEquals(0, Main.run("image", wave.toString(), "--defocus", "-112", "--cs", "-2e5", "--focal-spread", "30",
                "--dose", "1e4", "--pixel-size", "0.12", "--seed", "1", "--out", image.toString()));
        LoadedImage loaded = ImageFiles.read(image).get(0);
        assertTrue(loaded.calibrated());
        assertEquals(0.12, loaded.image().grid().dxAngstrom(), 0.01);
        // At dose 1e4 e/Å² and 0.12 Å pixels the vacuum level is about 144 electrons per pixel.
        assertEquals(1e4 * loaded.image().grid().dxAngstrom() * loaded.image().grid().dyAngstrom(), loaded.image().mean(),
                0.05 * 144);
    }
}
