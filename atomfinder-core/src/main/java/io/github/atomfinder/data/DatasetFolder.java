package io.github.atomfinder.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.optics.MicroscopeDistribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * A dataset folder: {@code dataset.json} (preset, seed, counts, the graphene sheets' holes), training examples {@code example-NNNNN/} and
 * held-out examples under {@code validation/}, made from other seeds so validation never sees a training
 * structure. The microscope ranges images are drawn from are stored with the dataset (the preset's own, or
 * any other of the same beam energy). Building is resumable: run the same build again and only missing examples are made.
 */
public record DatasetFolder(Path root, DatasetPreset preset, MicroscopeDistribution microscopes, long seed, int count,
        int validationCount, GrapheneHoles holes) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTOR = "dataset.json";
    /** Validation examples use seeds offset by this, far from any training seed. */
    public static final long VALIDATION_SEED_OFFSET = 0x7A11DL;

    public Path validationRoot() {
        return root.resolve("validation");
    }

    /** {@link #build(Path, DatasetPreset, MicroscopeDistribution, long, int, int, GrapheneHoles, int, IntConsumer)} with the paper's holes. */
    public static DatasetFolder build(Path root, DatasetPreset preset, MicroscopeDistribution microscopes, long seed,
            int count, int validationCount, int workers, IntConsumer onProgress) throws IOException, InterruptedException {
        return build(root, preset, microscopes, seed, count, validationCount, GrapheneHoles.PAPER, workers, onProgress);
    }

    /**
     * Creates (or continues) the dataset. A folder holding a different dataset (preset, seed or holes) is refused
     * rather than mixed.
     *
     * @param holes the graphene sheets' holes; gold datasets take only {@link GrapheneHoles#PAPER}, which they ignore
     * @param onProgress called with the number of finished examples, training and validation together
     */
    public static DatasetFolder build(Path root, DatasetPreset preset, MicroscopeDistribution microscopes, long seed,
            int count, int validationCount, GrapheneHoles holes, int workers, IntConsumer onProgress)
            throws IOException, InterruptedException {
        if (preset != DatasetPreset.GRAPHENE && !holes.equals(GrapheneHoles.PAPER)) {
            throw new AtomfinderException("only graphene sheets have holes; the " + preset.presetName()
                    + " preset takes no hole settings");
        }
        if (count < 1 || validationCount < 0) {
            throw new AtomfinderException("dataset needs at least one example and a non-negative validation count");
        }
        double energy = microscopes.sample(new java.util.SplittableRandom(0)).energyEv();
        if (Math.abs(energy - preset.energyEv()) > 1e-6 * preset.energyEv()) {
            throw new AtomfinderException("microscope " + microscopes.name() + " is for " + energy + " eV but the "
                    + preset.presetName() + " dataset is simulated at " + preset.energyEv() + " eV");
        }
        DatasetFolder folder = new DatasetFolder(root, preset, microscopes, seed, count, validationCount, holes);
        if (Files.isRegularFile(root.resolve(DESCRIPTOR))) {
            DatasetFolder existing = open(root);
            if (existing.preset != preset || existing.seed != seed) {
                throw new AtomfinderException(root + " holds a " + existing.preset.presetName() + " dataset with seed "
                        + existing.seed + "; choose another folder (or the same preset and seed to continue it)");
            }
            if (!existing.holes.equals(holes)) {
                throw new AtomfinderException(root + " holds sheets with " + describe(existing.holes) + ", not "
                        + describe(holes) + "; continue it with the same hole settings or choose another folder");
            }
        } else if (Files.isDirectory(root)) {
            try (var entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new AtomfinderException(root + " is not empty and is not a dataset folder");
                }
            }
        }
        Files.createDirectories(root);
        folder.writeDescriptor();
        DatasetBuilder.build(root, count, workers, i -> preset.example(seed, i, holes), onProgress);
        if (validationCount > 0) {
            DatasetBuilder.build(folder.validationRoot(), validationCount, workers,
                    i -> preset.example(seed + VALIDATION_SEED_OFFSET, i, holes), done -> onProgress.accept(count + done));
        }
        return folder;
    }

    /** The holes of the dataset in {@code root}, or the paper's when {@code root} holds no dataset yet. */
    public static GrapheneHoles holesOf(Path root) {
        return Files.isRegularFile(root.resolve(DESCRIPTOR)) ? open(root).holes() : GrapheneHoles.PAPER;
    }

    public static DatasetFolder open(Path root) {
        Path descriptor = root.resolve(DESCRIPTOR);
        if (!Files.isRegularFile(descriptor)) {
            throw new AtomfinderException(root + ": not a dataset folder (no " + DESCRIPTOR
                    + "; make one with 'atomfinder dataset build')");
        }
        try {
            JsonNode json = JSON.readTree(descriptor.toFile());
            // Datasets made before holes were a setting have the paper's.
            JsonNode holes = json.get("holes");
            return new DatasetFolder(root, DatasetPreset.named(json.get("preset").asText()),
                    MicroscopeDistribution.fromJson(json.get("microscope").toString()), json.get("seed").asLong(),
                    json.get("count").asInt(), json.get("validation_count").asInt(), holes == null ? GrapheneHoles.PAPER
                            : new GrapheneHoles(holes.get("max").asInt(), holes.get("radius_A").get(0).asDouble(),
                                    holes.get("radius_A").get(1).asDouble()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof AtomfinderException user) {
                throw user;
            }
            throw new AtomfinderException(descriptor + ": unreadable dataset description (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The same examples imaged with other microscope ranges (e.g. a training curriculum): the waves do not depend
     * on the microscope, only on its beam energy, which must match.
     */
    public DatasetFolder withMicroscopes(MicroscopeDistribution other) {
        double energy = other.sample(new java.util.SplittableRandom(0)).energyEv();
        if (Math.abs(energy - preset.energyEv()) > 1e-6 * preset.energyEv()) {
            throw new AtomfinderException("microscope " + other.name() + " is for " + energy + " eV but the dataset in " + root
                    + " was simulated at " + preset.energyEv() + " eV");
        }
        return new DatasetFolder(root, preset, other, seed, count, validationCount, holes);
    }

    /** Training pairs from the training examples. */
    public PairSampler trainingPairs(PairSampler.Settings settings, long samplerSeed) throws IOException {
        return new PairSampler(root, microscopes, settings, samplerSeed);
    }

    /** Pairs from the held-out examples (same microscope ranges), for validation and evaluation. */
    public PairSampler validationPairs(PairSampler.Settings settings, long samplerSeed) throws IOException {
        if (validationCount == 0 || !Files.isDirectory(validationRoot())) {
            throw new AtomfinderException(root + ": the dataset has no validation examples (build it with --validation N)");
        }
        return new PairSampler(validationRoot(), microscopes, settings, samplerSeed);
    }

    private void writeDescriptor() throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("preset", preset.presetName());
        json.put("seed", seed);
        json.put("count", count);
        json.put("validation_count", validationCount);
        json.put("energy_eV", preset.energyEv());
        if (preset == DatasetPreset.GRAPHENE) {
            json.set("holes", JSON.valueToTree(holes.toMap()));
        }
        json.set("microscope", JSON.readTree(microscopes.toJson()));
        var classes = json.putArray("classes");
        preset.classNames().forEach(classes::add);
        AtomicFiles.writeString(root.resolve(DESCRIPTOR), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    private static String describe(GrapheneHoles holes) {
        return String.format(java.util.Locale.ROOT, "0–%d holes of %g–%g Å", holes.max(), holes.radiusMinAngstrom(),
                holes.radiusMaxAngstrom());
    }
}
