package io.github.atomfinder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.Npy;
import io.github.atomfinder.io.NpyArray;
import io.github.atomfinder.optics.Aberrations;
import io.github.atomfinder.optics.ImageFormation;
import io.github.atomfinder.optics.Microscope;
import io.github.atomfinder.optics.MicroscopeDistribution;
import io.github.atomfinder.optics.Mtf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code atomfinder image}: a micrograph from a simulated exit wave through a given or random microscope. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Form a noisy TEM image from an exit wave (complex .npy) through a microscope and detector.",
        footer = {"",
            "Sign convention: defocus = -C10 (as in abTEM), so a positive defocus is",
            "underfocus. With a negative Cs (aberration-corrected) atoms are bright at a",
            "negative defocus, e.g. the Scherzer defocus sign(Cs)*sqrt(1.5*|Cs|*lambda)",
            "= -112 A for Cs = -20 um (--cs -2e5) at 80 kV; a positive Cs with a",
            "positive defocus gives dark atoms. Lengths in A (1 um = 1e4 A,",
            "1 mm = 1e7 A), angles in mrad or rad as named.",
            "",
            "The wave's pixel size and energy come from WAVE.json beside WAVE.npy",
            "(written by 'simulate': \"sampling_A\": [dy, dx], \"energy_eV\"), else from",
            "--wave-sampling and --energy, which also override the side file.",
            "",
            "Order: lens transfer (aberrations, focal-spread and convergence envelopes,",
            "aperture), intensity, Fourier resampling to --pixel-size, Gaussian blur,",
            "Poisson dose noise, detector MTF. Without --dose the image is the noiseless",
            "intensity (vacuum = 1); with it, electrons per pixel (vacuum = dose*dx*dy).",
            "",
            "--random PRESET|FILE.json draws every parameter (presets: graphene-80kv,",
            "gold-300kv; JSON keys as in those presets, e.g. \"defocus_A\":",
            "{\"uniform\": [-200, 200]}); options given explicitly replace drawn values.",
            "",
            "Example:",
            "  atomfinder image wave.npy --defocus -100 --cs -2e5 --focal-spread 30 \\",
            "      --dose 1e3 --mtf 0.05,0.5,2.5 --pixel-size 0.12 --seed 1 --out image.tif"})
