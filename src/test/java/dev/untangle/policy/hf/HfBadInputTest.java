package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model and adapter directories that cannot be used: each error names the file and the key or tensor. */
class HfBadInputTest {

    @TempDir
    Path tmp;

    private Map<String, HostTensor> tensorsOf(Path dir) {
        HfConfig c = HfConfig.load(dir);
        Map<String, float[]> w = HfDecoder.readWeights(dir, c);
        Map<String, HostTensor> t = new LinkedHashMap<>();
        for (HfDecoder.Spec s : HfDecoder.specs(c)) {
            t.put(s.name(), new HostTensor(s.shape(), w.get(s.name())));
        }
        return t;
    }

    @Test
    void anUnsupportedArchitectureNamesModelType() {
        Map<String, Object> m = TinyCheckpoints.llama();
        m.put("model_type", "mistral");
        TinyCheckpoints.writeConfig(tmp, m);
        HfFormatException e = assertThrows(HfFormatException.class, () -> HfDecoder.load(tmp, Tuning.full()));
        assertEquals(tmp.resolve("config.json"), e.file());
        assertEquals("model_type", e.key());
        assertTrue(e.getMessage().contains("'mistral' is not supported"), e.getMessage());
    }

    @Test
    void aMissingShardNamesTheShardFile() throws IOException {
        TinyCheckpoints.write(tmp, TinyCheckpoints.llama(), 1, TensorDtype.F32, 2048);
        Path second = tmp.resolve("model-00002-of-" + String.format("%05d", shardCount()) + ".safetensors");
        Files.delete(second);
        HfFormatException e = assertThrows(HfFormatException.class, () -> HfDecoder.load(tmp, Tuning.full()));
        assertEquals(second, e.file());
        assertTrue(e.getMessage().contains("missing shard"), e.getMessage());
    }

    private int shardCount() throws IOException {
        try (var files = Files.list(tmp)) {
            return (int) files.filter(p -> p.getFileName().toString().matches("model-\\d+-of-\\d+\\.safetensors"))
                    .count();
        }
    }

    @Test
    void aTensorWhoseShapeDisagreesWithTheConfigIsNamed() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.qwen2(), 1, TensorDtype.F32, 1 << 30);
        Map<String, Object> m = TinyCheckpoints.qwen2();
        m.put("intermediate_size", 32);
        TinyCheckpoints.writeConfig(tmp, m);
        HfFormatException e = assertThrows(HfFormatException.class, () -> HfDecoder.load(tmp, Tuning.full()));
        assertEquals("model.layers.0.mlp.gate_proj.weight", e.key());
        assertEquals(tmp.resolve("model.safetensors"), e.file());
        assertTrue(e.getMessage().contains("(24, 16)") && e.getMessage().contains("(32, 16)")
                && e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() {
        TinyCheckpoints.write(tmp, TinyCheckpoints.llama(), 1, TensorDtype.F32, 1 << 30);
        Map<String, HostTensor> full = tensorsOf(tmp);
        Map<String, HostTensor> t = new LinkedHashMap<>(full);
        t.remove("model.layers.1.post_attention_layernorm.weight");
        SafetensorsWriter.writeModel(tmp, t, TensorDtype.F32, 1 << 30);
        HfFormatException missing = assertThrows(HfFormatException.class, () -> HfDecoder.load(tmp, Tuning.full()));
        assertEquals("model.layers.1.post_attention_layernorm.weight", missing.key());
        assertTrue(missing.getMessage().contains("missing tensor"));

        t = new LinkedHashMap<>(full);
        t.put("model.layers.0.self_attn.q_proj.bias", new HostTensor(new Shape(16), new float[16]));
        SafetensorsWriter.writeModel(tmp, t, TensorDtype.F32, 1 << 30);
        HfFormatException extra = assertThrows(HfFormatException.class, () -> HfDecoder.load(tmp, Tuning.full()));
        assertEquals("model.layers.0.self_attn.q_proj.bias", extra.key());
        assertTrue(extra.getMessage().contains("unexpected tensor"), extra.getMessage());
    }

    @Test
    void adaptersThatDoNotFitAreNamed() throws IOException {
        Path base = tmp.resolve("base");
        Path adapter = tmp.resolve("adapter");
        TinyCheckpoints.write(base, TinyCheckpoints.qwen2(), 1, TensorDtype.F32, 1 << 30);
        HfFormatException none = assertThrows(HfFormatException.class, () -> PeftAdapter.load(base, adapter));
        assertEquals(adapter.resolve(PeftAdapter.CONFIG_FILE), none.file());
        try (HfDecoder m = HfDecoder.load(base, Tuning.lora(2, 4, List.of("q_proj"), 1))) {
            PeftAdapter.save(m, adapter, "base");
        }
        Path cfg = adapter.resolve(PeftAdapter.CONFIG_FILE);
        String text = Files.readString(cfg);
        Files.writeString(cfg, text.replace("\"use_dora\" : false", "\"use_dora\" : true"));
        assertEquals("use_dora", assertThrows(HfFormatException.class, () -> PeftAdapter.load(base, adapter)).key());
        Files.writeString(cfg, text.replace("\"r\" : 2", "\"r\" : 3"));
        HfFormatException shape = assertThrows(HfFormatException.class, () -> PeftAdapter.load(base, adapter));
        assertEquals(PeftAdapter.PREFIX + "model.layers.0.self_attn.q_proj.lora_A.weight", shape.key());
        assertEquals(adapter.resolve(PeftAdapter.WEIGHTS_FILE), shape.file());
        Files.writeString(cfg, text.replace("\"q_proj\"", "\"qkv\""));
        assertTrue(assertThrows(HfFormatException.class, () -> PeftAdapter.load(base, adapter)).getMessage()
                .contains("unknown LoRA target module 'qkv'"));
        Files.writeString(cfg, text.replace("\"q_proj\"", "\"k_proj\""));
        assertEquals(PeftAdapter.PREFIX + "model.layers.0.self_attn.k_proj.lora_A.weight",
                assertThrows(HfFormatException.class, () -> PeftAdapter.load(base, adapter)).key());
    }
}
