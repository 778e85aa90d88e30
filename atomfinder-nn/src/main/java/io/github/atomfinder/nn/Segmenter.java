package io.github.atomfinder.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.atomfinder.data.LocalNormalization;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.grid.Resampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a trained model on images of any size: resample to the model's pixel size, local normalisation,
 * pad to a multiple of 8, tiled inference, crop, resample the class maps back to the input grid.
 *
 * <p>Tiling: the image is cut into cores of {@code tileSize} pixels; each core is computed in a window that
 * extends {@link FusionNetArchitecture#receptiveRadius()} pixels (rounded up to the size multiple) beyond
 * it, clamped to the image, with window origins on multiples of the size multiple so the pooling grid is the
 * untiled one. Within that radius no pixel outside the window reaches a core pixel, so the tiles join without
 * seams and equal the untiled result; the hard cut at core borders is therefore the blend. Every window has
 * the same shape, so windows of many frames are batched together. Native memory holds one batch of windows:
 * bounded for 4096² and larger images. A network with a global context, whose outputs depend on the whole
 * frame, first runs its encoder over the windows to get the frame's mean bridge features, then runs every window
 * with that mean: again the untiled result, with the encoder run twice. Batch norm runs on its running statistics
 * (inference mode).
 *
 * <p>Symmetrization (test-time augmentation over the rotations and mirrors the network was trained with): the
 * padded frame at the model's pixel size is rotated / mirrored, each copy runs through the tiling above, its
 * class maps are transformed back exactly (pixel permutations) and the maps are averaged, so they still sum to 1
 * per pixel. For a frame whose sides are already multiples of the size multiple the averaged maps are exactly
 * equivariant under the chosen group (up to float rounding of the sum); otherwise the edge padding sits at the
 * bottom and right of the frame and only pixels within the receptive radius of those edges can differ.
 */
public final class Segmenter {

    /**
     * Default core side in pixels. With the 144-pixel margin of a 3-level net a window is 1312² (≈1.5 GB of
     * activations at base width 32), images up to 1312² run in one window, and a 4096² image costs 1.6× the
     * untiled pixel count.
     */
    public static final int DEFAULT_TILE = 1024;

    /** Which transforms of each frame the class maps are averaged over; the cost grows with {@link #count()}. */
    public enum Symmetrization {
        /** The frame as it is. */
        NONE(List.of(DihedralTransform.IDENTITY)),
        /** The four rotations by multiples of 90°. */
        ROTATIONS_4(DihedralTransform.ROTATIONS),
        /** The dihedral group of the square: the four rotations and four mirrors. */
        DIHEDRAL_8(List.of(DihedralTransform.values()));

        private final List<DihedralTransform> transforms;

        Symmetrization(List<DihedralTransform> transforms) {
            this.transforms = transforms;
        }

        /** Network passes per frame. */
        public int count() {
            return transforms.size();
        }

        List<DihedralTransform> transforms() {
            return transforms;
        }
    }

    private final TrainedModel model;
    private final int tileSize;
    private final int windowsPerBatch;
    private final Symmetrization symmetrization;

    public Segmenter(TrainedModel model) {
        this(model, Symmetrization.NONE);
    }

    public Segmenter(TrainedModel model, Symmetrization symmetrization) {
        this(model, DEFAULT_TILE, 1, symmetrization);
    }

    public Segmenter(TrainedModel model, int tileSize, int windowsPerBatch) {
        this(model, tileSize, windowsPerBatch, Symmetrization.NONE);
    }

    public Segmenter(TrainedModel model, int tileSize, int windowsPerBatch, Symmetrization symmetrization) {
        int m = model.card().architecture().sizeMultiple();
        if (tileSize < m || tileSize % m != 0 || windowsPerBatch < 1) {
            throw new AtomfinderException("tile size must be a positive multiple of " + m + ", got " + tileSize);
        }
        this.model = model;
        this.tileSize = tileSize;
        this.windowsPerBatch = windowsPerBatch;
        this.symmetrization = Objects.requireNonNull(symmetrization, "symmetrization");
    }

    public Symmetrization symmetrization() {
        return symmetrization;
    }

    /**
     * Class probability maps of one frame, on the frame's grid. {@code channels} holds the frame's image (or
     * its focal series, in the model's channel order), all on one grid with the true pixel size.
     */
    public List<RealImage> predict(List<RealImage> channels) {
        return predictFrames(List.of(channels)).get(0);
    }

    /** {@link #predict} for many frames, batched. */
    public List<List<RealImage>> predictFrames(List<List<RealImage>> frames) {
        ModelCard card = model.card();
        List<float[][]> prepared = new ArrayList<>();
        Grid first = frames.get(0).get(0).grid();
        Grid target = modelGrid(first, card.pixelSizeAngstrom());
        for (List<RealImage> frame : frames) {
            if (frame.size() != card.architecture().inputChannels()) {
                throw new AtomfinderException("the model expects " + card.architecture().inputChannels()
                        + " image(s) per frame, got " + frame.size());
            }
            List<RealImage> resampled = new ArrayList<>();
            for (RealImage image : frame) {
                if (!image.grid().equals(first)) {
                    throw new AtomfinderException("all frames and focal-series images must share one size and pixel size");
                }
                resampled.add(resample(image, target));
            }
            List<RealImage> normalised = LocalNormalization.normalizeSeries(resampled, card.normalizationSigmaAngstrom());
            float[][] channels = new float[normalised.size()][];
            for (int c = 0; c < channels.length; c++) {
                channels[c] = normalised.get(c).data();
            }
            prepared.add(channels);
        }
        List<float[][]> maps = predictPrepared(prepared, target.ny(), target.nx());
        List<List<RealImage>> result = new ArrayList<>();
        for (float[][] frameMaps : maps) {
            List<RealImage> classes = new ArrayList<>();
            for (float[] map : frameMaps) {
                classes.add(resample(new RealImage(target, map), first));
            }
            result.add(classes);
        }
        return result;
    }

    /**
     * Class maps {@code [k][ny*nx]} for frames already at the model's pixel size and normalised
     * ({@code [c][ny*nx]} each). Each frame is padded to a multiple of the size multiple; with symmetrization
     * every transform of the padded frame is run and its maps are transformed back before the average.
     */
    public List<float[][]> predictPrepared(List<float[][]> frames, int ny, int nx) {
        int m = model.card().architecture().sizeMultiple();
        int py = roundUp(ny, m);
        int px = roundUp(nx, m);
        List<float[][]> padded = new ArrayList<>();
        for (float[][] frame : frames) {
            float[][] p = new float[frame.length][];
            for (int c = 0; c < frame.length; c++) {
                p[c] = padByEdge(frame[c], ny, nx, py, px);
            }
            padded.add(p);
        }
        List<DihedralTransform> transforms = symmetrization.transforms();
        float[][][] sums = new float[frames.size()][][];
        for (DihedralTransform t : transforms) {
            int ty = t.swapsAxes() ? px : py;
            int tx = t.swapsAxes() ? py : px;
            List<float[][]> input = new ArrayList<>();
            for (float[][] frame : padded) {
                float[][] moved = new float[frame.length][];
                for (int c = 0; c < frame.length; c++) {
                    moved[c] = t.apply(frame[c], py, px);
                }
                input.add(moved);
            }
            List<float[][]> maps = predictPadded(input, ty, tx);
            DihedralTransform back = t.inverse();
            for (int f = 0; f < frames.size(); f++) {
                float[][] frameMaps = maps.get(f);
                if (sums[f] == null) {
                    sums[f] = new float[frameMaps.length][];
                }
                for (int k = 0; k < frameMaps.length; k++) {
                    float[] restored = back.apply(frameMaps[k], ty, tx);
                    if (sums[f][k] == null) {
                        sums[f][k] = restored;
                    } else {
                        for (int i = 0; i < restored.length; i++) {
                            sums[f][k][i] += restored[i];
                        }
                    }
                }
            }
        }
        List<float[][]> outputs = new ArrayList<>();
        float weight = 1f / transforms.size();
        for (float[][] frameSums : sums) {
            float[][] frameMaps = new float[frameSums.length][ny * nx];
            for (int k = 0; k < frameSums.length; k++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        frameMaps[k][y * nx + x] = frameSums[k][y * px + x] * weight;
                    }
                }
            }
            outputs.add(frameMaps);
        }
        return outputs;
    }

    /** Class maps {@code [k][py*px]} of frames whose sides are multiples of the size multiple, by tiled inference. */
    private List<float[][]> predictPadded(List<float[][]> padded, int py, int px) {
        FusionNetArchitecture a = model.card().architecture();
        int margin = roundUp(a.receptiveRadius(), a.sizeMultiple());
        List<Window> ys = windows(py, tileSize, margin);
        List<Window> xs = windows(px, tileSize, margin);
        int wy = ys.get(0).length;
        int wx = xs.get(0).length;
        List<float[][]> outputs = new ArrayList<>();
        for (int f = 0; f < padded.size(); f++) {
            outputs.add(new float[a.classes()][py * px]);
        }
        List<int[]> jobs = new ArrayList<>();
        for (int f = 0; f < padded.size(); f++) {
            for (int iy = 0; iy < ys.size(); iy++) {
                for (int ix = 0; ix < xs.size(); ix++) {
                    jobs.add(new int[] {f, iy, ix});
                }
            }
        }
        ParameterStore inference = new ParameterStore(model.manager(), false);
        boolean tiled = ys.size() * xs.size() > 1;
        float[][] contexts = a.globalContext() && tiled ? frameContexts(padded, py, px, ys, xs, jobs, inference) : null;
        for (int start = 0; start < jobs.size(); start += windowsPerBatch) {
            List<int[]> batch = jobs.subList(start, Math.min(jobs.size(), start + windowsPerBatch));
            float[] out;
            try (NDManager scope = model.manager().newSubManager()) {
                NDList in = new NDList(windowInputs(scope, padded, px, ys, xs, batch));
                if (contexts != null) {
                    in.add(scope.create(batch.stream().map(job -> contexts[job[0]]).toArray(float[][]::new))
                            .reshape(batch.size(), -1, 1, 1));
                }
                out = model.net().forward(inference, in, false).singletonOrThrow().toFloatArray();
            }
            for (int b = 0; b < batch.size(); b++) {
                int[] job = batch.get(b);
                Window y = ys.get(job[1]);
                Window x = xs.get(job[2]);
                float[][] dst = outputs.get(job[0]);
                for (int k = 0; k < a.classes(); k++) {
                    for (int r = y.coreStart; r < y.coreEnd; r++) {
                        int from = ((b * a.classes() + k) * wy + (r - y.start)) * wx - x.start;
                        System.arraycopy(out, from + x.coreStart, dst[k], r * px + x.coreStart, x.coreEnd - x.coreStart);
                    }
                }
            }
        }
        return outputs;
    }

    /** The windows of {@code batch} as one input {@code [B][C][wy][wx]}. */
    private NDArray windowInputs(NDManager scope, List<float[][]> padded, int px, List<Window> ys, List<Window> xs,
            List<int[]> batch) {
        int channels = model.card().architecture().inputChannels();
        int wy = ys.get(0).length;
        int wx = xs.get(0).length;
        float[] input = new float[batch.size() * channels * wy * wx];
        for (int b = 0; b < batch.size(); b++) {
            int[] job = batch.get(b);
            Window y = ys.get(job[1]);
            Window x = xs.get(job[2]);
            for (int c = 0; c < channels; c++) {
                float[] src = padded.get(job[0])[c];
                for (int r = 0; r < wy; r++) {
                    System.arraycopy(src, (y.start + r) * px + x.start, input, ((b * channels + c) * wy + r) * wx, wx);
                }
            }
        }
        return scope.create(input, new Shape(batch.size(), channels, wy, wx));
    }

    /**
     * Each frame's mean bridge features, for a network with a global context run over tiles: the encoder runs on
     * every window and the bridge pixels of its core are summed, which gives the untiled frame's mean (window and
     * core origins are multiples of the size multiple, one bridge pixel each).
     */
    private float[][] frameContexts(List<float[][]> padded, int py, int px, List<Window> ys, List<Window> xs,
            List<int[]> jobs, ParameterStore inference) {
        FusionNetArchitecture a = model.card().architecture();
        int m = a.sizeMultiple();
        int bridgeWidth = a.width(a.levels());
        int by = ys.get(0).length / m;
        int bx = xs.get(0).length / m;
        double[][] sums = new double[padded.size()][bridgeWidth];
        for (int start = 0; start < jobs.size(); start += windowsPerBatch) {
            List<int[]> batch = jobs.subList(start, Math.min(jobs.size(), start + windowsPerBatch));
            float[] bridge;
            try (NDManager scope = model.manager().newSubManager()) {
                bridge = model.net().bridge(inference, windowInputs(scope, padded, px, ys, xs, batch)).toFloatArray();
            }
            for (int b = 0; b < batch.size(); b++) {
                int[] job = batch.get(b);
                Window y = ys.get(job[1]);
                Window x = xs.get(job[2]);
                for (int c = 0; c < bridgeWidth; c++) {
                    double sum = 0;
                    for (int r = y.coreStart / m; r < y.coreEnd / m; r++) {
                        int row = ((b * bridgeWidth + c) * by + r - y.start / m) * bx - x.start / m;
                        for (int q = x.coreStart / m; q < x.coreEnd / m; q++) {
                            sum += bridge[row + q];
                        }
                    }
                    sums[job[0]][c] += sum;
                }
            }
        }
        float[][] means = new float[padded.size()][bridgeWidth];
        double cells = (double) (py / m) * (px / m);
        for (int f = 0; f < means.length; f++) {
            for (int c = 0; c < bridgeWidth; c++) {
                means[f][c] = (float) (sums[f][c] / cells);
            }
        }
        return means;
    }

    /** A window [start, start+length) computing the core [coreStart, coreEnd) of one axis. */
    private record Window(int start, int length, int coreStart, int coreEnd) {
    }

    private static List<Window> windows(int size, int core, int margin) {
        List<Window> list = new ArrayList<>();
        int length = core + 2 * margin;
        if (size <= length) {
            list.add(new Window(0, size, 0, size));
            return list;
        }
        for (int a = 0; a < size; a += core) {
            int start = Math.max(0, Math.min(a - margin, size - length));
            list.add(new Window(start, length, a, Math.min(size, a + core)));
        }
        return list;
    }

    private static float[] padByEdge(float[] data, int ny, int nx, int py, int px) {
        float[] out = new float[py * px];
        for (int y = 0; y < py; y++) {
            int sy = Math.min(y, ny - 1);
            for (int x = 0; x < px; x++) {
                out[y * px + x] = data[sy * nx + Math.min(x, nx - 1)];
            }
        }
        return out;
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /** The grid of the same field of view at the model's pixel size. */
    private static Grid modelGrid(Grid grid, double pixelSizeAngstrom) {
        if (Math.abs(grid.dyAngstrom() - pixelSizeAngstrom) < 1e-6 * pixelSizeAngstrom
                && Math.abs(grid.dxAngstrom() - pixelSizeAngstrom) < 1e-6 * pixelSizeAngstrom) {
            return grid;
        }
        int ny = Math.max(1, (int) Math.round(grid.extentYAngstrom() / pixelSizeAngstrom));
        int nx = Math.max(1, (int) Math.round(grid.extentXAngstrom() / pixelSizeAngstrom));
        return Grid.of(ny, nx, pixelSizeAngstrom);
    }

    private static RealImage resample(RealImage image, Grid target) {
        if (image.grid().equals(target)) {
            return image;
        }
        float[] data = Resampling.bilinear(image.data(), image.ny(), image.nx(), target.dyAngstrom() / image.grid().dyAngstrom(),
                target.dxAngstrom() / image.grid().dxAngstrom(), target.ny(), target.nx());
        return new RealImage(target, data);
    }
}
