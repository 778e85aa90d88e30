package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainHelpTest {

    @Test
    void helpListsEveryCommandOnOneDescribedLine() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("--help"));
        } finally {
            System.setOut(original);
        }
        String help = captured.toString(StandardCharsets.UTF_8);
        String list = help.substring(help.indexOf("Commands:"));
        for (String name : new CommandLine(new Main()).getSubcommands().keySet()) {
            long lines = list.lines().filter(l -> l.startsWith("  " + name + " ")).count();
            assertEquals(1, lines, name + " is listed once:\n" + list);
            String line = list.lines().filter(l -> l.startsWith("  " + name + " ")).findFirst().orElseThrow();
            assertTrue(line.substring(name.length() + 2).trim().length() > 10, "description for " + name + ": " + line);
        }
        assertEquals(new CommandLine(new Main()).getSubcommands().size() + 1, list.lines().count(),
                "one line per command, no continuation lines:\n" + list);
    }
}
