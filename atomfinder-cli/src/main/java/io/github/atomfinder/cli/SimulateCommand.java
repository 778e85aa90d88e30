package io.github.atomfinder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.io.StructureFiles;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.simulation.Antialias;
import io.github.atomfinder.simulation.ExitWaves;
import io.github.atomfinder.simulation.Parametrisation;
import io.github.atomfinder.simulation.ProjectedPotentials;
import io.github.atomfinder.simulation.SimulationParameters;
import io.github.atomfinder.simulation.SliceLayout;
import io.github.atomfinder.structure.Atoms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atomfinder simulate}: plane-wave multislice exit wave of a structure. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate the plane-wave multislice exit wave of a structure (complex64 .npy + JSON parameters).",
            "",
            "The structure is an extended XYZ file with an orthorhombic Lattice; the beam runs along z and the cell is "
                    + "periodic in x and y. The output array is [y][x] (rows along the cell's b axis), pixel (0,0) centred "
                    + "on the origin. With --phonons N the written wave is the mean of N frozen-phonon exit waves."},
        sortOptions = false)
public final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STRUCTURE.xyz", description = "Extended XYZ structure with a Lattice.")
    Path structure;

    @Option(names = "--energy", paramLabel = "EV", defaultValue = "80e3",
            description = "Acceleration energy in eV (default: ${DEFAULT-VALUE}).")
    double energyEv;

    @Option(names = "--sampling", paramLabel = "A", defaultValue = "0.05",
            description = "Largest pixel size in Å; the grid is ceil(extent/sampling) per axis (default: ${DEFAULT-VALUE}).")
    double samplingAngstrom;

    @Option(names = "--grid", paramLabel = "NYxNX",
            description = "Explicit grid size instead of --sampling, e.g. 640x640 (rows x columns).")
    String gridSize;

    @Option(names = "--slice-thickness", paramLabel = "A", defaultValue = "1",
            description = "Slice thickness in Å; the cell depth is cut into ceil(c/thickness) equal slices (default: ${DEFAULT-VALUE}).")
    double sliceThicknessAngstrom;

    @Option(names = "--potential", paramLabel = "NAME", defaultValue = "lobato",
            description = "Scattering factors: lobato (Lobato & Van Dyck 2014) or kirkland (Kirkland 2010) (default: ${DEFAULT-VALUE}).")
    String potential;

    @Option(names = "--phonons", paramLabel = "N", defaultValue = "0",
            description = "Frozen-phonon configurations; 0 = static lattice (default: ${DEFAULT-VALUE}).")
    int phonons;

    @Option(names = "--sigma", paramLabel = "A", defaultValue = "0.08",
            description = "Frozen-phonon displacement standard deviation per axis, Å (default: ${DEFAULT-VALUE}).")
    double sigmaAngstrom;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the phonon displacements (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads (default: the number of processors).")
    Integer threads;

    @Option(names = "--out", paramLabel = "wave.npy", required = true,
            description = "Output exit wave, complex64 [y][x]; the parameters go to the same name with .json.")
    Path out;

    @Option(names = "--projected-potential", paramLabel = "V.npy",
            description = "Also write the projected potential summed over slices, float32 [y][x], V·Å.")
    Path projectedPotential;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(structure)) {
            throw new AtomfinderException("no such structure file: " + structure);
        }
        Atoms atoms = StructureFiles.read(structure);
        SimulationParameters parameters = new SimulationParameters(energyEv, samplingAngstrom, 0, 0,
                sliceThicknessAngstrom, Parametrisation.parse(potential), phonons, phonons == 0 ? 0 : sigmaAngstrom, seed);
        if (gridSize != null) {
            int[] g = parseGrid(gridSize);
            parameters = parameters.withGridSize(g[0], g[1]);
        }
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new AtomfinderException("--threads must be at least 1, got " + workers);
        }
        // Parallelism is over slices or configurations; FFTs inside each worker stay single-threaded.
        Fft2.setThreadsPerTransform(1);
        Grid grid = parameters.grid(atoms.cell());
        SliceLayout slices = parameters.slices(atoms.cell());
        long start = System.nanoTime();
        ComplexField wave;
        int configurations = Math.max(1, phonons);
        try (ProgressBar bar = new ProgressBar("simulate", configurations)) {
            wave = ExitWaves.simulate(atoms, parameters, workers, done -> bar.update(done, "configurations"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Npy.write(out, wave);
        if (projectedPotential != null) {
            Npy.write(projectedPotential, ProjectedPotentials.of(atoms, parameters).total());
        }
        Path json = sideFile(out);
        AtomicFiles.writeString(json, describe(atoms, parameters, grid, slices, workers, seconds));
        System.out.printf("%s: %d atoms, %d x %d grid, %d slices of %.4g Å, %.2f s -> %s (+ %s)%n", structure.getFileName(),
                atoms.size(), grid.ny(), grid.nx(), slices.count(), slices.thicknessAngstrom(), seconds, out, json.getFileName());
        return 0;
    }

    static Path sideFile(Path npy) {
        String name = npy.getFileName().toString();
        String base = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(base + ".json");
    }

    private static int[] parseGrid(String text) {
        String[] parts = text.toLowerCase().split("x");
        try {
            if (parts.length == 2) {
                int ny = Integer.parseInt(parts[0].trim());
                int nx = Integer.parseInt(parts[1].trim());
                if (ny > 0 && nx > 0) {
                    return new int[] {ny, nx};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AtomfinderException("--grid must look like 640x640 (rows x columns), got '" + text + "'");
    }

    private String describe(Atoms atoms, SimulationParameters p, Grid grid, SliceLayout slices, int workers,
            double seconds) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("structure", structure.toAbsolutePath().toString());
        m.put("n_atoms", atoms.size());
        m.put("cell_A", List.of(atoms.cell().aAngstrom(), atoms.cell().bAngstrom(), atoms.cell().cAngstrom()));
        m.put("energy_eV", p.energyEv());
        m.put("wavelength_A", p.wavelengthAngstrom());
        m.put("sigma_rad_per_VA", p.interactionParameter());
        m.put("requested_sampling_A", p.samplingAngstrom());
        m.put("grid_ny_nx", List.of(grid.ny(), grid.nx()));
        m.put("sampling_A", List.of(grid.dyAngstrom(), grid.dxAngstrom()));
        m.put("requested_slice_thickness_A", p.sliceThicknessAngstrom());
        m.put("num_slices", slices.count());
        m.put("slice_thickness_A", slices.thicknessAngstrom());
        m.put("parametrisation", p.parametrisation().id());
        m.put("parametrisation_citation", p.parametrisation().citation());
        m.put("projection", "infinite; each atom wholly in the slice containing its z; bilinear "
                + "sub-pixel deposition, FFT, x f(k)/(kappa dx dy sin(u)/u), u=|(kx dx, ky dy)|, inverse FFT");
        m.put("antialias", Map.of("cutoff_invA", Antialias.cutoffInverseAngstrom(grid),
                "taper_invA", Antialias.taperInverseAngstrom(grid),
                "applied_to", "transmission function of each slice and the Fresnel propagator"));
        m.put("multislice_order", "psi=1; per slice holding atoms psi <- IFFT(P * FFT(t * psi)); a slice acts at "
                + "its atoms' f(0)-weighted mean z, P propagates to the next such plane, after the last to z = c");
        m.put("phonon_configurations", p.phononConfigurations());
        m.put("phonon_sigma_A", p.phononSigmaAngstrom());
        m.put("seed", p.seed());
        m.put("phonon_average", p.phononConfigurations() > 1 ? "coherent mean of the configurations' exit waves" : "none");
        m.put("output", Map.of("file", out.toAbsolutePath().toString(), "dtype", "complex64",
                "shape", List.of(grid.ny(), grid.nx()), "axes", "[y][x], pixel (iy, ix) centred at (iy*dy, ix*dx)"));
        if (projectedPotential != null) {
            m.put("projected_potential", Map.of("file", projectedPotential.toAbsolutePath().toString(),
                    "dtype", "float32", "units", "V*A, summed over slices (static lattice)"));
        }
        m.put("fft_convention", "forward exp(-2 pi i k.x), k = fftfreq(n, d) in 1/A (docs/conventions.md)");
        m.put("threads", workers);
        m.put("seconds", seconds);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    }
}
