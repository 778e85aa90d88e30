package io.github.atomfinder.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * EMD files (HDF5, read with jHDF): Thermo Fisher Velox ({@code /Data/Image/<id>/Data} as height × width ×
 * frames, calibration in the per-frame JSON {@code Metadata}) and Berkeley EMD v0.2 (groups with
 * {@code emd_group_type = 1} holding {@code data} and axis vectors {@code dim1..dimN} with units).
 */
final class EmdReader {

    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // jHDF logs every dataset read at INFO through SLF4J; that would clutter the CLI's standard output.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "warn");
        }
    }

    private EmdReader() {
    }

    static boolean hasMagic(ByteSource src) {
        return src.startsWith(0, HDF5_MAGIC);
    }

    static List<LoadedImage> read(ByteSource src) {
        try (HdfFile hdf = HdfFile.fromByteBuffer(src.buffer().duplicate())) {
            if (hdf.getChildren().get("Data") instanceof Group data && data.getChildren().get("Image") instanceof Group images) {
                List<LoadedImage> out = new ArrayList<>();
                for (Node node : images.getChildren().values()) {
                    if (node instanceof Group image && image.getChildren().get("Data") instanceof Dataset dataset) {
                        out.addAll(readVelox(src, image, dataset));
                    }
                }
                if (out.isEmpty()) {
                    throw src.error("Velox EMD file contains no image");
                }
                return out;
            }
            List<LoadedImage> out = new ArrayList<>();
            collectBerkeley(src, hdf, out, 0);
            if (out.isEmpty()) {
                throw src.error("HDF5 file contains no image (neither Velox /Data/Image nor Berkeley EMD data groups)");
            }
            return out;
        }
    }

    private static List<LoadedImage> readVelox(ByteSource src, Group image, Dataset dataset) {
        int[] dims = dataset.getDimensions();
        if (dims.length != 3) {
            throw src.error("Velox image " + image.getName() + " has " + dims.length + " dimensions, expected height x width x frames");
        }
        int ny = dims[0];
        int nx = dims[1];
        int frames = dims[2];
        float[] stored = flatten(src, dataset, (long) ny * nx * frames);
        // Velox stores frames fastest: (y, x, frame) → frame-major (frame, y, x).
        float[] data = new float[stored.length];
        int n = ny * nx;
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < frames; f++) {
                data[f * n + i] = stored[i * frames + f];
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        Frames.PixelSize size = Frames.PixelSize.none();
        if (image.getChildren().get("Metadata") instanceof Dataset metadata) {
            JsonNode json = veloxJson(src, metadata);
            JsonNode result = json.path("BinaryResult");
            String unitX = result.path("PixelUnitX").asText("");
            String unitY = result.path("PixelUnitY").asText(unitX);
            double width = result.path("PixelSize").path("width").asDouble(Double.NaN);
            double height = result.path("PixelSize").path("height").asDouble(Double.NaN);
            size = new Frames.PixelSize(height, unitY, width, unitX);
            putIfPresent(meta, "voltage (V)", json.path("Optics").path("AccelerationVoltage"));
            putIfPresent(meta, "magnification", json.path("Optics").path("NominalMagnification"));
            putIfPresent(meta, "dwell time (s)", json.path("Scan").path("DwellTime"));
            String detector = "Detector-" + result.path("DetectorIndex").asText("");
            putIfPresent(meta, "exposure (s)", json.path("Detectors").path(detector).path("ExposureTime"));
            putIfPresent(meta, "detector", json.path("Detectors").path(detector).path("DetectorName"));
            putIfPresent(meta, "microscope", json.path("Instrument").path("InstrumentModel"));
        }
        return Frames.split(data, frames, ny, nx, size, "EMD (Velox)", dtype(dataset), meta);
    }

    private static JsonNode veloxJson(ByteSource src, Dataset metadata) {
        int[] dims = metadata.getDimensions();
        if (dims.length != 2 || (long) dims[0] * dims[1] > 64L << 20) {
            throw src.error("Velox metadata block has an unexpected shape");
        }
        Object flat = metadata.getDataFlat();
        int rows = dims[0];
        int columns = dims[1];
        byte[] text = new byte[rows];
        int length = 0;
        for (int r = 0; r < rows; r++) {
            // One JSON text per frame, stored as a zero-padded column; the first frame's describes the image.
            byte b = ((Number) Array.get(flat, r * columns)).byteValue();
            if (b == 0) {
                break;
            }
            text[length++] = b;
        }
        try {
            return JSON.readTree(new String(text, 0, length, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw src.error("Velox metadata is not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static void putIfPresent(Map<String, String> meta, String key, JsonNode node) {
        if (!node.isMissingNode() && !node.isNull() && !node.asText().isEmpty()) {
            meta.put(key, node.asText());
        }
    }

    private static void collectBerkeley(ByteSource src, Group group, List<LoadedImage> out, int depth) {
        if (depth > 16) {
            return;
        }
        Attribute type = group.getAttribute("emd_group_type");
        if (type != null && ((Number) scalar(type.getData())).intValue() == 1 && group.getChildren().get("data") instanceof Dataset data) {
            out.addAll(readBerkeley(src, group, data));
            return;
        }
        for (Node child : group.getChildren().values()) {
            if (child instanceof Group g) {
                collectBerkeley(src, g, out, depth + 1);
            }
        }
    }

    private static List<LoadedImage> readBerkeley(ByteSource src, Group group, Dataset dataset) {
        int[] dims = dataset.getDimensions();
        if (dims.length < 2) {
            throw src.error("EMD data group " + group.getPath() + " is " + dims.length + "-D, not an image");
        }
        if (dims.length > 3) {
            throw src.error("EMD data group " + group.getPath() + " has " + dims.length + " dimensions (not an image or a stack)");
        }
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        float[] data = flatten(src, dataset, total);
        int rank = dims.length;
        // Berkeley EMD orders axes as stored (dim1 slowest); a 3-D stack has its frame axis first.
        int ny = dims[rank - 2];
        int nx = dims[rank - 1];
        int frames = rank == 3 ? dims[0] : 1;
        double[] dy = axisStep(group, "dim" + (rank - 1));
        double[] dx = axisStep(group, "dim" + rank);
        String unitY = axisUnit(group, "dim" + (rank - 1));
        String unitX = axisUnit(group, "dim" + rank);
        Map<String, String> meta = new LinkedHashMap<>();
        Group root = group.getParent() == null ? null : group.getParent().getParent();
        if (root != null && root.getChildren().get("microscope") instanceof Group microscope) {
            for (Map.Entry<String, Attribute> a : microscope.getAttributes().entrySet()) {
                Object v = scalar(a.getValue().getData());
                meta.put(a.getKey(), v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v));
            }
        }
        Frames.PixelSize size = dy.length == 1 && dx.length == 1
                ? new Frames.PixelSize(dy[0], unitY, dx[0], unitX) : Frames.PixelSize.none();
        return Frames.split(data, frames, ny, nx, size, "EMD (Berkeley)", dtype(dataset), meta);
    }

    private static double[] axisStep(Group group, String name) {
        if (group.getChildren().get(name) instanceof Dataset axis && axis.getDimensions().length == 1
                && axis.getDimensions()[0] >= 2 && axis.getDimensions()[0] <= 1 << 24) {
            Object v = axis.getDataFlat();
            double a = ((Number) Array.get(v, 0)).doubleValue();
            double b = ((Number) Array.get(v, 1)).doubleValue();
            return new double[] {b - a};
        }
        return new double[0];
    }

    /** Berkeley EMD writes units with underscores inside brackets, e.g. "[n_m]" for nm. */
    private static String axisUnit(Group group, String name) {
        if (group.getChildren().get(name) instanceof Dataset axis && axis.getAttribute("units") != null) {
            Object v = scalar(axis.getAttribute("units").getData());
            String s = v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
            return s.replace("_", "").replace("[", "").replace("]", "").trim();
        }
        return "";
    }

    private static Object scalar(Object v) {
        if (v != null && v.getClass().isArray() && !(v instanceof byte[]) && Array.getLength(v) > 0) {
            return Array.get(v, 0);
        }
        return v;
    }

    private static float[] flatten(ByteSource src, Dataset dataset, long expected) {
        if (expected <= 0 || expected > Integer.MAX_VALUE / 2
                || (double) expected * Math.max(1, dataset.getDataType().getSize()) > ByteSource.MAX_FILE_BYTES) {
            throw src.error("HDF5 dataset " + dataset.getPath() + " claims " + expected + " pixels, more than this reader can hold");
        }
        Object flat = dataset.getDataFlat();
        int n = Array.getLength(flat);
        if (n != expected) {
            throw src.error("HDF5 dataset " + dataset.getPath() + " holds " + n + " values, expected " + expected);
        }
        boolean unsigned = dataset.getDataType() instanceof io.jhdf.object.datatype.FixedPoint fixed && !fixed.isSigned();
        float[] out = new float[n];
        if (flat instanceof float[] f) {
            return f;
        } else if (flat instanceof short[] s) {
            for (int i = 0; i < n; i++) {
                out[i] = unsigned ? s[i] & 0xffff : s[i];
            }
        } else if (flat instanceof int[] a) {
            for (int i = 0; i < n; i++) {
                out[i] = a[i];
            }
        } else if (flat instanceof byte[] b) {
            for (int i = 0; i < n; i++) {
                out[i] = unsigned ? b[i] & 0xff : b[i];
            }
        } else if (flat instanceof double[] d) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) d[i];
            }
        } else if (flat instanceof long[] l) {
            for (int i = 0; i < n; i++) {
                out[i] = l[i];
            }
        } else {
            throw src.error("HDF5 dataset " + dataset.getPath() + " has unsupported type " + dataset.getJavaType().getSimpleName());
        }
        return out;
    }

    private static String dtype(Dataset dataset) {
        var type = dataset.getDataType();
        if (type instanceof io.jhdf.object.datatype.FloatingPoint) {
            return "float" + type.getSize() * 8;
        }
        if (type instanceof io.jhdf.object.datatype.FixedPoint fixed) {
            return (fixed.isSigned() ? "int" : "uint") + type.getSize() * 8;
        }
        return type.getClass().getSimpleName();
    }
}
