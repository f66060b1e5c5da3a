package dev.untangle.policy.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float tensors as safetensors in the layout {@link SafetensorsReader} reads (and Hugging Face's
 * {@code safetensors} library writes): the header is padded with spaces to a multiple of 8 bytes and carries the
 * metadata {@code {"format": "pt"}} that {@code transformers} requires. The bytes depend on the tensors alone, never
 * on the order they were given in or on the JVM (issue 25 item 9): as the library does ({@code prepare} in
 * {@code safetensors/src/tensor.rs}: by descending dtype alignment, then by name; a file here has one dtype),
 * tensors are written sorted by name (UTF-8 bytes), the header lists {@code __metadata__} first and then each
 * tensor's {@code dtype}, {@code shape}, {@code data_offsets} in that order, and the data follow in the same order.
 */
public final class SafetensorsWriter {

    private static final int CHUNK_VALUES = 1 << 20;

    /** Names compared as the library's Rust strings are: by their UTF-8 bytes, unsigned. */
    static final Comparator<String> BY_UTF8 = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
            b.getBytes(StandardCharsets.UTF_8));

    private SafetensorsWriter() {
    }

    /**
     * Writes one safetensors file.
     *
     * @param file    the file (replaced if present)
     * @param tensors tensors by name, written sorted by name whatever the map's order
     * @param dtype   the storage type (values are rounded to it)
     */
    public static void write(Path file, Map<String, HostTensor> tensors, TensorDtype dtype) {
        Map<String, HostTensor> sorted = new TreeMap<>(BY_UTF8);
        sorted.putAll(tensors);
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        header.put("__metadata__", metadata);
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : sorted.entrySet()) {
            long bytes = e.getValue().values().length * (long) dtype.bytes();
            Map<String, Object> info = new LinkedHashMap<>();          // the library's field order
            info.put("dtype", dtype.code());
            info.put("shape", e.getValue().shape().getShape());
            info.put("data_offsets", List.of(offset, offset + bytes));
            header.put(e.getKey(), info);
            offset += bytes;
        }
        byte[] json;
        try {
            json = new ObjectMapper().writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the safetensors header: " + e.getMessage(), e);
        }
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_VALUES * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (HostTensor t : sorted.values()) {
                float[] v = t.values();
                for (int from = 0; from < v.length; from += CHUNK_VALUES) {
                    int n = Math.min(CHUNK_VALUES, v.length - from);
                    buf.clear();
                    dtype.encode(v, from, n, buf);
                    out.write(buf.array(), 0, buf.position());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a model's weights into a directory: {@code model.safetensors} when they take at most
     * {@code maxShardBytes}, else shards {@code model-0000i-of-0000n.safetensors} of at most that size each (a
     * larger single tensor gets a shard of its own) and their index {@code model.safetensors.index.json}.
     *
     * @param dir           an existing directory
     * @param tensors       tensors by name, given to the shards in this order (each shard file sorts its own)
     * @param dtype         the storage type
     * @param maxShardBytes the largest shard
     * @return the files written
     */
    public static List<Path> writeModel(Path dir, Map<String, HostTensor> tensors, TensorDtype dtype,
                                        long maxShardBytes) {
        List<Map<String, HostTensor>> shards = new ArrayList<>();
        Map<String, HostTensor> current = new LinkedHashMap<>();
        long currentBytes = 0;
        long total = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            long bytes = e.getValue().values().length * (long) dtype.bytes();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new LinkedHashMap<>();
                currentBytes = 0;
            }
            current.put(e.getKey(), e.getValue());
            currentBytes += bytes;
            total += bytes;
        }
        shards.add(current);
        List<Path> written = new ArrayList<>();
        if (shards.size() == 1) {
            Path file = dir.resolve(SafetensorsReader.SINGLE_FILE);
            write(file, shards.get(0), dtype);
            written.add(file);
            return written;
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            Path file = dir.resolve(name);
            write(file, shards.get(i), dtype);
            written.add(file);
            for (String tensor : shards.get(i).keySet()) {
                weightMap.put(tensor, name);
            }
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", total));
        index.put("weight_map", weightMap);
        Path indexFile = dir.resolve(SafetensorsReader.INDEX_FILE);
        try {
            Files.writeString(indexFile, new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(index), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + indexFile + ": " + e.getMessage(), e);
        }
        written.add(indexFile);
        return written;
    }
}
