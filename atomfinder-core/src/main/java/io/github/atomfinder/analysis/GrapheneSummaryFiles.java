package io.github.atomfinder.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomfinder.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link GrapheneSummary} as graphene.json (machine-readable) and as a short text for people, both written
 * atomically. Lengths in Å; positions in Å and in pixels (first pixel centre = 0, 0; docs/conventions.md).
 */
public final class GrapheneSummaryFiles {

    private GrapheneSummaryFiles() {
    }

    /** The JSON tree: counts, bond statistics, ring counts, defect rings with centres, coordination histogram. */
    public static Map<String, Object> json(GrapheneSummary s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("atoms", s.atomCount());
        root.put("bonds", s.bondCount());
        root.put("bond_cutoff_A", s.options().bondCutoffAngstrom());
        root.put("edge_margin_A", s.options().edgeMarginAngstrom());
        root.put("max_ring_size", s.options().maxRingSize());
        Map<String, Object> bonds = new LinkedHashMap<>();
        bonds.put("count", s.bondStatistics().count());
        bonds.put("mean_A", finiteOrNull(s.bondStatistics().meanAngstrom()));
        bonds.put("std_A", finiteOrNull(s.bondStatistics().stdAngstrom()));
        root.put("bonds_between_3_coordinated", bonds);
        root.put("ring_counts", keysAsText(s.ringCounts()));
        List<Map<String, Object>> defects = new ArrayList<>();
        for (GrapheneSummary.Ring r : s.defects()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("size", r.size());
            d.put("x_A", r.xAngstrom());
            d.put("y_A", r.yAngstrom());
            d.put("x_px", r.xPx());
            d.put("y_px", r.yPx());
            d.put("atoms", r.atoms());
            defects.add(d);
        }
        root.put("defect_rings", defects);
        root.put("coordination_histogram", keysAsText(s.coordinationHistogram()));
        return root;
    }

    public static void writeJson(Path file, GrapheneSummary summary) throws IOException {
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json(summary));
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** A few lines for a terminal or a lab notebook. */
    public static String text(GrapheneSummary s) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "atoms: %d, bonds: %d (cutoff %.2f Å)%n", s.atomCount(), s.bondCount(),
                s.options().bondCutoffAngstrom()));
        GrapheneSummary.BondStatistics b = s.bondStatistics();
        if (b.count() == 0) {
            t.append("C–C bond length: no bond between two 3-coordinated atoms\n");
        } else {
            t.append(String.format(Locale.ROOT, "C–C bond length: mean %.4f Å, std %.4f Å (%d bonds between 3-coordinated atoms)%n",
                    b.meanAngstrom(), b.stdAngstrom(), b.count()));
        }
        t.append(String.format(Locale.ROOT, "rings (all atoms ≥ %.2f Å inside the image): %s%n", s.options().edgeMarginAngstrom(),
                counts(s.ringCounts(), "-membered")));
        List<GrapheneSummary.Ring> defects = s.defects();
        t.append("defect rings (not 6-membered): ").append(defects.size()).append('\n');
        for (GrapheneSummary.Ring r : defects) {
            t.append(String.format(Locale.ROOT, "  %d-ring at (%.2f, %.2f) Å = (%.1f, %.1f) px%n", r.size(), r.xAngstrom(),
                    r.yAngstrom(), r.xPx(), r.yPx()));
        }
        t.append(String.format(Locale.ROOT, "coordination (atoms > %.2f Å from the edge): %s%n", s.options().bondCutoffAngstrom(),
                counts(s.coordinationHistogram(), "-fold")));
        return t.toString();
    }

    public static void writeText(Path file, GrapheneSummary summary) throws IOException {
        AtomicFiles.writeString(file, text(summary));
    }

    private static String counts(Map<Integer, Integer> counts, String suffix) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder t = new StringBuilder();
        counts.forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ").append(v).append(" × ").append(k).append(suffix));
        return t.toString();
    }

    private static Map<String, Integer> keysAsText(Map<Integer, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.forEach((k, v) -> out.put(Integer.toString(k), v));
        return out;
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
