package io.github.atomfinder.cli;

import io.github.atomfinder.io.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Test helpers for the command line: run it capturing its output, and find shared data or skip. */
final class CliRun {

    private CliRun() {
    }

    /** The file under ../shared, or the calling test is skipped saying why. */
    static Path shared(String relative) {
        var file = SharedData.file(relative);
        Assumptions.assumeTrue(file.isPresent(), "skipped: ../shared/" + relative + " is not present");
        return file.get();
    }

    /** Runs the CLI and returns exit code, stdout and stderr. */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }
}
