package io.github.atomfinder.testing;

import io.github.atomfinder.io.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test access to ../shared: skips the calling test, saying why, when the folder or file is absent. */
public final class Shared {

    private Shared() {
    }

    public static Path require(String relative) {
        var file = SharedData.file(relative);
        Assumptions.assumeTrue(file.isPresent(),
                "skipped: ../shared/" + relative + " is not present (the shared data folder sits beside the clone; "
                        + "set ATOMFINDER_SHARED to point elsewhere)");
        return file.get();
    }
}
