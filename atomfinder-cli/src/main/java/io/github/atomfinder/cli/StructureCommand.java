package io.github.atomfinder.cli;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.io.StructureFiles;
import io.github.atomfinder.io.StructurePreview;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Elements;
import io.github.atomfinder.structure.FccNanoparticle;
import io.github.atomfinder.structure.GrapheneLikeSheet;
import io.github.atomfinder.structure.IdealGraphene;
import io.github.atomfinder.structure.Nanoparticle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code atomfinder structure ...}: generate training structures and write them as extended XYZ. */
@Command(name = "structure", mixinStandardHelpOptions = true,
        description = "Generate atomic structures (graphene-like sheets, fcc nanoparticles, ideal graphene).",
        subcommands = {StructureCommand.Graphene.class, StructureCommand.Particle.class,
            StructureCommand.Ideal.class})
public final class StructureCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Output options shared by every generator. */
    static final class Output {
        @Option(names = "--out", required = true, paramLabel = "FILE.xyz",
                description = "Output structure, extended XYZ (ASE-compatible, with the cell).")
        Path out;

        @Option(names = "--preview", paramLabel = "FILE.png",
                description = "Also draw a PNG preview on white with the cell outline: atoms coloured by element, or for"
                        + " nanoparticles columns coloured by atom count.")
        Path preview;

        @Option(names = "--pixels-per-angstrom", defaultValue = "10", paramLabel = "PX",
                description = "Preview scale (default: ${DEFAULT-VALUE}).")
        double pixelsPerAngstrom;

        /** Writes the structure, and a preview with atoms coloured by element if {@code previewAtoms}. */
        void write(Atoms atoms, boolean previewAtoms, picocli.CommandLine.Model.CommandSpec spec) throws IOException {
            if (!(pixelsPerAngstrom > 0)) {
                throw new AtomfinderException("--pixels-per-angstrom must be positive, got " + pixelsPerAngstrom);
            }
            StructureFiles.writeExtendedXyz(out, atoms);
            if (preview != null && previewAtoms) {
                StructurePreview.writeAtoms(preview, atoms, pixelsPerAngstrom);
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%s: %d atoms, cell %.2f x %.2f x %.2f Å%n", out,
                    atoms.size(), atoms.cell().aAngstrom(), atoms.cell().bAngstrom(), atoms.cell().cAngstrom());
        }
    }

    @Command(name = "graphene", mixinStandardHelpOptions = true,
            description = "A periodic graphene-like sheet: Lloyd-relaxed Voronoi vertices of Poisson-disc seeds,"
                    + " with random holes (method.md §5).")
    static final class Graphene implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Output output;

        @Option(names = "--size", defaultValue = "43.2", paramLabel = "Å", description = "Square cell side in Å"
                + " (default: ${DEFAULT-VALUE}).")
        double size;

        @Option(names = "--bond", defaultValue = "1.42", paramLabel = "Å",
                description = "Target C-C bond length in Å (default: ${DEFAULT-VALUE}).")
        double bond;

        @Option(names = "--lloyd-steps", defaultValue = "8", paramLabel = "N", description = "Lloyd iterations (default: ${DEFAULT-VALUE}).")
        int lloyd;

        @Option(names = "--relax-steps", defaultValue = "60", paramLabel = "N",
                description = "Bond-spring relaxation iterations (default: ${DEFAULT-VALUE}).")
        int relax;

        @Option(names = "--max-holes", defaultValue = "4", paramLabel = "N",
                description = "Holes drawn uniformly from 0..N (default: ${DEFAULT-VALUE}).")
        int holes;

        @Option(names = "--hole-radius", defaultValue = "2,6", split = ",", paramLabel = "MIN,MAX",
                description = "Mean hole radius range in Å (default: ${DEFAULT-VALUE}).")
        double[] holeRadius;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            if (holeRadius.length != 2) {
                throw new AtomfinderException("--hole-radius needs MIN,MAX, got " + holeRadius.length + " values");
            }
            GrapheneLikeSheet.Parameters p;
            try {
                p = new GrapheneLikeSheet.Parameters(size, size, bond, lloyd, relax, holes, holeRadius[0],
                        holeRadius[1], 10);
            } catch (IllegalArgumentException e) {
                throw new AtomfinderException("structure graphene: " + e.getMessage(), e);
            }
            output.write(GrapheneLikeSheet.generate(p, new SplittableRandom(seed)), true, spec);
            return 0;
        }
    }

    @Command(name = "nanoparticle", mixinStandardHelpOptions = true,
            description = "A faceted, roughened fcc nanoparticle in a zone axis (gold by default, method.md §5).")
    static final class Particle implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Output output;

        @Option(names = "--element", defaultValue = "Au", description = "Element symbol (default: ${DEFAULT-VALUE}).")
        String element;

        @Option(names = "--lattice-constant", defaultValue = "4.08", paramLabel = "Å",
                description = "fcc lattice constant in Å (default: ${DEFAULT-VALUE}).")
        double latticeConstant;

        @Option(names = "--radius", defaultValue = "5,14", split = ",", paramLabel = "MIN,MAX",
                description = "Facet distance range in Å (default: ${DEFAULT-VALUE}).")
        double[] radius;

        @Option(names = "--temperature", defaultValue = "0.5,4", split = ",", paramLabel = "MIN,MAX",
                description = "Roughening temperature range, in neighbour-bond units (default: ${DEFAULT-VALUE}).")
        double[] temperature;

        @Option(names = "--added-fraction", defaultValue = "0.2",
                description = "Roughening adds up to this fraction of atoms (default: ${DEFAULT-VALUE}).")
        double addedFraction;

        @Option(names = "--zone", defaultValue = "random", description = "Zone axis: 110, 111 or random"
                + " (default: ${DEFAULT-VALUE}).")
        String zone;

        @Option(names = "--max-tilt", defaultValue = "5", paramLabel = "DEGREES",
                description = "Largest tilt off the zone axis in degrees (default: ${DEFAULT-VALUE}).")
        double maxTiltDegrees;

        @Option(names = "--vacuum", defaultValue = "5", paramLabel = "Å",
                description = "Smallest vacuum gap to the cell border in Å (default: ${DEFAULT-VALUE}).")
        double vacuum;

        @Option(names = "--size", defaultValue = "0", paramLabel = "Å",
                description = "Square cell side in Å; 0 fits the particle plus vacuum (default: ${DEFAULT-VALUE}).")
        double size;

        @Option(names = "--columns", paramLabel = "FILE.csv",
                description = "Also write the columns as CSV: x_A, y_A, atoms.")
        Path columnsFile;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws IOException {
            int z = Elements.atomicNumber(element);
            if (z < 0) {
                throw new AtomfinderException("--element: unknown element '" + element + "'");
            }
            if (radius.length != 2 || temperature.length != 2) {
                throw new AtomfinderException("--radius and --temperature need MIN,MAX");
            }
            FccNanoparticle.ZoneAxis axis = switch (zone) {
                case "110" -> FccNanoparticle.ZoneAxis.Z110;
                case "111" -> FccNanoparticle.ZoneAxis.Z111;
                case "random" -> null;
                default -> throw new AtomfinderException("--zone must be 110, 111 or random, got '" + zone + "'");
            };
            Nanoparticle particle;
            try {
                FccNanoparticle.Parameters p = FccNanoparticle.Parameters.gold()
                        .withElement(z, latticeConstant)
                        .withRadius(radius[0], radius[1])
                        .withRoughening(addedFraction, temperature[0], temperature[1])
                        .withOrientation(axis, Math.toRadians(maxTiltDegrees))
                        .withCell(vacuum, size);
                particle = FccNanoparticle.generate(p, new SplittableRandom(seed));
            } catch (IllegalArgumentException e) {
                throw new AtomfinderException("structure nanoparticle: " + e.getMessage(), e);
            }
            output.write(particle.atoms(), false, spec);
            if (output.preview != null) {
                StructurePreview.writeColumns(output.preview, particle.atoms().cell(), particle.columns(),
                        output.pixelsPerAngstrom);
            }
            if (columnsFile != null) {
                StringBuilder csv = new StringBuilder("x_A,y_A,atoms\n");
                particle.columns().forEach(c -> csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%d%n",
                        c.xAngstrom(), c.yAngstrom(), c.atomCount())));
                AtomicFiles.writeString(columnsFile, csv.toString());
            }
            spec.commandLine().getOut().printf(Locale.ROOT, "%d columns along [%d%d%d], tilt %.2f°%n",
                    particle.columns().size(), particle.zoneAxis()[0], particle.zoneAxis()[1], particle.zoneAxis()[2],
                    Math.toDegrees(particle.tiltRad()));
            return 0;
        }
    }

    @Command(name = "ideal-graphene", mixinStandardHelpOptions = true,
            description = "A perfect graphene sheet of any size and rotation (periodic when the lattice fits).")
    static final class Ideal implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        Output output;

        @Option(names = "--size", defaultValue = "43.2", split = ",", paramLabel = "W[,H]",
                description = "Cell size in Å, one value for a square (default: ${DEFAULT-VALUE}).")
        double[] size;

        @Option(names = "--bond", defaultValue = "1.42", paramLabel = "Å",
                description = "C-C bond length in Å (default: ${DEFAULT-VALUE}).")
        double bond;

        @Option(names = "--rotation", defaultValue = "0", paramLabel = "DEGREES",
                description = "Lattice rotation about the cell centre in degrees (default: ${DEFAULT-VALUE}).")
        double rotationDegrees;

        @Option(names = "--cells", split = ",", paramLabel = "NX,NY",
                description = "Instead of --size: a periodic sheet of NX x NY orthorhombic cells (3b x √3b).")
        int[] cells;

        @Override
        public Integer call() throws IOException {
            Atoms atoms;
            try {
                if (cells != null) {
                    if (cells.length != 2) {
                        throw new AtomfinderException("--cells needs NX,NY");
                    }
                    atoms = IdealGraphene.periodic(cells[0], cells[1], bond, 10);
                } else {
                    double w = size[0];
                    double h = size.length > 1 ? size[1] : size[0];
                    atoms = IdealGraphene.sheet(w, h, bond, Math.toRadians(rotationDegrees), 10);
                }
            } catch (IllegalArgumentException e) {
                throw new AtomfinderException("structure ideal-graphene: " + e.getMessage(), e);
            }
            output.write(atoms, true, spec);
            return 0;
        }
    }
}
