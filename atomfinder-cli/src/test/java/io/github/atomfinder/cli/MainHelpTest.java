package io.github.atomfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        var commands = new ArrayList<String[]>();
        CommandLine root = new CommandLine(new Main());
        collect(root, new ArrayList<>(), commands);
        for (String[] command : commands) {
            String[] args = Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            String[] result = CliRun.run(args);
            String shown = String.join(" ", command);
            assertEquals("0", result[0], shown + " --help exits 0: " + result[2]);
            assertTrue(result[1].contains("Usage:"), shown + " --help prints its usage");
            assertTrue(!result[1].contains("%n") && !result[2].contains("WARN"),
                    shown + " --help renders every description (a lone % breaks picocli's format):\n" + result[2]);
        }
    }

    private static void collect(CommandLine command, List<String> path, List<String[]> into) {
        for (var sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            var next = new ArrayList<>(path);
            next.add(sub.getKey());
            into.add(next.toArray(String[]::new));
            collect(sub.getValue(), next, into);
        }
    }
}
