package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.nn.TrainedModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds a model bundle from what the user typed after {@code --model}: a folder holding {@code model.json}, or
 * a NAME looked up as {@code models/NAME} under the atomfinder home (system property {@value #HOME_PROPERTY},
 * set by bin/atomfinder), under the repository that holds the running jar or classes, and under the current
 * directory, in that order. A NAME that is no bundle's name may be the start of exactly one bundle's name up to a
 * dash: {@code graphene} finds {@code models/graphene-80kv}.
 */
final class ModelLocator {

    static final String HOME_PROPERTY = "atomfinder.home";

    private ModelLocator() {
    }

    static Path resolve(String nameOrDirectory) {
        Path direct = Path.of(nameOrDirectory);
        if (Files.isRegularFile(direct.resolve(TrainedModel.CARD_FILE))) {
            return direct;
        }
        List<Path> roots = modelRoots();
        if (!nameOrDirectory.contains("/") && !nameOrDirectory.contains("\\")) {
            for (Path root : roots) {
                Path candidate = root.resolve(nameOrDirectory);
                if (Files.isRegularFile(candidate.resolve(TrainedModel.CARD_FILE))) {
                    return candidate;
                }
            }
            for (Path root : roots) {
                List<String> family = bundlesIn(root).stream().filter(b -> b.startsWith(nameOrDirectory + "-")).toList();
                if (family.size() == 1) {
                    return root.resolve(family.get(0));
                }
                if (family.size() > 1) {
                    throw new AtomfinderException("--model: '" + nameOrDirectory + "' could be any of " + family + " in " + root
                            + "; give the full name");
                }
            }
        }
        Set<String> available = new TreeSet<>();
        for (Path root : roots) {
            available.addAll(bundlesIn(root));
        }
        String problem = Files.isDirectory(direct) ? "folder " + direct + " holds no " + TrainedModel.CARD_FILE
                : "no model folder or model name '" + nameOrDirectory + "'";
        throw new AtomfinderException("--model: " + problem + "; looked in " + roots + "; available model names: "
                + (available.isEmpty() ? "none (train one with 'atomfinder train ... --out models/NAME')" : String.join(", ", available)));
    }

    /** The {@code models} folders searched for names, existing or not, without repeats. */
    static List<Path> modelRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home).toAbsolutePath().normalize().resolve("models"));
        }
        codeRepository().ifPresent(r -> roots.add(r.resolve("models")));
        roots.add(Path.of("").toAbsolutePath().resolve("models"));
        return new ArrayList<>(roots);
    }

    /** The repository root above atomfinder-cli/target/(classes|the jar), when running from a build tree. */
    private static java.util.Optional<Path> codeRepository() {
        try {
            var source = ModelLocator.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return java.util.Optional.empty();
            }
            Path code = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            Path target = code.getParent();
            if (target != null && target.getFileName() != null && target.getFileName().toString().equals("target")
                    && target.getParent() != null && target.getParent().getParent() != null) {
                return java.util.Optional.of(target.getParent().getParent());
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // An unusual class loader: the other roots still apply.
        }
        return java.util.Optional.empty();
    }

    private static List<String> bundlesIn(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(TrainedModel.CARD_FILE)))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
