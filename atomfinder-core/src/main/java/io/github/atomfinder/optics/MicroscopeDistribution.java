package io.github.atomfinder.optics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A random microscope: one {@link ParameterDistribution} per named parameter, drawn into a {@link Microscope} by
 * {@link #sample}. Parameters are drawn in one fixed order whatever the order in the file, so the same seed gives
 * the same microscope. Unnamed parameters take the values of {@link Microscope#ideal}; the energy is required.
 *
 * <p>JSON form (see the presets under {@code resources/io/github/atomfinder/optics/presets/}): an object with an
 * optional {@code "name"} and {@code "description"} and parameter entries whose value is a number (fixed),
 * {@code {"fixed": v}}, {@code {"uniform": [low, high]}}, {@code {"log_uniform": [low, high]}} or a weighted
 * {@code {"mixture": [{"weight": 0.8, "uniform": [-100, 100]}, {"weight": 0.2, "uniform": [-200, 200]}]}}. Parameter names
 * carry their unit: {@code energy_eV, pixel_size_A, defocus_A} (= −C10), {@code C10_A, C12_A, phi12_rad, ...,
 * C56_A, phi56_rad} (all Krivanek terms), aliases {@code Cs_A} (C30), {@code C5_A} (C50), {@code astigmatism_A}
 * (C12), {@code astigmatism_angle_rad} (φ12), then {@code focal_spread_A, convergence_mrad, aperture_mrad,
 * aperture_edge_mrad, blur_A, dose_e_per_A2} (absent = noiseless) and {@code mtf_c0..mtf_c3} (absent = perfect
 * detector; c0 defaults to 1, the paper's eq. 5).
 */
public record MicroscopeDistribution(String name, String description, Map<String, ParameterDistribution> parameters) {

    /** The bundled presets' names, comma-separated: a constant, so command help texts can quote it. */
    public static final String PRESET_NAMES =
            "graphene-80kv, graphene-80kv-start, graphene-80kv-wide, graphene-80kv-paper-test, gold-300kv";

    /** Names of the bundled presets (resources {@code presets/NAME.json}). */
    public static final List<String> PRESETS = List.of(PRESET_NAMES.split(", "));

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<Parameter> ORDER = parameterOrder();

    public MicroscopeDistribution {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Map<Parameter, String> seen = new LinkedHashMap<>();
        for (String key : parameters.keySet()) {
            Parameter p = ORDER.stream().filter(q -> q.names.contains(key)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown microscope parameter \"" + key + "\" (known: " + knownNames() + ")"));
            String previous = seen.put(p, key);
            if (previous != null) {
                throw new IllegalArgumentException("microscope parameters \"" + previous + "\" and \"" + key + "\" name the same thing");
            }
        }
        if (!parameters.containsKey("energy_eV")) {
            throw new IllegalArgumentException("microscope distribution needs \"energy_eV\"");
        }
    }

    /** Draws one microscope; fixed parameters consume no randomness. */
    public Microscope sample(RandomGenerator random) {
        Draft draft = new Draft();
        for (Parameter p : ORDER) {
            for (String n : p.names) {
                ParameterDistribution d = parameters.get(n);
                if (d != null) {
                    p.setter.set(draft, n, d.sample(random));
                }
            }
        }
        return draft.build();
    }

    /**
     * The distribution that always draws {@code microscope}: every parameter fixed. Saved with {@link #write}, it
     * records the exact setting of an image and reproduces it when read back.
     */
    public static MicroscopeDistribution fixed(String name, Microscope microscope) {
        Map<String, ParameterDistribution> p = new LinkedHashMap<>();
        p.put("energy_eV", new ParameterDistribution.Fixed(microscope.energyEv()));
        if (microscope.pixelSizeAngstrom() > 0) {
            p.put("pixel_size_A", new ParameterDistribution.Fixed(microscope.pixelSizeAngstrom()));
        }
        for (Aberrations.Term term : Aberrations.Term.values()) {
            double c = microscope.aberrations().magnitudeAngstrom(term);
            if (c != 0) {
                p.put(term + "_A", new ParameterDistribution.Fixed(c));
                if (term.m != 0) {
                    p.put(term.angleName() + "_rad", new ParameterDistribution.Fixed(microscope.aberrations().angleRad(term)));
                }
            }
        }
        p.put("focal_spread_A", new ParameterDistribution.Fixed(microscope.focalSpreadAngstrom()));
        p.put("convergence_mrad", new ParameterDistribution.Fixed(microscope.convergenceSemiAngleRad() * 1e3));
        if (Double.isFinite(microscope.apertureSemiAngleRad())) {
            p.put("aperture_mrad", new ParameterDistribution.Fixed(microscope.apertureSemiAngleRad() * 1e3));
            p.put("aperture_edge_mrad", new ParameterDistribution.Fixed(microscope.apertureEdgeRad() * 1e3));
        }
        p.put("blur_A", new ParameterDistribution.Fixed(microscope.blurSigmaAngstrom()));
        if (!microscope.isNoiseless()) {
            p.put("dose_e_per_A2", new ParameterDistribution.Fixed(microscope.doseElectronsPerA2()));
        }
        if (!microscope.mtf().isIdentity()) {
            Mtf mtf = microscope.mtf();
            double[] c = {mtf.c0(), mtf.c1(), mtf.c2(), mtf.c3()};
            for (int i = 0; i < 4; i++) {
                p.put("mtf_c" + i, new ParameterDistribution.Fixed(c[i]));
            }
        }
        return new MicroscopeDistribution(name, "one fixed microscope", p);
    }

    /** A bundled preset by name ({@link #PRESETS}). */
    public static MicroscopeDistribution preset(String presetName) {
        String resource = "presets/" + presetName + ".json";
        try (InputStream in = MicroscopeDistribution.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AtomfinderException("unknown microscope preset \"" + presetName + "\" (known: " + PRESETS + ")");
            }
            return parse(JSON.readTree(in), "preset " + presetName);
        } catch (IOException e) {
            throw new AtomfinderException("preset " + presetName + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** A preset name, or else a JSON file. */
    public static MicroscopeDistribution presetOrFile(String presetOrPath) {
        if (PRESETS.contains(presetOrPath)) {
            return preset(presetOrPath);
        }
        Path file = Path.of(presetOrPath);
        if (!Files.isRegularFile(file)) {
            throw new AtomfinderException(presetOrPath + ": neither a preset " + PRESETS + " nor a JSON file");
        }
        return read(file);
    }

    public static MicroscopeDistribution read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new AtomfinderException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    public static MicroscopeDistribution fromJson(String json) {
        try {
            return parse(JSON.readTree(json), "microscope JSON");
        } catch (JsonProcessingException e) {
            throw new AtomfinderException("microscope JSON: not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        if (name != null) {
            root.put("name", name);
        }
        if (description != null) {
            root.put("description", description);
        }
        parameters.forEach((key, d) -> {
            if (d instanceof ParameterDistribution.Fixed f) {
                root.put(key, f.value());
            } else {
                putDistribution(root.putObject(key), d);
            }
        });
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise microscope distribution", e);
        }
    }

    private static void putDistribution(ObjectNode node, ParameterDistribution d) {
        if (d instanceof ParameterDistribution.Fixed f) {
            node.put("fixed", f.value());
        } else if (d instanceof ParameterDistribution.Uniform u) {
            node.putArray("uniform").add(u.low()).add(u.high());
        } else if (d instanceof ParameterDistribution.LogUniform l) {
            node.putArray("log_uniform").add(l.low()).add(l.high());
        } else if (d instanceof ParameterDistribution.Mixture m) {
            var components = node.putArray("mixture");
            for (ParameterDistribution.Mixture.Component c : m.components()) {
                putDistribution(components.addObject().put("weight", c.weight()), c.distribution());
            }
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    private static MicroscopeDistribution parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new AtomfinderException(source + ": expected a JSON object of microscope parameters");
        }
        String name = root.hasNonNull("name") ? root.get("name").asText() : null;
        String description = root.hasNonNull("description") ? root.get("description").asText() : null;
        Map<String, ParameterDistribution> parameters = new LinkedHashMap<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            if (key.equals("name") || key.equals("description")) {
                continue;
            }
            try {
                parameters.put(key, parseDistribution(field.getValue()));
            } catch (IllegalArgumentException e) {
                throw new AtomfinderException(source + ": parameter \"" + key + "\": " + e.getMessage(), e);
            }
        }
        try {
            return new MicroscopeDistribution(name, description, parameters);
        } catch (IllegalArgumentException e) {
            throw new AtomfinderException(source + ": " + e.getMessage(), e);
        }
    }

    private static ParameterDistribution parseDistribution(JsonNode node) {
        if (node.isNumber()) {
            return new ParameterDistribution.Fixed(node.doubleValue());
        }
        if (node.isObject() && node.size() == 1) {
            var entry = node.fields().next();
            JsonNode v = entry.getValue();
            switch (entry.getKey()) {
                case "fixed":
                    if (v.isNumber()) {
                        return new ParameterDistribution.Fixed(v.doubleValue());
                    }
                    break;
                case "uniform":
                    return new ParameterDistribution.Uniform(bound(v, 0), bound(v, 1));
                case "log_uniform":
                    return new ParameterDistribution.LogUniform(bound(v, 0), bound(v, 1));
                case "mixture":
                    return parseMixture(v);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("expected a number, {\"fixed\": v}, {\"uniform\": [low, high]}, "
                + "{\"log_uniform\": [low, high]} or {\"mixture\": [{\"weight\": w, \"uniform\": [low, high]}, ...]}, got " + node);
    }

    private static ParameterDistribution parseMixture(JsonNode list) {
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("mixture must be a non-empty list of {\"weight\": w, DISTRIBUTION}, got " + list);
        }
        List<ParameterDistribution.Mixture.Component> components = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("weight").isNumber()) {
                throw new IllegalArgumentException("each mixture component needs a numeric \"weight\", got " + item);
            }
            ObjectNode distribution = ((ObjectNode) item).deepCopy();
            distribution.remove("weight");
            components.add(new ParameterDistribution.Mixture.Component(item.get("weight").doubleValue(),
                    parseDistribution(distribution)));
        }
        return new ParameterDistribution.Mixture(components);
    }

    private static double bound(JsonNode range, int i) {
        if (!range.isArray() || range.size() != 2 || !range.get(i).isNumber()) {
            throw new IllegalArgumentException("range must be [low, high], got " + range);
        }
        return range.get(i).doubleValue();
    }

    private static String knownNames() {
        List<String> names = new ArrayList<>();
        ORDER.forEach(p -> names.addAll(p.names));
        return String.join(", ", names);
    }

    /** A mutable collector of drawn values, turned into a validated {@link Microscope}. */
    private static final class Draft {
        double energyEv;
        double pixelSizeAngstrom;
        Aberrations aberrations = Aberrations.NONE;
        double focalSpreadAngstrom;
        double convergenceRad;
        double apertureRad = Double.POSITIVE_INFINITY;
        double apertureEdgeRad;
        double blurAngstrom;
        double dose = Double.POSITIVE_INFINITY;
        final double[] mtf = {1, Double.NaN, Double.NaN, Double.NaN};

        Microscope build() {
            Mtf detector = Mtf.NONE;
            if (!Double.isNaN(mtf[1]) || !Double.isNaN(mtf[2]) || !Double.isNaN(mtf[3])) {
                if (Double.isNaN(mtf[1]) || Double.isNaN(mtf[2]) || Double.isNaN(mtf[3])) {
                    throw new AtomfinderException("MTF needs all of mtf_c1, mtf_c2 and mtf_c3");
                }
                detector = new Mtf(mtf[0], mtf[1], mtf[2], mtf[3]);
            }
            try {
                return new Microscope(energyEv, aberrations, focalSpreadAngstrom, convergenceRad, apertureRad,
                        apertureEdgeRad, blurAngstrom, dose, detector, pixelSizeAngstrom);
            } catch (IllegalArgumentException e) {
                throw new AtomfinderException("drawn microscope is invalid: " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(Draft draft, String usedName, double value);
    }

    private record Parameter(List<String> names, Setter setter) {
    }

    private static List<Parameter> parameterOrder() {
        List<Parameter> order = new ArrayList<>();
        order.add(new Parameter(List.of("energy_eV"), (d, n, v) -> d.energyEv = v));
        order.add(new Parameter(List.of("pixel_size_A"), (d, n, v) -> d.pixelSizeAngstrom = v));
        for (Aberrations.Term term : Aberrations.Term.values()) {
            List<String> magnitudeNames = new ArrayList<>(List.of(term + "_A"));
            List<String> angleNames = new ArrayList<>();
            if (term.m != 0) {
                angleNames.add(term.angleName() + "_rad");
            }
            switch (term) {
                case C10 -> magnitudeNames.add("defocus_A");
                case C12 -> {
                    magnitudeNames.add("astigmatism_A");
                    angleNames.add("astigmatism_angle_rad");
                }
                case C30 -> magnitudeNames.add("Cs_A");
                case C50 -> magnitudeNames.add("C5_A");
                default -> {
                }
            }
            order.add(new Parameter(List.copyOf(magnitudeNames), (d, n, v) ->
                    d.aberrations = d.aberrations.with(term, n.equals("defocus_A") ? -v : v)));
            if (!angleNames.isEmpty()) {
                order.add(new Parameter(List.copyOf(angleNames), (d, n, v) ->
                        d.aberrations = d.aberrations.with(term, d.aberrations.magnitudeAngstrom(term), v)));
            }
        }
        order.add(new Parameter(List.of("focal_spread_A"), (d, n, v) -> d.focalSpreadAngstrom = v));
        order.add(new Parameter(List.of("convergence_mrad"), (d, n, v) -> d.convergenceRad = v * 1e-3));
        order.add(new Parameter(List.of("aperture_mrad"), (d, n, v) -> d.apertureRad = v * 1e-3));
        order.add(new Parameter(List.of("aperture_edge_mrad"), (d, n, v) -> d.apertureEdgeRad = v * 1e-3));
        order.add(new Parameter(List.of("blur_A"), (d, n, v) -> d.blurAngstrom = v));
        order.add(new Parameter(List.of("dose_e_per_A2"), (d, n, v) -> d.dose = v));
        for (int c = 0; c < 4; c++) {
            int index = c;
            order.add(new Parameter(List.of("mtf_c" + c), (d, n, v) -> d.mtf[index] = v));
        }
        return List.copyOf(order);
    }
}
