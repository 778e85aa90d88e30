package io.github.atomfinder.cli;

import io.github.atomfinder.analysis.GrapheneOverlay;
import io.github.atomfinder.analysis.GrapheneSummary;
import io.github.atomfinder.analysis.GrapheneSummaryFiles;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.io.AtomicFiles;
import io.github.atomfinder.io.ImageFiles;
import io.github.atomfinder.io.LoadedImage;
import io.github.atomfinder.nn.ModelCard;
import io.github.atomfinder.nn.Segmenter;
import io.github.atomfinder.nn.TrainedModel;
import io.github.atomfinder.postprocess.AtomDecoder;
import io.github.atomfinder.postprocess.Detection;
import io.github.atomfinder.postprocess.DetectionFiles;
import io.github.atomfinder.postprocess.Detections;
import io.github.atomfinder.postprocess.Mask;
import io.github.atomfinder.postprocess.Overlay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code atomfinder analyze IMAGE... --model NAME --out DIR}: atoms found by a trained network, with maps and overlays. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find the atoms in images with a trained model and write their positions, classes and confidences.%n"
                + "Every frame of every file is analysed. Per frame the output holds atoms.csv (x_px,y_px,x_A,y_A,class,"
                + "confidence, then p_<class> per class; pixel centres at integer coordinates, the first pixel at 0,0), "
                + "atoms.json (the same with the image, model and thresholds), probability-<class>.tif (float maps, "
                + "calibrated) and overlay.png (the atoms on the image). With one frame in total these go directly in "
                + "DIR, otherwise in a subfolder per file (and frame: NAME_frame003). The output folder appears only "
                + "when everything succeeded.%n"
                + "Post-processing: a model with one class, or with [background, X], gives atoms at the maxima of the "
                + "atom map above --threshold and at least --min-distance apart; a model with more classes is "
                + "segmented by watershed (--epsilon, --discard-ratio) and each segment's class is its largest "
                + "summed probability.")
public final class AnalyzeCommand implements Callable<Integer> {

