package io.github.atomfinder.io;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import io.github.atomfinder.structure.Elements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Atomic structure files. Reads extended XYZ (ASE's format, with {@code Lattice=} and {@code pbc=}), plain
 * XYZ and AtomEye extended CFG (as written by LAMMPS and atomsk); writes extended XYZ that ASE reads back
 * with its cell. Cells must be orthorhombic. A plain XYZ file has no cell: its atoms are given a
 * non-periodic box from the origin to their largest coordinate plus 2 Å, shifted to non-negative
 * coordinates first if needed.
 */
public final class StructureFiles {

    private static final double PLAIN_XYZ_MARGIN_ANGSTROM = 2;

    private StructureFiles() {
    }

    /** Reads a structure, choosing the format from the extension (.cfg) or the content (XYZ otherwise). */
    public static Atoms read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AtomfinderException(file + ": no such file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AtomfinderException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".cfg")) {
            return readCfg(file, lines);
        }
        return readXyz(file, lines);
    }

    /** Writes extended XYZ (species and positions in Å, the cell as {@code Lattice}, periodicity as {@code pbc}). */
    public static void writeExtendedXyz(Path file, Atoms atoms) throws IOException {
        StringBuilder sb = new StringBuilder();
        Cell c = atoms.cell();
        sb.append(atoms.size()).append('\n');
        sb.append(String.format(Locale.ROOT,
                "Lattice=\"%.10g 0 0 0 %.10g 0 0 0 %.10g\" Properties=species:S:1:pos:R:3 pbc=\"%s %s %s\"%n",
                c.aAngstrom(), c.bAngstrom(), c.cAngstrom(), tf(c.periodicX()), tf(c.periodicY()), tf(c.periodicZ())));
        for (int i = 0; i < atoms.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%-2s %.10f %.10f %.10f%n", Elements.symbol(atoms.atomicNumber(i)),
                    atoms.x(i), atoms.y(i), atoms.z(i)));
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String tf(boolean b) {
        return b ? "T" : "F";
    }

    private static Atoms readXyz(Path file, List<String> lines) {
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw error(file, 1, "expected the number of atoms");
        }
        int n;
        try {
            n = Integer.parseInt(lines.get(0).trim());
        } catch (NumberFormatException e) {
            throw error(file, 1, "expected the number of atoms, got '" + lines.get(0).trim() + "'");
        }
        if (n < 0) {
            throw error(file, 1, "negative number of atoms " + n);
        }
        if (lines.size() < n + 2) {
            throw error(file, lines.size(), "file ends after " + Math.max(0, lines.size() - 2) + " of " + n + " atoms");
        }
        Map<String, String> info = parseKeyValues(file, lines.get(1));
        int speciesColumn = 0;
        int posColumn = 1;
        if (info.containsKey("properties")) {
            int[] columns = propertyColumns(file, info.get("properties"));
            speciesColumn = columns[0];
            posColumn = columns[1];
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            int lineNo = i + 3;
            String[] t = lines.get(i + 2).trim().split("\\s+");
            if (t.length < Math.max(speciesColumn, posColumn + 2) + 1) {
                throw error(file, lineNo, "expected an element and x y z, got '" + lines.get(i + 2).trim() + "'");
            }
            numbers[i] = element(file, lineNo, t[speciesColumn]);
            x[i] = number(file, lineNo, t[posColumn]);
            y[i] = number(file, lineNo, t[posColumn + 1]);
            z[i] = number(file, lineNo, t[posColumn + 2]);
        }
        if (info.containsKey("lattice")) {
            String[] v = info.get("lattice").trim().split("\\s+");
            if (v.length != 9) {
                throw error(file, 2, "Lattice needs 9 numbers, got " + v.length);
            }
            double[] m = new double[9];
            for (int k = 0; k < 9; k++) {
                m[k] = number(file, 2, v[k]);
            }
            boolean[] pbc = {true, true, true};
            if (info.containsKey("pbc")) {
                String[] f = info.get("pbc").trim().split("\\s+");
                if (f.length != 3) {
                    throw error(file, 2, "pbc needs 3 flags, got '" + info.get("pbc") + "'");
                }
                for (int k = 0; k < 3; k++) {
                    pbc[k] = flag(file, 2, f[k]);
                }
            }
            Cell cell = orthorhombic(file, 2, m, pbc);
            return new Atoms(x, y, z, numbers, cell);
        }
        return boxed(x, y, z, numbers);
    }

    /** The columns of species and positions in an extended-XYZ Properties string. */
    private static int[] propertyColumns(Path file, String properties) {
        String[] p = properties.split(":");
        if (p.length % 3 != 0) {
            throw error(file, 2, "Properties must be name:type:count triples, got '" + properties + "'");
        }
        int column = 0;
        int species = -1;
        int pos = -1;
        for (int k = 0; k < p.length; k += 3) {
            int count;
            try {
                count = Integer.parseInt(p[k + 2]);
            } catch (NumberFormatException e) {
                throw error(file, 2, "bad column count '" + p[k + 2] + "' in Properties");
            }
            String name = p[k].toLowerCase(Locale.ROOT);
            if (name.equals("species")) {
                species = column;
            } else if (name.equals("pos")) {
                pos = column;
            }
            column += count;
        }
        if (species < 0 || pos < 0) {
            throw error(file, 2, "Properties must include species and pos, got '" + properties + "'");
        }
        return new int[] {species, pos};
    }

    /** key=value pairs of an extended-XYZ comment line; values may be double-quoted; keys lower-cased. */
    private static Map<String, String> parseKeyValues(Path file, String line) {
        Map<String, String> map = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            String key = line.substring(keyStart, i).toLowerCase(Locale.ROOT);
            if (i >= n || line.charAt(i) != '=') {
                continue;
            }
            i++;
            String value;
            if (i < n && line.charAt(i) == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    throw error(file, 2, "unclosed quote after " + key + "=");
                }
                value = line.substring(i + 1, end);
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                value = line.substring(start, i);
            }
            map.put(key, value);
        }
        return map;
    }

    /**
     * Reads AtomEye CFG: header lines {@code Number of particles = N}, {@code A = scale},
     * {@code H0(i,j) = value} and (extended CFG) {@code entry_count}; then per species a mass line, a symbol
     * line and atom lines starting with reduced coordinates s1 s2 s3 (positions = s·H0·A). Without
     * {@code entry_count} (standard CFG) every atom line is {@code mass symbol s1 s2 s3 ...}.
     */
    private static Atoms readCfg(Path file, List<String> lines) {
        int n = -1;
        double scale = 1;
        double[] h = new double[9];
        boolean[] hSeen = new boolean[9];
        int entries = -1;
        List<double[]> atoms = new ArrayList<>();
        List<Integer> species = new ArrayList<>();
        int current = -1;
        boolean expectSymbol = false;
        for (int k = 0; k < lines.size(); k++) {
            int lineNo = k + 1;
            String line = lines.get(k).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && atoms.isEmpty() && current < 0) {
                String key = line.substring(0, eq).trim();
                String value = line.substring(eq + 1).trim().split("\\s+")[0];
                if (key.equalsIgnoreCase("Number of particles")) {
                    n = (int) number(file, lineNo, value);
                } else if (key.equals("A")) {
                    scale = number(file, lineNo, value);
                } else if (key.matches("H0\\([123],[123]\\)")) {
                    int idx = (key.charAt(3) - '1') * 3 + (key.charAt(5) - '1');
                    h[idx] = number(file, lineNo, value);
                    hSeen[idx] = true;
                } else if (key.equals("entry_count")) {
                    entries = (int) number(file, lineNo, value);
                } else if (key.startsWith("Transform") || key.startsWith("eta")) {
                    throw error(file, lineNo, key + " is not supported (use an orthorhombic H0 only)");
                }
                continue;
            }
            if (line.equals(".NO_VELOCITY.")) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (entries < 0 && t.length >= 5) {
                // Standard (not extended) CFG: every line is "mass symbol s1 s2 s3 [v1 v2 v3]".
                number(file, lineNo, t[0]);
                int z = element(file, lineNo, t[1]);
                atoms.add(new double[] {number(file, lineNo, t[2]), number(file, lineNo, t[3]),
                    number(file, lineNo, t[4])});
                species.add(z);
                current = z;
            } else if (expectSymbol) {
                current = element(file, lineNo, t[0]);
                expectSymbol = false;
            } else if (t.length == 1) {
                number(file, lineNo, t[0]);
                expectSymbol = true;
            } else {
                if (current < 0) {
                    throw error(file, lineNo, "atom line before a mass and element line");
                }
                if (entries > 0 && t.length < entries) {
                    throw error(file, lineNo, "expected " + entries + " entries, got " + t.length);
                }
                if (t.length < 3) {
                    throw error(file, lineNo, "expected reduced coordinates s1 s2 s3");
                }
                atoms.add(new double[] {number(file, lineNo, t[0]), number(file, lineNo, t[1]),
                    number(file, lineNo, t[2])});
                species.add(current);
            }
        }
        if (n < 0) {
            throw error(file, 1, "missing 'Number of particles = N'");
        }
        for (int k = 0; k < 9; k++) {
            if (!hSeen[k] && k % 4 == 0) {
                throw error(file, 1, "missing H0(" + (k / 3 + 1) + "," + (k % 3 + 1) + ")");
            }
        }
        if (atoms.size() != n) {
            throw error(file, lines.size(), "header says " + n + " particles, file has " + atoms.size());
        }
        Cell cell = orthorhombic(file, 1, new double[] {h[0] * scale, h[1] * scale, h[2] * scale, h[3] * scale,
            h[4] * scale, h[5] * scale, h[6] * scale, h[7] * scale, h[8] * scale}, new boolean[] {true, true, true});
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            double[] s = atoms.get(i);
            x[i] = s[0] * cell.aAngstrom();
            y[i] = s[1] * cell.bAngstrom();
            z[i] = s[2] * cell.cAngstrom();
            numbers[i] = species.get(i);
        }
        return new Atoms(x, y, z, numbers, cell);
    }

    /** An orthorhombic cell from a row-major 3x3 matrix of cell vectors, or an error naming the file. */
    private static Cell orthorhombic(Path file, int lineNo, double[] m, boolean[] pbc) {
        double a = m[0];
        double b = m[4];
        double c = m[8];
        double scale = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
        for (int k : new int[] {1, 2, 3, 5, 6, 7}) {
            if (Math.abs(m[k]) > 1e-6 * scale) {
                throw error(file, lineNo, "the cell is not orthorhombic (off-diagonal element "
                        + m[k] + "); only orthorhombic cells are supported");
            }
        }
        if (!(a > 0) || !(b > 0) || !(c > 0)) {
            throw error(file, lineNo, "cell lengths must be positive, got " + a + ", " + b + ", " + c);
        }
        return new Cell(a, b, c, pbc[0], pbc[1], pbc[2]);
    }

    private static Atoms boxed(double[] x, double[] y, double[] z, int[] numbers) {
        double[][] coords = {x, y, z};
        double[] length = new double[3];
        for (int d = 0; d < 3; d++) {
            double min = 0;
            double max = 0;
            for (double v : coords[d]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double shift = min < 0 ? PLAIN_XYZ_MARGIN_ANGSTROM - min : 0;
            for (int i = 0; i < coords[d].length; i++) {
                coords[d][i] += shift;
            }
            length[d] = max + shift + PLAIN_XYZ_MARGIN_ANGSTROM;
        }
        return new Atoms(x, y, z, numbers, new Cell(length[0], length[1], length[2], false, false, false));
    }

    private static int element(Path file, int lineNo, String token) {
        int z = Elements.atomicNumber(token);
        if (z < 0) {
            try {
                int number = Integer.parseInt(token);
                if (Elements.isKnown(number)) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // not a number either: reported below
            }
            throw error(file, lineNo, "unknown element '" + token + "'");
        }
        return z;
    }

    private static double number(Path file, int lineNo, String token) {
        try {
            double v = Double.parseDouble(token);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the file and line
        }
        throw error(file, lineNo, "expected a number, got '" + token + "'");
    }

    private static boolean flag(Path file, int lineNo, String token) {
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "T", "TRUE", "1" -> true;
            case "F", "FALSE", "0" -> false;
            default -> throw error(file, lineNo, "expected T or F in pbc, got '" + token + "'");
        };
    }

    private static AtomfinderException error(Path file, int lineNo, String message) {
        return new AtomfinderException(file + ":" + lineNo + ": " + message);
    }
}
