package io.github.atomfinder.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The on-disk form of a dataset: one folder per example, {@code example-00042/} holding
 * {@code wave.npy} (complex64 [y][x]), {@code sites.csv} ({@code x_A,y_A,class}) and {@code example.json}
 * (grid, energy, periodicity, parameters). A folder appears only complete: it is filled under a temporary
 * name and renamed, so an interrupted build never leaves a half-written example.
 */
public final class ExampleStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExampleStore() {
    }

    public static Path folder(Path dataset, int index) {
        return dataset.resolve(String.format("example-%05d", index));
    }

    public static boolean exists(Path dataset, int index) {
        return Files.isRegularFile(folder(dataset, index).resolve("example.json"));
    }

    public static void write(Path dataset, int index, Example example) throws IOException {
        AtomicFiles.writeDirectory(folder(dataset, index), dir -> {
            Npy.write(dir.resolve("wave.npy"), example.wave());
            StringBuilder csv = new StringBuilder("x_A,y_A,class\n");
            Sites sites = example.sites();
            for (int i = 0; i < sites.size(); i++) {
                csv.append(sites.x(i)).append(',').append(sites.y(i)).append(',').append(sites.classOf(i)).append('\n');
            }
            Files.writeString(dir.resolve("sites.csv"), csv);
            Grid grid = example.wave().grid();
            ObjectNode json = JSON.createObjectNode();
            ArrayNode shape = json.putArray("shape");
            shape.add(grid.ny()).add(grid.nx());
            ArrayNode sampling = json.putArray("sampling_A");
            sampling.add(grid.dyAngstrom()).add(grid.dxAngstrom());
            json.put("energy_eV", example.energyEv());
            json.put("periodic", example.periodic());
            ObjectNode parameters = json.putObject("parameters");
            example.parameters().forEach(parameters::put);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("example.json").toFile(), json);
        });
    }

    public static Example read(Path dataset, int index) {
        Path dir = folder(dataset, index);
        Path jsonFile = dir.resolve("example.json");
        try {
            var json = JSON.readTree(jsonFile.toFile());
            Grid grid = new Grid(json.get("shape").get(0).asInt(), json.get("shape").get(1).asInt(),
                    json.get("sampling_A").get(0).asDouble(), json.get("sampling_A").get(1).asDouble());
            NpyArray wave = Npy.read(dir.resolve("wave.npy"));
            Sites sites = readSites(dir.resolve("sites.csv"));
            Map<String, String> parameters = new LinkedHashMap<>();
            json.get("parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
            return new Example(wave.toComplexField(grid), sites, json.get("periodic").asBoolean(),
                    json.get("energy_eV").asDouble(), parameters);
        } catch (IOException | RuntimeException e) {
            if (e instanceof AtomfinderException user) {
                throw user;
            }
            throw new AtomfinderException(dir + ": unreadable example (" + e.getMessage() + ")", e);
        }
    }

    /** Indices of the complete examples in a dataset folder, ascending. */
    public static int[] indices(Path dataset) throws IOException {
        if (!Files.isDirectory(dataset)) {
            throw new AtomfinderException(dataset + ": not a dataset folder");
        }
        try (Stream<Path> entries = Files.list(dataset)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("example-\\d{5}"))
                    .mapToInt(n -> Integer.parseInt(n.substring(8)))
                    .filter(i -> exists(dataset, i))
                    .sorted().toArray();
        }
    }

    private static Sites readSites(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int n = lines.size() - 1;
        double[] x = new double[n];
        double[] y = new double[n];
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i + 1).split(",");
            if (parts.length != 3) {
                throw new AtomfinderException(csv + ": line " + (i + 2) + " does not have 3 fields");
            }
            x[i] = Double.parseDouble(parts[0]);
            y[i] = Double.parseDouble(parts[1]);
            c[i] = Integer.parseInt(parts[2].trim());
        }
        return new Sites(x, y, c);
    }
}
