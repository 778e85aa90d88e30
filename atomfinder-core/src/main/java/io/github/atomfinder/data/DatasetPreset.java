package io.github.atomfinder.data;

import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.simulation.ExitWaves;
import io.github.atomfinder.simulation.SimulationParameters;
import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.Column;
import io.github.atomfinder.structure.FccNanoparticle;
import io.github.atomfinder.structure.GrapheneLikeSheet;
import io.github.atomfinder.structure.Nanoparticle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a dataset is made of (method.md §5, §6): the structure generator, the simulation settings, the
 * microscope ranges the images are drawn from, and the classes of the label maps.
 *
 * <p>{@code graphene}: graphene-like sheets of 43.2 × 43.2 Å (the paper's cells) at 80 kV, one class per
 * carbon atom. {@code gold}: fcc gold particles of radius 5–14 Å in a 56 Å cell at 300 kV, one class per
 * column height 1..{@value #MAX_COLUMN_HEIGHT} (taller columns join the last class).
 */
public enum DatasetPreset {
    GRAPHENE("graphene-80kv", 80e3, List.of("background", "carbon")),
    GOLD("gold-300kv", 300e3, goldClassNames());

    /** Column heights above this share the last class. */
    public static final int MAX_COLUMN_HEIGHT = 12;
    /** Graphene cell side (Å), as in the paper. */
    static final double GRAPHENE_CELL_ANGSTROM = 43.2;
    /** Gold cell side (Å): large enough for 256-px crops at the preset's largest pixel size. */
    static final double GOLD_CELL_ANGSTROM = 56;
    /** Simulation sampling (Å), method.md §3. */
    static final double SAMPLING_ANGSTROM = 0.05;

    private final String microscopePreset;
    private final double energyEv;
    private final List<String> classNames;

    DatasetPreset(String microscopePreset, double energyEv, List<String> classNames) {
        this.microscopePreset = microscopePreset;
        this.energyEv = energyEv;
        this.classNames = classNames;
    }

    public static DatasetPreset named(String name) {
        for (DatasetPreset preset : values()) {
            if (preset.name().equalsIgnoreCase(name)) {
                return preset;
            }
        }
        throw new AtomfinderException("unknown dataset preset '" + name + "' (choose graphene or gold)");
    }

    public String presetName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<String> classNames() {
        return classNames;
    }

    public int classes() {
        return classNames.size();
    }

    public MicroscopeDistribution microscopes() {
        return MicroscopeDistribution.preset(microscopePreset);
    }

    public String microscopePresetName() {
        return microscopePreset;
    }

    public double energyEv() {
        return energyEv;
    }

    /**
     * Radius (Å) within which a detection matches a true site when scoring (method.md §9): 0.5 Å for atoms
     * (graphene), 1 Å for columns (gold).
     */
    public double matchingToleranceAngstrom() {
        return this == GOLD ? 1.0 : 0.5;
    }

    /** Example {@code index} of a dataset with seed {@code seed}: a pure function of both. */
    public Example example(long seed, int index) {
        return example(seed, index, GrapheneHoles.PAPER);
    }

    /** Example {@code index} of a dataset with seed {@code seed} whose graphene sheets get {@code holes}. */
    public Example example(long seed, int index, GrapheneHoles holes) {
        SplittableRandom random = new SplittableRandom(PairSampler.mix(seed, index, 0x5eed));
        SimulationParameters simulation = SimulationParameters.of(energyEv, SAMPLING_ANGSTROM);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("preset", presetName());
        parameters.put("dataset_seed", Long.toString(seed));
        parameters.put("index", Integer.toString(index));
        parameters.put("energy_eV", Double.toString(energyEv));
        parameters.put("sampling_A", Double.toString(SAMPLING_ANGSTROM));
        parameters.put("slice_thickness_A", Double.toString(simulation.sliceThicknessAngstrom()));
        parameters.put("potential", simulation.parametrisation().name().toLowerCase(Locale.ROOT));
        return switch (this) {
            case GRAPHENE -> {
                GrapheneLikeSheet.Parameters structure = GrapheneLikeSheet.Parameters.square(GRAPHENE_CELL_ANGSTROM)
                        .withHoles(holes.max(), holes.radiusMinAngstrom(), holes.radiusMaxAngstrom());
                Atoms atoms = GrapheneLikeSheet.generate(structure, random);
                ComplexField wave = ExitWaves.simulate(atoms, simulation, 1);
                int[] classes = new int[atoms.size()];
                java.util.Arrays.fill(classes, 1);
                parameters.put("structure", structure.toString());
                parameters.put("atoms", Integer.toString(atoms.size()));
                yield new Example(wave, new Sites(atoms.xs(), atoms.ys(), classes), true, energyEv, parameters);
            }
            case GOLD -> {
                FccNanoparticle.Parameters structure = FccNanoparticle.Parameters.gold().withCell(5, GOLD_CELL_ANGSTROM);
                Nanoparticle particle = FccNanoparticle.generate(structure, random);
                ComplexField wave = ExitWaves.simulate(particle.atoms(), simulation, 1);
                List<Column> columns = particle.columns();
                double[] x = new double[columns.size()];
                double[] y = new double[columns.size()];
                int[] classes = new int[columns.size()];
                for (int i = 0; i < columns.size(); i++) {
                    x[i] = columns.get(i).xAngstrom();
                    y[i] = columns.get(i).yAngstrom();
                    classes[i] = Math.min(MAX_COLUMN_HEIGHT, columns.get(i).atomCount());
                }
                parameters.put("structure", structure.toString());
                parameters.put("atoms", Integer.toString(particle.atoms().size()));
                parameters.put("columns", Integer.toString(columns.size()));
                yield new Example(wave, new Sites(x, y, classes), false, energyEv, parameters);
            }
        };
    }

    private static List<String> goldClassNames() {
        List<String> names = new ArrayList<>();
        names.add("background");
        for (int h = 1; h <= MAX_COLUMN_HEIGHT; h++) {
            names.add(h == MAX_COLUMN_HEIGHT ? h + "+ atoms" : h + (h == 1 ? " atom" : " atoms"));
        }
        return List.copyOf(names);
    }
}
