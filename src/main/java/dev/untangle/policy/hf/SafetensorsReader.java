package dev.untangle.policy.hf;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads float tensors (F32, F16, BF16) from safetensors files: one file, or a model directory holding
 * {@code model.safetensors} or the shards listed by {@code model.safetensors.index.json}. Opening reads only the
 * headers; {@link #read} reads one tensor's bytes and converts them to float32.
 *
 * <p>A safetensors file is an 8-byte little-endian header length N, N bytes of JSON mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the data after the header), then the data,
 * little-endian and row-major. Every inconsistency is an {@link HfFormatException} naming the file and tensor.
 */
public final class SafetensorsReader {

    /** The single-file weights of a model directory. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The index of a sharded model directory. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int CHUNK_BYTES = 1 << 24;

    /**
     * Where one tensor lies.
     *
     * @param name   the tensor name
     * @param file   the file that holds it
     * @param dtype  its storage type
     * @param shape  its shape
     * @param offset the absolute file offset of its first byte
     */
    public record Entry(String name, Path file, TensorDtype dtype, Shape shape, long offset) {
    }

    private final Path source;
    private final Map<String, Entry> entries;

    private SafetensorsReader(Path source, Map<String, Entry> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Opens the weights of a model directory: {@code model.safetensors}, or else the shards listed in
     * {@code model.safetensors.index.json}.
     *
     * @throws HfFormatException when neither file exists, a listed shard is missing, or a header is invalid
     */
    public static SafetensorsReader openModel(Path dir) {
        Path single = dir.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return openFile(single);
        }
        Path index = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(index)) {
            throw new HfFormatException(single, "", "missing: the model directory has neither " + SINGLE_FILE
                    + " nor " + INDEX_FILE);
        }
        Map<String, Object> doc = readJson(index);
        if (!(doc.get("weight_map") instanceof Map<?, ?> weightMap) || weightMap.isEmpty()) {
            throw new HfFormatException(index, "weight_map", "missing or empty");
        }
        Map<String, Map<String, Entry>> shards = new LinkedHashMap<>();
        Map<String, Entry> entries = new TreeMap<>();
        for (Map.Entry<?, ?> e : weightMap.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof String shardName) || Path.of(shardName).getNameCount() != 1) {
                throw new HfFormatException(index, "weight_map." + name, "must name a shard file in the "
                        + "directory, got " + e.getValue());
            }
            Map<String, Entry> shard = shards.computeIfAbsent(shardName, s -> {
                Path shardFile = dir.resolve(s);
                if (!Files.isRegularFile(shardFile)) {
                    throw new HfFormatException(shardFile, "", "missing shard (listed in " + index
                            + " for tensor " + name + ")");
                }
                return readHeader(shardFile);
            });
            Entry entry = shard.get(name);
            if (entry == null) {
                throw new HfFormatException(dir.resolve(shardName), name, "missing tensor (listed in " + index
                        + ")");
            }
            entries.put(name, entry);
        }
        return new SafetensorsReader(index, entries);
    }

    /**
     * Opens one safetensors file.
     *
     * @throws HfFormatException when the file is missing or its header is invalid
     */
    public static SafetensorsReader openFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new HfFormatException(file, "", "missing");
        }
        return new SafetensorsReader(file, new TreeMap<>(readHeader(file)));
    }

    /** The file opened: the single safetensors file or the index of a sharded model. */
    public Path source() {
        return source;
    }

    /** The tensor names, sorted. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** Whether a tensor is present. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * Where a tensor lies.
     *
     * @throws HfFormatException naming the file and tensor when it is absent
     */
    public Entry entry(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new HfFormatException(source, name, "missing tensor");
        }
        return e;
    }

    /** Reads a tensor as float32. */
    public HostTensor read(String name) {
        Entry e = entry(name);
        return new HostTensor(e.shape(), readValues(e));
    }

    /**
     * Reads a tensor as float32 after checking its shape.
     *
     * @param expected the shape the model configuration implies
     * @param why      where the expectation comes from, for the error message (for example {@code config.json})
     * @throws HfFormatException naming the file and tensor when the shapes differ
     */
    public float[] read(String name, Shape expected, String why) {
        Entry e = entry(name);
        if (!e.shape().equals(expected)) {
            throw new HfFormatException(e.file(), name, "shape " + e.shape() + " but " + why + " implies "
                    + expected);
        }
        return readValues(e);
    }

    private static float[] readValues(Entry e) {
        long count = e.shape().size();
        if (count > Integer.MAX_VALUE - 8) {
            throw new HfFormatException(e.file(), e.name(), count + " values do not fit one Java array");
        }
        float[] out = new float[(int) count];
        int perChunk = CHUNK_BYTES / e.dtype().bytes();
        try (FileChannel ch = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(perChunk * e.dtype().bytes()).order(ByteOrder.LITTLE_ENDIAN);
            int done = 0;
            while (done < out.length) {
                int n = Math.min(perChunk, out.length - done);
                buf.clear().limit(n * e.dtype().bytes());
                long pos = e.offset() + (long) done * e.dtype().bytes();
                while (buf.hasRemaining()) {
                    int r = ch.read(buf, pos + buf.position());
                    if (r < 0) {
                        throw new HfFormatException(e.file(), e.name(), "file ends inside the tensor's data");
                    }
                }
                buf.flip();
                e.dtype().decode(buf, out, done, n);
                done += n;
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + e.file() + ": " + ex.getMessage(), ex);
        }
        return out;
    }

    private static Map<String, Entry> readHeader(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (len.hasRemaining() && ch.read(len, len.position()) >= 0) {
                continue;
            }
            if (len.hasRemaining()) {
                throw new HfFormatException(file, "", "not a safetensors file (shorter than 8 bytes)");
            }
            long n = len.flip().getLong();
            if (n < 2 || n > MAX_HEADER_BYTES || 8 + n > size) {
                throw new HfFormatException(file, "", "not a safetensors file (header length " + n + ", file size "
                        + size + ")");
            }
            ByteBuffer header = ByteBuffer.allocate((int) n);
            while (header.hasRemaining() && ch.read(header, 8 + header.position()) >= 0) {
                continue;
            }
            Map<String, Object> doc;
            try {
                doc = new ObjectMapper().readValue(new String(header.array(), StandardCharsets.UTF_8),
                        new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JsonProcessingException e) {
                throw new HfFormatException(file, "", "not a safetensors file (header is not JSON: "
                        + e.getOriginalMessage() + ")");
            }
            long dataStart = 8 + n;
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, Object> t : doc.entrySet()) {
                if (t.getKey().equals("__metadata__")) {
                    continue;
                }
                entries.put(t.getKey(), entry(file, t.getKey(), t.getValue(), dataStart, size));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Entry entry(Path file, String name, Object value, long dataStart, long fileSize) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("dtype") instanceof String code)
                || !(m.get("shape") instanceof List<?> shapeList) || !(m.get("data_offsets") instanceof List<?> off)
                || off.size() != 2) {
            throw new HfFormatException(file, name, "header entry needs dtype, shape and data_offsets, got "
                    + value);
        }
        TensorDtype dtype = TensorDtype.ofCode(code);
        if (dtype == null) {
            throw new HfFormatException(file, name, "dtype " + code + " is not supported; supported: F32, F16, BF16");
        }
        long[] dims = new long[shapeList.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(shapeList.get(i) instanceof Number d) || d.longValue() < 0) {
                throw new HfFormatException(file, name, "invalid shape " + shapeList);
            }
            dims[i] = ((Number) shapeList.get(i)).longValue();
        }
        Shape shape = new Shape(dims);
        if (!(off.get(0) instanceof Number b) || !(off.get(1) instanceof Number e)) {
            throw new HfFormatException(file, name, "invalid data_offsets " + off);
        }
        long begin = b.longValue();
        long end = e.longValue();
        if (end - begin != shape.size() * dtype.bytes() || begin < 0 || dataStart + end > fileSize) {
            throw new HfFormatException(file, name, "data_offsets " + off + " do not hold " + shape + " " + code
                    + " values inside the file (" + (fileSize - dataStart) + " data bytes)");
        }
        return new Entry(name, file, dtype, shape, dataStart + begin);
    }

    static Map<String, Object> readJson(Path file) {
        try {
            return new ObjectMapper().readValue(Files.readString(file, StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new HfFormatException(file, "", "not a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
