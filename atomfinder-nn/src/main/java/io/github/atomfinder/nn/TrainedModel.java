package io.github.atomfinder.nn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.atomfinder.errors.AtomfinderException;
import io.github.atomfinder.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * A network with its {@link ModelCard}: the model bundle. A bundle is one folder holding {@code model.json}
 * and the weights file it names; loading needs nothing else. A training checkpoint also holds the optimizer
 * state file the card names ({@link ResumableAdam}), read only when training resumes. Native memory lives until
 * {@link #close()}.
 *
 * <p>Saving writes the new weights file and optimizer state under step-numbered names, then the card, each
 * atomically, then removes older weights and optimizer states: a crash at any moment leaves a card that names
 * complete files.
 */
public final class TrainedModel implements AutoCloseable {

    public static final String CARD_FILE = "model.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Model model;
    private final FusionNet net;
    private ModelCard card;
    /** The folder the card was last read from or written to; null for a network not yet saved. */
    private Path directory;

    private TrainedModel(Model model, FusionNet net, ModelCard card, Path directory) {
        this.model = model;
        this.net = net;
        this.card = card;
        this.directory = directory;
    }

    /** A new, randomly initialised network (He init from {@code seed}; bilinear up-samplers). */
    public static TrainedModel create(ModelCard card, long seed) {
        Model model = Model.newInstance("fusionnet", Device.cpu(), "PyTorch");
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        FusionNet net = new FusionNet(card.architecture());
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, initShape(card.architecture()));
        return new TrainedModel(model, net, card, null);
    }

    /** Loads the bundle in {@code directory}. */
    public static TrainedModel load(Path directory) throws IOException {
        ModelCard card = readCard(directory);
        Path weights = directory.resolve(card.weightsFile());
        Model model = Model.newInstance("fusionnet", Device.cpu(), "PyTorch");
        FusionNet net = new FusionNet(card.architecture());
        model.setBlock(net);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(weights), 1 << 16)) {
            net.loadParameters(model.getNDManager(), new DataInputStream(in));
        } catch (MalformedModelException | IOException e) {
            model.close();
            throw new AtomfinderException("cannot read weights " + weights + ": " + e.getMessage(), e);
        }
        return new TrainedModel(model, net, card, directory);
    }

    /** The model card of the bundle in {@code directory}, without loading its weights. */
    public static ModelCard readCard(Path directory) {
        Path cardFile = directory.resolve(CARD_FILE);
        if (!Files.isRegularFile(cardFile)) {
            throw new AtomfinderException("model folder " + directory + " has no " + CARD_FILE);
        }
        ModelCard card;
        try {
            card = JSON.readValue(cardFile.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new AtomfinderException("cannot read model card " + cardFile + ": " + e.getMessage(), e);
        }
        if (!ModelCard.FORMAT.equals(card.format())) {
            throw new AtomfinderException(cardFile + " has format " + card.format() + ", expected " + ModelCard.FORMAT);
        }
        return card;
    }

    /**
     * This network inside a wider one ({@code baseWidth} feature maps at full resolution, more than the card's) that
     * computes exactly the same maps, so a run can grow its network and keep what it has learnt (Net2Net, Chen et
     * al. 2016, with zero-initialised connections instead of duplicated units). Every parameter of the wider net
     * starts as a fresh one ({@code seed}; bilinear up-samplers) with this net's values copied into the leading
     * channels of each axis; weights from the new input channels into the old output channels are zero. The old
     * channels therefore ignore the new ones, the class scores read only old channels, and the output is unchanged
     * (up to float rounding), while gradients reach the zero weights from the first step. Channel order makes the
     * leading-channel embedding exact: feature maps are per-channel throughout (batch norm, residual sums, additive
     * skips, pooling) and the pixel shuffle reads channel {@code 4c + 2a + b} for output channel c. The card keeps
     * its steps, validation and training record, with the new architecture and no optimizer state (Adam's moments
     * have the old shapes); the bundle is not written.
     */
    public TrainedModel widened(int baseWidth, long seed) {
        FusionNetArchitecture a = card.architecture();
        if (baseWidth < a.baseWidth()) {
            throw new AtomfinderException("a network of base width " + a.baseWidth() + " cannot be narrowed to " + baseWidth);
        }
        return grown(new FusionNetArchitecture(a.inputChannels(), a.classes(), baseWidth, a.levels(), a.globalContext()), seed);
    }

    /**
     * This network with a {@link FusionNetArchitecture#globalContext() global context} added: every parameter is
     * copied, and the context's last layer starts at zero, so the maps are unchanged until training moves it. The
     * card keeps its steps, validation and training record, with the new architecture and no optimizer state; the
     * bundle is not written.
     */
    public TrainedModel withGlobalContext(long seed) {
        FusionNetArchitecture a = card.architecture();
        if (a.globalContext()) {
            throw new AtomfinderException("the network already has a global context");
        }
        return grown(new FusionNetArchitecture(a.inputChannels(), a.classes(), a.baseWidth(), a.levels(), true), seed);
    }

    /**
     * A fresh network of the {@code larger} architecture ({@code seed}) with every parameter of this one embedded in
     * its namesake ({@link #embed}: an exact copy where the shapes agree). Parameters the larger network adds come
     * after this one's, in the order blocks are registered.
     */
    private TrainedModel grown(FusionNetArchitecture larger, long seed) {
        TrainedModel result = create(card.withArchitecture(larger), seed);
        result.directory = directory;
        PairList<String, Parameter> from = net.getParameters();
        PairList<String, Parameter> to = result.net.getParameters();
        try {
            for (int i = 0; i < from.size(); i++) {
                if (!from.keyAt(i).equals(to.keyAt(i))) {
                    throw new IllegalStateException("parameter " + i + " is " + from.keyAt(i) + " here and " + to.keyAt(i)
                            + " in the grown network");
                }
                embed(from.valueAt(i).getArray(), to.valueAt(i).getArray());
            }
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        return result;
    }

    /** Copies {@code narrow} into the leading corner of {@code wide} and, for conv weights, zeroes the old outputs' new inputs. */
    private static void embed(NDArray narrow, NDArray wide) {
        long[] n = narrow.getShape().getShape();
        long[] w = wide.getShape().getShape();
        if (n.length != w.length) {
            throw new IllegalStateException("parameter shapes " + narrow.getShape() + " and " + wide.getShape() + " differ in rank");
        }
        for (int d = 0; d < n.length; d++) {
            if (n[d] > w[d]) {
                throw new IllegalStateException("parameter shape " + narrow.getShape() + " does not fit in " + wide.getShape());
            }
        }
        float[] src = narrow.toFloatArray();
        float[] dst = wide.toFloatArray();
        int[] index = new int[n.length];
        for (int s = 0; s < src.length; s++) {
            int flat = 0;
            for (int d = 0; d < n.length; d++) {
                flat = flat * (int) w[d] + index[d];
            }
            dst[flat] = src[s];
            for (int d = n.length - 1; d >= 0 && ++index[d] == n[d]; d--) {
                index[d] = 0;
            }
        }
        // Conv weights are [out][in][kh][kw]: the old outputs must not read the new inputs.
        if (n.length == 4 && w[1] > n[1]) {
            int plane = (int) (w[2] * w[3]);
            for (int out = 0; out < n[0]; out++) {
                int start = (int) ((out * w[1] + n[1]) * plane);
                int end = (int) ((out + 1) * w[1] * plane);
                Arrays.fill(dst, start, end, 0f);
            }
        }
        wide.set(dst);
    }

    /**
     * Writes the bundle into {@code directory} (created if needed) with this card. An optimizer state file the card
     * names is kept, not written: saving into the folder the checkpoint came from keeps its state.
     */
    public void save(Path directory, ModelCard newCard) throws IOException {
        write(directory, newCard, null);
    }

    /** Writes a training checkpoint: the bundle and, as the card's {@code optimizerFile}, the optimizer's state. */
    public void save(Path directory, ModelCard newCard, ResumableAdam optimizer) throws IOException {
        if (newCard.optimizerFile() == null) {
            throw new IllegalArgumentException("the card names no optimizer state file");
        }
        write(directory, newCard, optimizer);
    }

    private void write(Path directory, ModelCard newCard, ResumableAdam optimizer) throws IOException {
        Files.createDirectories(directory);
        AtomicFiles.write(directory.resolve(newCard.weightsFile()), out -> {
            DataOutputStream data = new DataOutputStream(out);
            net.saveParameters(data);
            data.flush();
        });
        if (optimizer != null) {
            AtomicFiles.write(directory.resolve(newCard.optimizerFile()), out -> optimizer.write(out, net.getParameters()));
        }
        AtomicFiles.writeString(directory.resolve(CARD_FILE), JSON.writeValueAsString(newCard));
        deleteOthers(directory, "weights-*.params", newCard.weightsFile());
        // An optimizer state is twice the size of the trainable weights and only the latest one is resumed from.
        deleteOthers(directory, "optimizer-*.params", newCard.optimizerFile());
        card = newCard;
        this.directory = directory;
    }

    private static void deleteOthers(Path directory, String glob, String kept) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, glob)) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(kept)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The conventional weights file name for a step count. */
    public static String weightsFileName(long steps) {
        return String.format("weights-%08d.params", steps);
    }

    /** The conventional optimizer state file name for a step count. */
    public static String optimizerFileName(long steps) {
        return String.format("optimizer-%08d.params", steps);
    }

    /**
     * The optimizer state file the card names, in the folder the bundle was read from or last saved to; empty when
     * the card names none or the bundle has no folder yet. The file itself may be missing (a bundle copied without it).
     */
    public Optional<Path> optimizerStateFile() {
        return directory == null || card.optimizerFile() == null ? Optional.empty()
                : Optional.of(directory.resolve(card.optimizerFile()));
    }

    /** The folder the bundle was read from or last saved to, if any. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    public ModelCard card() {
        return card;
    }

    public FusionNet net() {
        return net;
    }

    public Model djlModel() {
        return model;
    }

    public NDManager manager() {
        return model.getNDManager();
    }

    private static Shape initShape(FusionNetArchitecture a) {
        return new Shape(1, a.inputChannels(), a.sizeMultiple(), a.sizeMultiple());
    }

    @Override
    public void close() {
        model.close();
    }
}
