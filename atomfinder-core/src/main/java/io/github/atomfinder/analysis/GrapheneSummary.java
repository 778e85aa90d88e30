package io.github.atomfinder.analysis;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.structure.BondGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What graphene users ask first about detected atoms (issue 8): C–C bond lengths, ring sizes and where the
 * non-hexagonal rings are.
 *
 * <p>Bonds join atoms closer than a cutoff (no periodic images: an experimental image is not periodic). Rings
 * are the faces of that plane graph ({@link BondGraph#rings}) walked counter-clockwise (positive area), so the
 * outer boundary and the rims of holes (longer than {@code maxRingSize}) are not rings. Atoms near the image
 * edge have neighbours outside the image, so only rings whose atoms all lie at least {@code edgeMarginAngstrom}
 * inside the image are counted, and the coordination histogram covers only atoms farther than the bond cutoff
 * from the edge (all their neighbours would be inside). Bond statistics use bonds between two 3-coordinated
 * atoms, as in graphene every atom has three neighbours and lower coordination marks an edge or a missed atom.
 *
 * @param atomCount all atoms given
 * @param bondCount all bonds found
 * @param bondStatistics C–C bond lengths between 3-coordinated atoms
 * @param ringCounts counted rings by size, ascending
 * @param rings every counted ring, hexagons included
 * @param coordinationHistogram number of interior atoms (farther than the bond cutoff from the edge) by their
 *     number of bonds
 * @param options the parameters used
 */
public record GrapheneSummary(int atomCount, int bondCount, BondStatistics bondStatistics, Map<Integer, Integer> ringCounts,
        List<Ring> rings, Map<Integer, Integer> coordinationHistogram, Options options) {

    /**
     * @param bondCutoffAngstrom atoms closer than this are bonded (1.85 Å: 1.42 Å bonds stretched by 30 %, still
     *     well below the 2.46 Å second-neighbour distance)
     * @param edgeMarginAngstrom rings with an atom closer than this to the image edge are not counted
     * @param maxRingSize larger faces are holes, not rings
     */
    public record Options(double bondCutoffAngstrom, double edgeMarginAngstrom, int maxRingSize) {

        public Options {
            if (!(bondCutoffAngstrom > 0) || !(edgeMarginAngstrom >= 0) || maxRingSize < 3) {
                throw new IllegalArgumentException("need a positive bond cutoff, a margin >= 0 and a largest ring of at least 3, got "
                        + bondCutoffAngstrom + ", " + edgeMarginAngstrom + ", " + maxRingSize);
            }
        }

        /** 1.85 Å cutoff, 1 Å edge margin, rings up to 12 members. */
        public static Options defaults() {
            return new Options(1.85, 1.0, 12);
        }
    }

    /**
     * @param count number of bonds between 3-coordinated atoms
     * @param meanAngstrom their mean length (NaN when there are none)
     * @param stdAngstrom their sample standard deviation (NaN with fewer than two)
     */
    public record BondStatistics(int count, double meanAngstrom, double stdAngstrom) {
    }

    /**
     * A ring and its centre (mean of its atoms).
     *
     * @param atoms indices of its atoms in the order given, counter-clockwise
     */
    public record Ring(int size, double xAngstrom, double yAngstrom, double xPx, double yPx, int[] atoms) {

        public Ring {
            atoms = atoms.clone();
        }

        @Override
        public int[] atoms() {
            return atoms.clone();
        }
    }

    public GrapheneSummary {
        ringCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(ringCounts));
        rings = List.copyOf(rings);
        coordinationHistogram = java.util.Collections.unmodifiableMap(new TreeMap<>(coordinationHistogram));
    }

    /** The rings that are not hexagons: 5-, 7-, 8-membered ... */
    public List<Ring> defects() {
        return rings.stream().filter(r -> r.size() != 6).toList();
    }

    /** The summary of detections, with the image's grid giving the edges and the pixel size. */
    public static GrapheneSummary of(Detections detections, Options options) {
        int n = detections.size();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Detection d = detections.get(i);
            x[i] = d.xAngstrom();
            y[i] = d.yAngstrom();
        }
        return of(x, y, detections.grid(), options);
    }

    /**
     * The summary of atoms at {@code (x, y)} Å in an image on {@code grid}: pixel centres from (0, 0) to
     * ((nx − 1)·dx, (ny − 1)·dy) (docs/conventions.md) bound the image.
     */
    public static GrapheneSummary of(double[] xAngstrom, double[] yAngstrom, Grid grid, Options options) {
        if (xAngstrom.length != yAngstrom.length) {
            throw new IllegalArgumentException(xAngstrom.length + " x values but " + yAngstrom.length + " y values");
        }
        BondGraph graph = bonds(xAngstrom, yAngstrom, options);
        double[] bondLengths = graph.bonds().stream()
                .filter(b -> graph.coordination(b.i()) == 3 && graph.coordination(b.j()) == 3)
                .mapToDouble(BondGraph.Bond::lengthAngstrom).toArray();
        Map<Integer, Integer> coordination = new TreeMap<>();
        for (int i = 0; i < graph.size(); i++) {
            if (distanceToEdge(graph.x(i), graph.y(i), grid) > options.bondCutoffAngstrom()) {
                coordination.merge(graph.coordination(i), 1, Integer::sum);
            }
        }
        List<Ring> rings = new ArrayList<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int[] face : graph.rings(options.maxRingSize()).rings()) {
            if (signedArea(graph, face) <= 0) {
                continue;
            }
            boolean inside = true;
            double cx = 0;
            double cy = 0;
            for (int a : face) {
                inside &= distanceToEdge(graph.x(a), graph.y(a), grid) >= options.edgeMarginAngstrom();
                cx += graph.x(a) / face.length;
                cy += graph.y(a) / face.length;
            }
            if (inside) {
                rings.add(new Ring(face.length, cx, cy, cx / grid.dxAngstrom(), cy / grid.dyAngstrom(), face));
                counts.merge(face.length, 1, Integer::sum);
            }
        }
        return new GrapheneSummary(xAngstrom.length, graph.bonds().size(), statistics(bondLengths), counts, rings,
                coordination, options);
    }

    /** The bond graph the summary is built on (shared with the overlay, so both draw the same bonds). */
    static BondGraph bonds(double[] xAngstrom, double[] yAngstrom, Options options) {
        return BondGraph.byCutoff(xAngstrom, yAngstrom, null, options.bondCutoffAngstrom());
    }

    private static BondStatistics statistics(double[] values) {
        int n = values.length;
        double mean = n == 0 ? Double.NaN : java.util.Arrays.stream(values).sum() / n;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return new BondStatistics(n, mean, n < 2 ? Double.NaN : Math.sqrt(sum / (n - 1)));
    }

    private static double distanceToEdge(double x, double y, Grid grid) {
        double right = (grid.nx() - 1) * grid.dxAngstrom();
        double bottom = (grid.ny() - 1) * grid.dyAngstrom();
        return Math.min(Math.min(x, right - x), Math.min(y, bottom - y));
    }

    /** Shoelace area, positive for the counter-clockwise walk of an inner face (x right, y along rows). */
    private static double signedArea(BondGraph graph, int[] face) {
        double area = 0;
        for (int k = 0; k < face.length; k++) {
            int a = face[k];
            int b = face[(k + 1) % face.length];
            area += graph.x(a) * graph.y(b) - graph.x(b) * graph.y(a);
        }
        return area / 2;
    }
}
