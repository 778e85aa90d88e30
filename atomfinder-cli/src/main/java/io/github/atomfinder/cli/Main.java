package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code atomfinder} command: one subcommand per capability. */
@Command(name = "atomfinder", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Find atoms and local structures in atomic-resolution TEM images with a neural network "
                + "trained on simulated images.%n"
                + "Lengths are in Å. Defocus follows abTEM: defocus = -C10, positive defocus = underfocus.",
        subcommands = {
            CommandLine.HelpCommand.class,
            StructureCommand.class,
            InfoCommand.class,
            ConvertCommand.class,
            ImageCommand.class,
            SimulateCommand.class,
            DatasetCommand.class,
            CalibrateCommand.class,
            TrainCommand.class,
            AnalyzeCommand.class,
            EvaluateCommand.class,
        })
public final class Main implements Runnable {

    /** Exit code for a problem in the user's input or parameters. */
    public static final int EXIT_USER_ERROR = 2;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
                Main::oneLinePerCommand);
        commandLine.setExecutionExceptionHandler(Main::handleFailure);
        commandLine.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("atomfinder: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USER_ERROR;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command list with only the first sentence line of each description; details stay in each --help. */
    private static String oneLinePerCommand(CommandLine.Help help) {
        var subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int width = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder list = new StringBuilder();
        subcommands.forEach((name, sub) -> {
            var usage = sub.commandSpec().usageMessage();
            String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
            String first = java.util.Arrays.stream(lines).flatMap(line -> java.util.Arrays.stream(line.split("%n")))
                    .map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
            list.append(String.format("  %-" + width + "s  %s%n", name, first));
        });
        return list.toString();
    }

    private static int handleFailure(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable cause = ex;
        while (cause != null && !(cause instanceof AtomfinderException)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            err.println("atomfinder: error: " + cause.getMessage());
            err.flush();
            return EXIT_USER_ERROR;
        }
        if (ex instanceof java.nio.file.NoSuchFileException missing) {
            err.println("atomfinder: error: no such file: " + missing.getFile());
            err.flush();
            return EXIT_USER_ERROR;
        }
        err.println("atomfinder: internal error: " + ex);
        ex.printStackTrace(err);
        err.flush();
        return EXIT_INTERNAL_ERROR;
    }

    /** Version from the jar manifest, or the development version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"atomfinder " + (v == null ? "development" : v)};
        }
    }
}
