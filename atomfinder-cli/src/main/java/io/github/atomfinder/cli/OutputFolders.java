package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Checks on the {@code --out} folder of commands that write a whole folder of results at once. */
final class OutputFolders {

    private OutputFolders() {
    }

    /** Refuses an {@code --out} that exists and is not an empty folder, before any work is done. */
    static void requireNewOrEmpty(Path out) throws IOException {
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new AtomfinderException("--out " + out + " already exists and is not empty; choose a new folder");
                }
            }
        } else if (Files.exists(out)) {
            throw new AtomfinderException("--out " + out + " exists and is not a folder");
        }
    }
}
