package io.github.atomfinder.postprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detections as atoms.csv and atoms.json, written atomically. Columns and fields: {@code x_px, y_px} in
 * pixels (first pixel centre = 0, 0; docs/conventions.md), {@code x_A, y_A} in Å, {@code class} (index into
 * the class names, background = 0), {@code confidence}, then {@code p_<class name>} for every class including
 * the background.
 */
public final class DetectionFiles {

    /**
     * What produced the detections, stored in atoms.json.
     *
     * @param image the analysed image's file name
     * @param model the network's name
     * @param thresholds the post-processing parameters by name, e.g. {@code threshold}, {@code epsilon}
     * @param symmetrization over which rotations / mirrors of the image the network's maps were averaged
     *     ({@code none}, {@code rotations-4}, {@code dihedral-8})
     */
    public record Metadata(String image, String model, Map<String, Double> thresholds, String symmetrization) {

        public Metadata {
            thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
        }

        /** Metadata of maps from one network pass per image (no symmetrization). */
        public Metadata(String image, String model, Map<String, Double> thresholds) {
            this(image, model, thresholds, "none");
        }
    }

    private DetectionFiles() {
    }

    public static String csvHeader(List<String> classNames) {
        StringBuilder header = new StringBuilder("x_px,y_px,x_A,y_A,class,confidence");
        for (String name : classNames) {
            if (!name.matches("[A-Za-z0-9_.+-]+")) {
                throw new AtomfinderException("class name '" + name + "' cannot be a CSV column name (use letters, digits, _ . + -)");
            }
            header.append(",p_").append(name);
        }
        return header.toString();
    }

    public static void writeCsv(Path file, Detections detections) throws IOException {
        StringBuilder text = new StringBuilder(csvHeader(detections.classNames())).append('\n');
        for (Detection d : detections.detections()) {
            text.append(String.format(Locale.ROOT, "%.4f,%.4f,%.5f,%.5f,%d,%.6f", d.xPx(), d.yPx(), d.xAngstrom(),
                    d.yAngstrom(), d.classIndex(), d.confidence()));
            for (double p : d.probabilities()) {
                text.append(String.format(Locale.ROOT, ",%.6f", p));
            }
            text.append('\n');
        }
        AtomicFiles.writeString(file, text.toString());
    }

    public static void writeJson(Path file, Detections detections, Metadata metadata) throws IOException {
        csvHeader(detections.classNames());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("image", metadata.image());
        root.put("model", metadata.model());
        root.put("symmetrization", metadata.symmetrization());
        root.put("pixel_size_x_A", detections.grid().dxAngstrom());
        root.put("pixel_size_y_A", detections.grid().dyAngstrom());
        root.put("nx", detections.grid().nx());
        root.put("ny", detections.grid().ny());
        root.put("thresholds", metadata.thresholds());
        root.put("classes", detections.classNames());
        List<Map<String, Object>> atoms = new ArrayList<>();
        for (Detection d : detections.detections()) {
            Map<String, Object> atom = new LinkedHashMap<>();
            atom.put("x_px", d.xPx());
            atom.put("y_px", d.yPx());
            atom.put("x_A", d.xAngstrom());
            atom.put("y_A", d.yAngstrom());
            atom.put("class", d.classIndex());
            atom.put("confidence", d.confidence());
            for (int k = 0; k < detections.classNames().size(); k++) {
                atom.put("p_" + detections.classNames().get(k), d.probability(k));
            }
            atoms.add(atom);
        }
        root.put("atoms", atoms);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] bytes = mapper.writeValueAsBytes(root);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