public final class ImageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WAVE", description = "Exit wave: complex .npy, [y][x].")
    Path wave;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output image (.tif 32-bit float with pixel size, or .npy).")
    Path out;

    @Option(names = "--wave-sampling", paramLabel = "DY[,DX]", description = "Pixel size of the wave in Å (one value for square pixels).")
    String waveSampling;

    @Option(names = "--energy", paramLabel = "EV", description = "Beam energy in eV.")
    Double energyEv;

    @Option(names = "--random", paramLabel = "PRESET|FILE", description = "Draw the microscope from a preset or JSON distribution.")
    String random;

    @Option(names = "--focal-series", paramLabel = "OFFSETS",
            description = "Defocus offsets in Å added to the defocus, e.g. -130,0,130: one image each, written as "
                    + "OUT with _0, _1, ... before the extension.")
    String focalSeries;

    @Option(names = "--save-microscope", paramLabel = "FILE.json",
            description = "Also write the microscope used (every parameter fixed); --random FILE.json replays it.")
    Path saveMicroscope;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (noise and --random draws); default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--defocus", paramLabel = "A", description = "Defocus in Å (= -C10; positive = underfocus).")
    Double defocus;

    @Option(names = "--cs", paramLabel = "A", description = "Spherical aberration Cs = C30 in Å (-20 µm = -2e5).")
    Double cs;

    @Option(names = "--c5", paramLabel = "A", description = "Fifth-order spherical aberration C5 = C50 in Å (1 mm = 1e7).")
    Double c5;

    @Option(names = "--astigmatism", paramLabel = "A", description = "Two-fold astigmatism C12 in Å.")
    Double astigmatism;

    @Option(names = "--astigmatism-angle", paramLabel = "RAD", description = "Azimuth φ12 of the astigmatism in rad.")
    Double astigmatismAngle;

    @Option(names = "--aberration", paramLabel = "CNM=A[@RAD]",
            description = "Any polar coefficient, e.g. C23=500@0.3 or C34=1e5 (repeatable; C10..C56).")
    String[] aberrations = {};

    @Option(names = "--focal-spread", paramLabel = "A", description = "Focal spread (1/e half-width) in Å.")
    Double focalSpread;

    @Option(names = "--convergence", paramLabel = "MRAD", description = "Illumination convergence semi-angle in mrad.")
    Double convergenceMrad;

    @Option(names = "--aperture", paramLabel = "MRAD", description = "Objective aperture semi-angle in mrad (default none).")
    Double apertureMrad;

    @Option(names = "--aperture-edge", paramLabel = "MRAD", defaultValue = "0.5",
            description = "Width of the aperture's soft (cosine) edge in mrad; default ${DEFAULT-VALUE}.")
    double apertureEdgeMrad;

    @Option(names = "--blur", paramLabel = "A", description = "Gaussian blur standard deviation in Å.")
    Double blur;

    @Option(names = "--dose", paramLabel = "E_PER_A2", description = "Electron dose in e/Å² (Poisson noise); default noiseless.")
    Double dose;

    @Option(names = "--mtf", paramLabel = "[C0,]C1,C2,C3",
            description = "Detector MTF (paper eq. 5; C0 = MTF(0), default 1), frequencies relative to Nyquist.")
    String mtf;

    @Option(names = "--pixel-size", paramLabel = "A", description = "Output pixel size in Å (default: the wave's).")
    Double pixelSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        WaveInput input = readWave();
        SplittableRandom draws = new SplittableRandom(seed);
        // Noise from its own stream, so replaying a saved microscope with the same seed gives the same image.
        SplittableRandom noise = draws.split();
        Microscope microscope = random == null ? Microscope.ideal(input.energyEv)
                : MicroscopeDistribution.presetOrFile(random).sample(draws);
        microscope = applyOptions(microscope, input.energyEv);
        double[] offsets = focalSeries == null ? new double[] {0} : numbers("--focal-series", focalSeries);
        List<RealImage> images = ImageFormation.focalSeries(input.field, microscope, offsets, noise);
        PrintWriter console = spec.commandLine().getOut();
        for (int i = 0; i < images.size(); i++) {
            Path file = focalSeries == null ? out : seriesFile(out, i);
            RealImage image = images.get(i);
            ImageFiles.write(file, image);
            console.printf("%s: %d x %d px at %.4f x %.4f Å, defocus %.1f Å%n", file, image.ny(), image.nx(),
                    image.grid().dyAngstrom(), image.grid().dxAngstrom(), microscope.aberrations().defocusAngstrom() + offsets[i]);
        }
        console.printf("microscope: %s%n", describe(microscope));
        if (saveMicroscope != null) {
            MicroscopeDistribution.fixed("used for " + out.getFileName(), microscope).write(saveMicroscope);
        }
        console.flush();
        return 0;
    }

    /** image.npy → image_0.npy, image_1.npy, ... */
    private static Path seriesFile(Path out, int index) {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return out.resolveSibling(stem + "_" + index + extension);
    }

    private record WaveInput(ComplexField field, double energyEv) {
    }

    private WaveInput readWave() throws IOException {
        NpyArray array = Npy.read(wave);
        if (!array.isComplex() || array.shape().length != 2) {
            throw new AtomfinderException(wave + ": expected a 2-D complex exit wave, got " + array.dtype() + " of shape "
                    + Arrays.toString(array.shape()));
        }
        double dy = Double.NaN;
        double dx = Double.NaN;
        double energy = Double.NaN;
        String name = wave.getFileName().toString();
        Path side = wave.resolveSibling((name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name) + ".json");
        if (Files.isRegularFile(side)) {
            JsonNode meta = new ObjectMapper().readTree(side.toFile());
            JsonNode sampling = meta.get("sampling_A");
            if (sampling != null && sampling.isArray() && sampling.size() == 2) {
                dy = sampling.get(0).asDouble();
                dx = sampling.get(1).asDouble();
            }
            if (meta.hasNonNull("energy_eV")) {
                energy = meta.get("energy_eV").asDouble();
            }
        }
        if (waveSampling != null) {
            double[] d = numbers("--wave-sampling", waveSampling);
            if (d.length < 1 || d.length > 2) {
                throw new AtomfinderException("--wave-sampling takes DY or DY,DX in Å, got " + waveSampling);
            }
            dy = d[0];
            dx = d[d.length - 1];
        }
        if (energyEv != null) {
            energy = energyEv;
        }
        if (Double.isNaN(dy)) {
            throw new AtomfinderException(wave + ": pixel size unknown: no \"sampling_A\" in " + side + "; give --wave-sampling");
        }
        if (Double.isNaN(energy)) {
            throw new AtomfinderException(wave + ": beam energy unknown: no \"energy_eV\" in " + side + "; give --energy");
        }
        try {
            return new WaveInput(array.toComplexField(new Grid(array.shape()[0], array.shape()[1], dy, dx)), energy);
        } catch (IllegalArgumentException e) {
            throw new AtomfinderException(wave + ": " + e.getMessage(), e);
        }
    }

    private Microscope applyOptions(Microscope drawn, double waveEnergyEv) {
        try {
            Aberrations a = drawn.aberrations();
            if (defocus != null) {
                a = a.withDefocus(defocus);
            }
            if (cs != null) {
                a = a.withCs(cs);
            }
            if (c5 != null) {
                a = a.withC5(c5);
            }
            if (astigmatism != null || astigmatismAngle != null) {
                a = a.withAstigmatism(astigmatism != null ? astigmatism : a.magnitudeAngstrom(Aberrations.Term.C12),
                        astigmatismAngle != null ? astigmatismAngle : a.angleRad(Aberrations.Term.C12));
            }
            for (String term : aberrations) {
                a = parseAberration(a, term);
            }
            // The wave was computed at its own energy: a drawn energy cannot change it.
            Microscope m = new Microscope(waveEnergyEv, a, drawn.focalSpreadAngstrom(), drawn.convergenceSemiAngleRad(),
                    drawn.apertureSemiAngleRad(), drawn.apertureEdgeRad(), drawn.blurSigmaAngstrom(),
                    drawn.doseElectronsPerA2(), drawn.mtf(), drawn.pixelSizeAngstrom());
            if (focalSpread != null) {
                m = m.withFocalSpread(focalSpread);
            }
            if (convergenceMrad != null) {
                m = m.withConvergence(convergenceMrad * 1e-3);
            }
            if (apertureMrad != null) {
                m = m.withAperture(apertureMrad * 1e-3, apertureEdgeMrad * 1e-3);
            }
            if (blur != null) {
                m = m.withBlur(blur);
            }
            if (dose != null) {
                m = m.withDose(dose);
            }
            if (mtf != null) {
                double[] c = numbers("--mtf", mtf);
                m = m.withMtf(switch (c.length) {
                    case 3 -> Mtf.paper(c[0], c[1], c[2]);
                    case 4 -> new Mtf(c[0], c[1], c[2], c[3]);
                    default -> throw new AtomfinderException("--mtf takes C1,C2,C3 or C0,C1,C2,C3, got " + mtf);
                });
            }
            if (pixelSize != null) {
                m = m.withPixelSize(pixelSize);
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new AtomfinderException("invalid microscope: " + e.getMessage(), e);
        }
    }

    private static double[] numbers(String option, String text) {
        try {
            return Arrays.stream(text.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new AtomfinderException(option + ": expected comma-separated numbers, got " + text, e);
        }
    }

    private static Aberrations parseAberration(Aberrations a, String spec) {
        String[] nameValue = spec.split("=", 2);
        if (nameValue.length != 2) {
            throw new AtomfinderException("--aberration " + spec + ": expected CNM=A or CNM=A@RAD");
        }
        try {
            Aberrations.Term term = Aberrations.Term.parse(nameValue[0].trim());
            String[] valueAngle = nameValue[1].split("@", 2);
            double magnitude = Double.parseDouble(valueAngle[0].trim());
            double angle = valueAngle.length == 2 ? Double.parseDouble(valueAngle[1].trim()) : a.angleRad(term);
            return a.with(term, magnitude, angle);
        } catch (IllegalArgumentException e) {
            throw new AtomfinderException("--aberration " + spec + ": " + e.getMessage(), e);
        }
    }

    private static String describe(Microscope m) {
        return String.format(java.util.Locale.ROOT,
                "%.0f eV, defocus %.1f Å, %s, focal spread %.1f Å, blur %.3f Å, dose %s, MTF %s",
                m.energyEv(), m.aberrations().defocusAngstrom() + 0.0, m.aberrations(),
                m.focalSpreadAngstrom(), m.blurSigmaAngstrom(),
                m.isNoiseless() ? "none" : String.format(java.util.Locale.ROOT, "%.4g e/Å²", m.doseElectronsPerA2()),
                m.mtf().isIdentity() ? "none" : m.mtf().toString());
    }
}
