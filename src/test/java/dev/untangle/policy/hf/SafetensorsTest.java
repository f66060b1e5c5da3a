package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors files: the byte layout, dtype conversions, sharding and errors naming the file and tensor. */
class SafetensorsTest {

    @TempDir
    Path tmp;

    private static Map<String, HostTensor> tensors() {
        Map<String, HostTensor> m = new LinkedHashMap<>();
        m.put("a.weight", new HostTensor(new Shape(2, 3), new float[] {1, -2, 0.5f, 3.25f, -0f, 1e-3f}));
        m.put("b", new HostTensor(new Shape(4), new float[] {65504f, 1e-7f, -1.5f, 7}));
        m.put("scalar", new HostTensor(new Shape(), new float[] {42}));
        return m;
    }

    @Test
    void theFileLayoutIsSafetensors() throws IOException {
        Path f = tmp.resolve("x.safetensors");
        SafetensorsWriter.write(f, tensors(), TensorDtype.F32);
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"__metadata__\":{\"format\":\"pt\"}"), header);
        assertTrue(header.contains("\"a.weight\":{") && header.contains("\"data_offsets\":[0,24]"), header);
        assertEquals(8 + n + (6 + 4 + 1) * 4, bytes.length);
        float first = ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertEquals(1f, first);
    }

    /**
     * The bytes depend on the tensors alone (issue 25 item 9): names sorted as the safetensors library sorts them,
     * each entry's fields in the library's order, whatever the map's order and whatever the JVM (the field order
     * came from {@code Map.of}, whose iteration order is drawn anew in every JVM).
     */
    @Test
    void theHeaderIsSortedByNameLikeTheLibraryWhateverTheGivenOrder() throws IOException {
        Map<String, HostTensor> given = tensors();
        Map<String, HostTensor> reversed = new LinkedHashMap<>();
        List<String> names = new java.util.ArrayList<>(given.keySet());
        java.util.Collections.reverse(names);
        names.add(0, "Z_upper");                                  // 'Z' (0x5a) sorts before 'a' (0x61)
        reversed.put("Z_upper", new HostTensor(new Shape(1), new float[] {9}));
        for (String n : names.subList(1, names.size())) {
            reversed.put(n, given.get(n));
        }
        Path f = tmp.resolve("reversed.safetensors");
        SafetensorsWriter.write(f, reversed, TensorDtype.F32);
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"Z_upper\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[4,28]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[28,44]},"
                + "\"scalar\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[44,48]}}", header.stripTrailing());
        assertEquals(9f, ByteBuffer.wrap(bytes, (int) (8 + n), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat(),
                "the data follow the header's order");
        SafetensorsReader r = SafetensorsReader.openFile(f);
        assertArrayEquals(given.get("b").values(), r.read("b").values(), 0f);

        Map<String, HostTensor> inOrder = new LinkedHashMap<>();
        inOrder.put("Z_upper", reversed.get("Z_upper"));
        inOrder.putAll(given);
        Path g = tmp.resolve("in-order.safetensors");
        SafetensorsWriter.write(g, inOrder, TensorDtype.F32);
        assertArrayEquals(bytes, Files.readAllBytes(g), "the same tensors give the same bytes in any order");
    }

    @Test
    void everyDtypeRoundTripsThroughItsRounding() {
        for (TensorDtype dtype : TensorDtype.values()) {
            Path f = tmp.resolve(dtype + ".safetensors");
            SafetensorsWriter.write(f, tensors(), dtype);
            SafetensorsReader r = SafetensorsReader.openFile(f);
            assertEquals(List.of("a.weight", "b", "scalar"), List.copyOf(r.names()));
            for (Map.Entry<String, HostTensor> e : tensors().entrySet()) {
                HostTensor got = r.read(e.getKey());
                assertEquals(e.getValue().shape(), got.shape());
                assertEquals(dtype, r.entry(e.getKey()).dtype());
                for (int i = 0; i < got.values().length; i++) {
                    assertEquals(dtype.round(e.getValue().values()[i]), got.values()[i], 0f, dtype + " " + e.getKey());
                }
            }
        }
    }

    @Test
    void halfAndBfloat16RoundToNearestEven() {
        assertEquals(1f, TensorDtype.F16.round(1f + 1f / 4096), 0f, "halfway between 1 and 1 + 2^-10: even");
        assertEquals(1f + 2f / 1024, TensorDtype.F16.round(1f + 3f / 2048), 0f, "halfway, odd below: up");
        assertEquals(65504f, TensorDtype.F16.round(65504f), 0f);
        assertEquals(Float.POSITIVE_INFINITY, TensorDtype.F16.round(70000f));
        assertEquals((float) Math.pow(2, -24), TensorDtype.F16.round((float) Math.pow(2, -24)), 0f, "subnormal");
        assertEquals(0f, TensorDtype.F16.round((float) Math.pow(2, -26)), 0f);
        assertEquals(-2.5f, TensorDtype.F16.round(-2.5f), 0f);
        assertEquals(1f, TensorDtype.BF16.round(1f + 1f / 256), 0f, "halfway: even");
        assertEquals(1f + 2f / 128, TensorDtype.BF16.round(1f + 3f / 256), 0f, "halfway, odd below: up");
        assertTrue(Float.isNaN(TensorDtype.BF16.round(Float.NaN)));
        assertTrue(Float.isNaN(TensorDtype.F16.round(Float.NaN)));
        assertArrayEquals(new float[] {0.10009765625f}, new float[] {TensorDtype.BF16.round(0.1f)}, 0f,
                "0.1f = 0x3dcccccd rounds up to 0x3dcd");
    }

    @Test
    void shardedModelsReadThroughTheirIndex() {
        Map<String, HostTensor> t = tensors();
        List<Path> files = SafetensorsWriter.writeModel(tmp, t, TensorDtype.BF16, 8);
        assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                "model-00003-of-00003.safetensors", SafetensorsReader.INDEX_FILE),
                files.stream().map(p -> p.getFileName().toString()).toList());
        SafetensorsReader r = SafetensorsReader.openModel(tmp);
        assertEquals(tmp.resolve("model-00002-of-00003.safetensors"), r.entry("b").file());
        assertEquals(-1.5f, r.read("b").values()[2]);
    }

    @Test
    void aMissingShardIsNamed() throws IOException {
        SafetensorsWriter.writeModel(tmp, tensors(), TensorDtype.F32, 16);
        Files.delete(tmp.resolve("model-00002-of-00003.safetensors"));
        HfFormatException e = assertThrows(HfFormatException.class, () -> SafetensorsReader.openModel(tmp));
        assertEquals(tmp.resolve("model-00002-of-00003.safetensors"), e.file());
        assertTrue(e.getMessage().contains("missing shard") && e.getMessage().contains("tensor b"), e.getMessage());
    }

    @Test
    void aModelDirectoryWithoutWeightsIsNamed() {
        HfFormatException e = assertThrows(HfFormatException.class, () -> SafetensorsReader.openModel(tmp));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains(SafetensorsReader.INDEX_FILE));
    }

    @Test
    void aWrongShapeNamesTheFileAndTensor() {
        Path f = tmp.resolve("x.safetensors");
        SafetensorsWriter.write(f, tensors(), TensorDtype.F32);
        SafetensorsReader r = SafetensorsReader.openFile(f);
        HfFormatException e = assertThrows(HfFormatException.class,
                () -> r.read("a.weight", new Shape(3, 2), "config.json"));
        assertEquals("a.weight", e.key());
        assertEquals(f, e.file());
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
        assertEquals("nothing", assertThrows(HfFormatException.class, () -> r.read("nothing")).key());
    }

    @Test
    void unsupportedDtypesAndTruncatedFilesAreNamed() throws IOException {
        Path f = tmp.resolve("int.safetensors");
        writeRaw(f, "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", new byte[16]);
        HfFormatException e = assertThrows(HfFormatException.class, () -> SafetensorsReader.openFile(f));
        assertEquals("ids", e.key());
        assertTrue(e.getMessage().contains("I64"));
        Path g = tmp.resolve("short.safetensors");
        writeRaw(g, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]);
        assertEquals("w", assertThrows(HfFormatException.class, () -> SafetensorsReader.openFile(g)).key());
        Path h = tmp.resolve("junk.safetensors");
        Files.write(h, new byte[] {1, 2, 3});
        assertTrue(assertThrows(HfFormatException.class, () -> SafetensorsReader.openFile(h)).getMessage()
                .contains("not a safetensors file"));
    }

    private static void writeRaw(Path f, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Files.write(f, b.array());
    }
}
