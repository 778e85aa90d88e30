package io.github.atomfinder.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes that never leave partial output: write beside the target, then move into place. */
public final class AtomicFiles {

    /** Writes a stream of bytes. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    /** Fills a directory. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path directory) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} through a temporary sibling file that is moved into place only on success. */
    public static void write(Path target, StreamWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, "." + absolute.getFileName(), ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.write(out);
            }
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Creates directory {@code target} by filling a temporary sibling and renaming it; fails if {@code target}
     * exists and is not empty, so earlier results are never mixed with new ones.
     */
    public static void writeDirectory(Path target, DirectoryWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            try (Stream<Path> entries = Files.list(absolute)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(absolute + " already exists and is not empty");
                }
            }
            Files.delete(absolute);
        } else if (Files.exists(absolute)) {
            throw new IOException(absolute + " exists and is not a directory");
        }
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".part");
        boolean done = false;
        try {
            writer.write(temp);
            move(temp, absolute);
            done = true;
        } finally {
            if (!done) {
                deleteRecursively(temp);
            }
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
