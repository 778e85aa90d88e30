package io.github.atomfinder.io;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Cell;
import io.github.atomfinder.structure.Elements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal extended-XYZ reader (one frame): atom count, a comment line with {@code Lattice="..."} (orthorhombic),
 * optional {@code Properties=} (species and pos columns) and {@code pbc="T T F"}, then one line per atom.
 */
public final class ExtendedXyz {

    private static final Pattern LATTICE = Pattern.compile("Lattice=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern PBC = Pattern.compile("pbc=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROPERTIES = Pattern.compile("Properties=(\\S+)", Pattern.CASE_INSENSITIVE);

    private ExtendedXyz() {
    }

    public static Atoms read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new AtomfinderException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.size() < 2) {
            throw new AtomfinderException(file + ": not an XYZ file (needs an atom count and a comment line)");
        }
        int n;
        try {
            n = Integer.parseInt(lines.get(0).trim());
        } catch (NumberFormatException e) {
            throw new AtomfinderException(file + ": first line must be the atom count, got '" + lines.get(0).trim() + "'");
        }
        if (n < 0 || lines.size() < 2 + n) {
            throw new AtomfinderException(file + ": declares " + n + " atoms but has " + (lines.size() - 2) + " atom lines");
        }
        String comment = lines.get(1);
        Cell cell = cell(file, comment);
        int speciesColumn = 0;
        int posColumn = 1;
        Matcher properties = PROPERTIES.matcher(comment);
        if (properties.find()) {
            String[] fields = properties.group(1).split(":");
            int column = 0;
            speciesColumn = -1;
            posColumn = -1;
            for (int i = 0; i + 2 < fields.length; i += 3) {
                String name = fields[i].toLowerCase(Locale.ROOT);
                if (name.equals("species")) {
                    speciesColumn = column;
                } else if (name.equals("pos")) {
                    posColumn = column;
                }
                column += Integer.parseInt(fields[i + 2]);
            }
            if (speciesColumn < 0 || posColumn < 0) {
                throw new AtomfinderException(file + ": Properties must include species and pos");
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            String[] t = lines.get(2 + i).trim().split("\\s+");
            int line = i + 3;
            if (t.length <= Math.max(speciesColumn, posColumn + 2)) {
                throw new AtomfinderException(file + ":" + line + ": too few columns");
            }
            numbers[i] = Elements.atomicNumber(t[speciesColumn]);
            if (numbers[i] < 0) {
                throw new AtomfinderException(file + ":" + line + ": unknown element '" + t[speciesColumn] + "'");
            }
            try {
                x[i] = Double.parseDouble(t[posColumn]);
                y[i] = Double.parseDouble(t[posColumn + 1]);
                z[i] = Double.parseDouble(t[posColumn + 2]);
            } catch (NumberFormatException e) {
                throw new AtomfinderException(file + ":" + line + ": bad coordinate");
            }
        }
        return new Atoms(x, y, z, numbers, cell);
    }

    private static Cell cell(Path file, String comment) {
        Matcher m = LATTICE.matcher(comment);
        if (!m.find()) {
            throw new AtomfinderException(file + ": the comment line needs Lattice=\"ax ay az bx by bz cx cy cz\" (the cell)");
        }
        String[] t = m.group(1).trim().split("\\s+");
        if (t.length != 9) {
            throw new AtomfinderException(file + ": Lattice needs 9 numbers, got " + t.length);
        }
        double[] v = new double[9];
        for (int i = 0; i < 9; i++) {
            v[i] = Double.parseDouble(t[i]);
        }
        double scale = Math.max(Math.abs(v[0]), Math.max(Math.abs(v[4]), Math.abs(v[8])));
        for (int i : new int[] {1, 2, 3, 5, 6, 7}) {
            if (Math.abs(v[i]) > 1e-6 * scale) {
                throw new AtomfinderException(file + ": only orthorhombic cells (diagonal Lattice) are supported");
            }
        }
        boolean[] pbc = {true, true, false};
        Matcher p = PBC.matcher(comment);
        if (p.find()) {
            String[] flags = p.group(1).trim().split("\\s+");
            for (int i = 0; i < Math.min(3, flags.length); i++) {
                pbc[i] = flags[i].equalsIgnoreCase("T") || flags[i].equalsIgnoreCase("true");
            }
        }
        try {
            return new Cell(v[0], v[4], v[8], pbc[0], pbc[1], pbc[2]);
        } catch (IllegalArgumentException e) {
            throw new AtomfinderException(file + ": " + e.getMessage());
        }
    }
}
