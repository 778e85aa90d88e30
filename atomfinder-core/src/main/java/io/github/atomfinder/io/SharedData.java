package io.github.atomfinder.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Locates the project's shared folder (real microscope files and reference simulations) that sits beside a
 * clone: the environment variable {@code ATOMFINDER_SHARED} if set, else the first {@code shared/} folder
 * holding {@code reference/method.md} found next to the working directory or one of its ancestors.
 */
public final class SharedData {

    private SharedData() {
    }

    public static Optional<Path> root() {
        String env = System.getenv("ATOMFINDER_SHARED");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isRegularFile(candidate.resolve("reference/method.md"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A file below the shared folder, if the folder and the file exist. */
    public static Optional<Path> file(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }
}
