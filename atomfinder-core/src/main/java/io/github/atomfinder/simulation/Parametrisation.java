package io.github.atomfinder.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.structure.Elements;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Electron scattering factors of neutral atoms H..Lr (method.md §2) in the two published parametrisations. The
 * tables are resources ({@code kirkland.json}, {@code lobato.json} beside this class) carrying their citation.
 *
 * <p>f(k) is in Å with k in 1/Å; the analytic projected potential V_z(r) (infinite projection) is in V·Å.
 */
public enum Parametrisation {

    /** Lobato &amp; Van Dyck, Acta Cryst. A70 (2014) 636: five terms a (2 + b k²) / (1 + b k²)². */
    LOBATO("lobato.json", 2) {
        @Override
        public double scatteringFactor(int atomicNumber, double kInverseAngstrom) {
            double[][] p = parameters(atomicNumber);
            double k2 = kInverseAngstrom * kInverseAngstrom;
            double f = 0;
            for (int i = 0; i < p[0].length; i++) {
                double bk2 = p[1][i] * k2;
                f += p[0][i] * (2 + bk2) / ((1 + bk2) * (1 + bk2));
            }
            return f;
        }

        @Override
        public double projectedPotential(int atomicNumber, double rAngstrom) {
            double[][] p = parameters(atomicNumber);
            double v = 0;
            for (int i = 0; i < p[0].length; i++) {
                double a = p[0][i];
                double b = p[1][i];
                double ap = Math.PI * Math.PI * a / (b * Math.sqrt(b)) * Electrons.INVERSE_KAPPA_VOLT_ANGSTROM2;
                double bp = 2 * Math.PI / Math.sqrt(b);
                double x = bp * rAngstrom;
                v += 2 * (2 * ap / bp * BesselK.k0(x) + ap * rAngstrom * BesselK.k1(x));
            }
            return v;
        }
    },

    /** Kirkland, Advanced Computing in Electron Microscopy, appendix C: 3 Lorentzians a/(k² + b) + 3 Gaussians c e^(−d k²). */
    KIRKLAND("kirkland.json", 4) {
        @Override
        public double scatteringFactor(int atomicNumber, double kInverseAngstrom) {
            double[][] p = parameters(atomicNumber);
            double k2 = kInverseAngstrom * kInverseAngstrom;
            double f = 0;
            for (int i = 0; i < p[0].length; i++) {
                f += p[0][i] / (k2 + p[1][i]) + p[2][i] * Math.exp(-p[3][i] * k2);
            }
            return f;
        }

        @Override
        public double projectedPotential(int atomicNumber, double rAngstrom) {
            double[][] p = parameters(atomicNumber);
            double v = 0;
            for (int i = 0; i < p[0].length; i++) {
                double ap = Math.PI * p[0][i] * Electrons.INVERSE_KAPPA_VOLT_ANGSTROM2;
                double bp = 2 * Math.PI * Math.sqrt(p[1][i]);
                double d = p[3][i];
                double cp = Math.pow(Math.PI, 1.5) * p[2][i] / Math.pow(d, 1.5) * Electrons.INVERSE_KAPPA_VOLT_ANGSTROM2;
                double dp = Math.PI * Math.PI / d;
                v += 2 * ap * BesselK.k0(bp * rAngstrom) + Math.sqrt(Math.PI / dp) * cp * Math.exp(-dp * rAngstrom * rAngstrom);
            }
            return v;
        }
    };

    private final String resource;
    private final int rowsPerElement;
    private volatile Table table;

    Parametrisation(String resource, int rowsPerElement) {
        this.resource = resource;
        this.rowsPerElement = rowsPerElement;
    }

    /** Electron scattering factor f(k) in Å, k in 1/Å. */
    public abstract double scatteringFactor(int atomicNumber, double kInverseAngstrom);

    /** Analytic projected potential V_z(r) in V·Å of one atom at distance r &gt; 0 Å (infinite projection). */
    public abstract double projectedPotential(int atomicNumber, double rAngstrom);

    /** The citation of the published table. */
    public String citation() {
        return table().citation;
    }

    /** Lower-case name as used on the command line and in parameter files. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "lobato" or "kirkland" (case-insensitive). */
    public static Parametrisation parse(String name) {
        for (Parametrisation p : values()) {
            if (p.id().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new AtomfinderException("unknown potential parametrisation '" + name + "' (use lobato or kirkland)");
    }

    /** Rows of parameters for one element, e.g. {a, b} for Lobato, {a, b, c, d} for Kirkland. */
    double[][] parameters(int atomicNumber) {
        if (!Elements.isKnown(atomicNumber)) {
            throw new IllegalArgumentException("no scattering factors for atomic number " + atomicNumber);
        }
        return table().rows[atomicNumber - 1];
    }

    private Table table() {
        Table t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = Table.load(resource, rowsPerElement);
                    table = t;
                }
            }
        }
        return t;
    }

    private record Table(String citation, double[][][] rows) {

        static Table load(String resource, int rowsPerElement) {
            try (InputStream in = Parametrisation.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                JsonNode root = new ObjectMapper().readTree(in);
                JsonNode elements = root.get("elements");
                double[][][] rows = new double[Elements.MAX_ATOMIC_NUMBER][][];
                for (int z = 1; z <= Elements.MAX_ATOMIC_NUMBER; z++) {
                    JsonNode element = elements.get(Elements.symbol(z));
                    if (element == null || element.size() != rowsPerElement) {
                        throw new IllegalStateException(resource + ": bad or missing entry for " + Elements.symbol(z));
                    }
                    rows[z - 1] = new double[rowsPerElement][];
                    for (int r = 0; r < rowsPerElement; r++) {
                        JsonNode row = element.get(r);
                        rows[z - 1][r] = new double[row.size()];
                        for (int i = 0; i < row.size(); i++) {
                            rows[z - 1][r][i] = row.get(i).asDouble();
                        }
                    }
                }
                return new Table(root.get("citation").asText(), rows);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
    }
}