    /** Smallest image side in pixels (at the file's and at the model's pixel size) the network is run on. */
    static final int MIN_SIDE_PX = 16;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "image files (any format 'info' reads); stacks give one result per frame")
    List<Path> images;

    @Option(names = "--model", required = true, paramLabel = "NAME|DIR",
            description = "model bundle folder, or a name under models/ of the atomfinder folder or the current directory")
    String model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (must not exist or be empty)")
    Path out;

    @Option(names = "--pixel-size", paramLabel = "Å", description = "pixel size in Å; needed for uncalibrated files, overrides a file's calibration")
    Double pixelSizeAngstrom;

    @Mixin
    DetectionOptions detection;

    @Option(names = "--mask", paramLabel = "MASK_IMAGE", description = "image of the same size; atoms on nonzero pixels are dropped")
    Path maskFile;

    @Option(names = "--mask-polygon", paramLabel = "x1,y1;x2,y2;...", description = "polygon in pixel coordinates; atoms inside are dropped")
    String maskPolygon;

    @Option(names = "--colour", defaultValue = "class", paramLabel = "class|confidence",
            description = "overlay marks coloured by class or by confidence. Default: ${DEFAULT-VALUE}")
    String colour;

    @Option(names = "--graphene-summary",
            description = "also write graphene.json, graphene.txt and graphene-overlay.png (bonds, rings, defects) per frame")
    boolean grapheneSummary;

    @Spec
    CommandSpec spec;

    /** One frame to analyse, with the folder (relative to the output; empty for the output itself) it writes to. */
    private record Job(Path file, int frame, int frames, RealImage image, String folder) {

        String label() {
            return file.getFileName() + (frames > 1 ? " frame " + frame : "");
        }
    }

    @Override
    public Integer call() throws IOException {
        Overlay.Colouring colouring = parseColouring();
        AtomDecoder decoder = detection.decoder();
        Segmenter.Symmetrization symmetrization = detection.symmetrization();
        if (pixelSizeAngstrom != null && !(pixelSizeAngstrom > 0 && Double.isFinite(pixelSizeAngstrom))) {
            throw new AtomfinderException("--pixel-size must be a positive number of Å, got " + pixelSizeAngstrom);
        }
        OutputFolders.requireNewOrEmpty(out);
        Path modelDir = ModelLocator.resolve(model);
        List<double[]> polygon = maskPolygon == null ? null : Mask.parsePolygon(maskPolygon, "--mask-polygon");
        RealImage maskImage = maskFile == null ? null : readMask();
        PrintWriter stdout = spec.commandLine().getOut();
        try (TrainedModel trained = TrainedModel.load(modelDir)) {
            ModelCard card = trained.card();
            List<Job> jobs = loadJobs(card, stdout);
            Map<Path, Mask> masks = new LinkedHashMap<>();
            for (Job job : jobs) {
                masks.put(job.file(), mask(job, maskImage, polygon));
            }
            Segmenter segmenter = new Segmenter(trained, symmetrization);
            String modelName = modelDir.toAbsolutePath().normalize().getFileName().toString();
            List<String> lines = new ArrayList<>();
            AtomicFiles.writeDirectory(out, dir -> {
                try (ProgressBar bar = jobs.size() > 1 ? new ProgressBar("analyze", jobs.size()) : null) {
                    for (Job job : jobs) {
                        String line = analyse(job, dir, segmenter, card, modelName, masks.get(job.file()), decoder, colouring);
                        lines.add(line);
                        if (bar != null) {
                            bar.step(job.label());
                        }
                    }
                }
            });
            lines.forEach(stdout::println);
            stdout.println("wrote " + out);
        }
        stdout.flush();
        return 0;
    }

    private String analyse(Job job, Path dir, Segmenter segmenter, ModelCard card, String modelName, Mask mask,
            AtomDecoder decoder, Overlay.Colouring colouring) throws IOException {
        long start = System.nanoTime();
        RealImage image = job.image();
        List<RealImage> maps = segmenter.predict(List.of(image));
        List<String> classes = card.classes();
        Detections detections = decoder.decode(maps, classes);
        Map<String, Double> thresholds = decoder.thresholds(classes);
        if (mask != null) {
            detections = detections.without(mask);
        }
        Path folder = job.folder().isEmpty() ? dir : dir.resolve(job.folder());
        Files.createDirectories(folder);
        DetectionFiles.writeCsv(folder.resolve("atoms.csv"), detections);
        String imageName = job.file().getFileName() + (job.frames() > 1 ? "#" + job.frame() : "");
        DetectionFiles.writeJson(folder.resolve("atoms.json"), detections, new DetectionFiles.Metadata(imageName, modelName, thresholds,
                DetectionOptions.label(segmenter.symmetrization())));
        for (int k = 0; k < maps.size(); k++) {
            ImageFiles.write(folder.resolve("probability-" + classes.get(k) + ".tif"), maps.get(k), true);
        }
        Overlay.write(folder.resolve("overlay.png"), image, detections, colouring, Overlay.defaultRadiusPx(image.grid()));
        double meanConfidence = detections.detections().stream().mapToDouble(Detection::confidence).average().orElse(Double.NaN);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %d atoms, mean confidence %.3f", job.label(),
                detections.size(), meanConfidence));
        if (grapheneSummary) {
            GrapheneSummary summary = GrapheneSummary.of(detections, GrapheneSummary.Options.defaults());
            GrapheneSummaryFiles.writeJson(folder.resolve("graphene.json"), summary);
            GrapheneSummaryFiles.writeText(folder.resolve("graphene.txt"), summary);
            GrapheneOverlay.write(folder.resolve("graphene-overlay.png"), image, detections, summary);
            GrapheneSummary.BondStatistics b = summary.bondStatistics();
            line.append(b.count() == 0 ? ", no bonds between 3-coordinated atoms"
                    : String.format(Locale.ROOT, ", bonds %.3f ± %.3f Å (%d)", b.meanAngstrom(), b.stdAngstrom(), b.count()));
            line.append(", rings ").append(ringText(summary.ringCounts()));
        }
        line.append(String.format(Locale.ROOT, ", %.2f s", (System.nanoTime() - start) / 1e9));
        return line.toString();
    }

    private static String ringText(Map<Integer, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
    }

    private Overlay.Colouring parseColouring() {
        return switch (colour.toLowerCase(Locale.ROOT)) {
            case "class" -> Overlay.Colouring.CLASS;
            case "confidence" -> Overlay.Colouring.CONFIDENCE;
            default -> throw new AtomfinderException("--colour must be 'class' or 'confidence', got '" + colour + "'");
        };
    }

    private RealImage readMask() {
        List<LoadedImage> loaded = ImageFiles.read(maskFile);
        if (loaded.size() != 1) {
            throw new AtomfinderException("--mask " + maskFile + ": expected one image, found " + loaded.size() + " frames");
        }
        return loaded.get(0).image();
    }

    private Mask mask(Job job, RealImage maskImage, List<double[]> polygon) {
        Mask mask = null;
        if (maskImage != null) {
            if (maskImage.ny() != job.image().ny() || maskImage.nx() != job.image().nx()) {
                throw new AtomfinderException("--mask " + maskFile + " is " + maskImage.nx() + " x " + maskImage.ny() + " pixels but "
                        + job.file() + " is " + job.image().nx() + " x " + job.image().ny());
            }
            mask = Mask.fromImage(maskImage);
        }
        if (polygon != null) {
            Mask p = Mask.fromPolygon(job.image().ny(), job.image().nx(), polygon);
            mask = mask == null ? p : mask.or(p);
        }
        return mask;
    }

    /** Reads and checks every frame before anything is computed, so bad input fails fast and writes nothing. */
    private List<Job> loadJobs(ModelCard card, PrintWriter stdout) {
        List<List<LoadedImage>> files = new ArrayList<>();
        int total = 0;
        for (Path file : images) {
            List<LoadedImage> frames = ImageFiles.read(file);
            if (frames.isEmpty()) {
                throw new AtomfinderException(file + ": no image in the file");
            }
            files.add(frames);
            total += frames.size();
        }
        List<Job> jobs = new ArrayList<>();
        Set<String> folders = new HashSet<>();
        for (int f = 0; f < images.size(); f++) {
            Path file = images.get(f);
            List<LoadedImage> frames = files.get(f);
            String stem = stem(file);
            for (int i = 0; i < frames.size(); i++) {
                RealImage image = checked(file, frames.size() > 1 ? i : -1, frames.get(i), card, stdout, i == 0);
                String folder = "";
                if (total > 1) {
                    String base = frames.size() > 1 ? String.format(Locale.ROOT, "%s_frame%03d", stem, i) : stem;
                    folder = base;
                    for (int n = 2; !folders.add(folder); n++) {
                        folder = base + "-" + n;
                    }
                }
                jobs.add(new Job(file, i, frames.size(), image, folder));
            }
        }
        return jobs;
    }

    private RealImage checked(Path file, int frame, LoadedImage loaded, ModelCard card, PrintWriter stdout, boolean firstFrame) {
        String where = file + (frame >= 0 ? " frame " + frame : "");
        RealImage image = loaded.image();
        if (image.ny() < MIN_SIDE_PX || image.nx() < MIN_SIDE_PX) {
            throw new AtomfinderException(where + ": the image is " + image.nx() + " x " + image.ny() + " pixels; at least "
                    + MIN_SIDE_PX + " x " + MIN_SIDE_PX + " are needed");
        }
        float[] data = image.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new AtomfinderException(where + ": pixel (x " + i % image.nx() + ", y " + i / image.nx() + ") is "
                        + data[i] + "; the image must hold finite numbers only (crop or fill the bad region)");
            }
        }
        if (pixelSizeAngstrom != null) {
            if (loaded.calibrated() && firstFrame) {
                stdout.println(String.format(Locale.ROOT, "note: %s: --pixel-size %.5f Å overrides the file's %.5f Å", file,
                        pixelSizeAngstrom, image.grid().dxAngstrom()));
            }
            image = image.withPixelSize(pixelSizeAngstrom, pixelSizeAngstrom);
        } else if (!loaded.calibrated()) {
            throw new AtomfinderException(where + ": the file has no pixel size; give --pixel-size Å, or measure it with "
                    + "'atomfinder calibrate " + file + " --lattice graphene'");
        }
        double scale = Math.min(image.grid().extentYAngstrom(), image.grid().extentXAngstrom()) / card.pixelSizeAngstrom();
        if (scale < MIN_SIDE_PX) {
            throw new AtomfinderException(String.format(Locale.ROOT, "%s: the image spans %.1f pixels of the model's %.4f Å; at "
                    + "least %d are needed (check the pixel size)", where, scale, card.pixelSizeAngstrom(), MIN_SIDE_PX));
        }
        return image;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
