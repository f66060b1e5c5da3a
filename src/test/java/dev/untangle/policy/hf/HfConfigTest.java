package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading config.json: architectures, Hugging Face's defaults, rope scaling and errors naming file and key. */
class HfConfigTest {

    @TempDir
    Path tmp;

    private HfConfig load(Map<String, Object> m) {
        TinyCheckpoints.writeConfig(tmp, m);
        return HfConfig.load(tmp);
    }

    private HfFormatException refused(Map<String, Object> base, Consumer<Map<String, Object>> edit) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        edit.accept(m);
        TinyCheckpoints.writeConfig(tmp, m);
        HfFormatException e = assertThrows(HfFormatException.class, () -> HfConfig.load(tmp));
        assertEquals(tmp.resolve(HfConfig.FILE), e.file());
        assertTrue(e.getMessage().startsWith(tmp.resolve(HfConfig.FILE).toString()), e.getMessage());
        return e;
    }

    @Test
    void readsLlamaWithHuggingFaceDefaults() {
        Map<String, Object> m = TinyCheckpoints.llama();
        m.remove("rms_norm_eps");
        m.remove("max_position_embeddings");
        HfConfig c = load(m);
        assertEquals(HfConfig.Architecture.LLAMA, c.architecture());
        assertEquals(16, c.hiddenSize());
        assertEquals(4, c.headDim(), "hidden_size / num_attention_heads");
        assertEquals(2, c.groupSize());
        assertEquals(1e-6, c.rmsNormEps());
        assertEquals(2048, c.maxPositionEmbeddings());
        assertEquals(500000.0, c.ropeTheta());
        assertEquals(RopeScaling.llama3(8, 1, 4, 16), c.ropeScaling());
        assertFalse(c.attentionBias());
        assertFalse(c.outputBias());
        assertEquals("bfloat16", c.torchDtype());
    }

    @Test
    void qwen2HasQkvBiasesButNoOutputBias() {
        HfConfig c = load(TinyCheckpoints.qwen2());
        assertTrue(c.attentionBias());
        assertFalse(c.outputBias());
        assertTrue(c.tieWordEmbeddings());
        assertEquals(1, c.kvHeads());
        assertEquals(RopeScaling.NONE, c.ropeScaling());
    }

    @Test
    void qwen3ReadsHeadDimAndQkNorm() {
        HfConfig c = load(TinyCheckpoints.qwen3());
        assertEquals(6, c.headDim());
        assertTrue(c.architecture().qkNorm());
        assertEquals(RopeScaling.linear(2), c.ropeScaling());
        Map<String, Object> m = TinyCheckpoints.qwen3();
        m.remove("head_dim");
        assertEquals(128, load(m).headDim(), "Qwen3Config's default head_dim");
    }

    @Test
    void toMapRoundTripsThroughParse() {
        HfConfig c = load(TinyCheckpoints.llama());
        HfConfig again = HfConfig.parse(tmp.resolve("again.json"), c.toJson("float32"));
        assertEquals(c.ropeScaling(), again.ropeScaling());
        assertEquals(c.headDim(), again.headDim());
        assertEquals(c.kvHeads(), again.kvHeads());
        assertEquals("float32", again.torchDtype());
        assertEquals(1, again.source().get("bos_token_id"));
    }

    @Test
    void ropeFrequenciesFollowTheScalingType() {
        float[] plain = RopeScaling.NONE.inverseFrequencies(8, 10000);
        assertArrayEquals(new float[] {1f, 0.1f, 0.01f, 0.001f}, plain, 1e-7f);
        float[] linear = RopeScaling.linear(4).inverseFrequencies(8, 10000);
        for (int i = 0; i < 4; i++) {
            assertEquals(plain[i] / 4, linear[i], 1e-9);
        }
        // wavelengths 2 pi 10^i: with L = 100, high = 4, low = 1, i = 0 stays (6.3 < 25), i = 3 is divided
        // (6283 > 100), i = 1 (62.8) is in between: s = (100 / 62.83 - 1) / 3
        float[] l3 = RopeScaling.llama3(8, 1, 4, 100).inverseFrequencies(8, 10000);
        assertEquals(1f, l3[0], 1e-7);
        assertEquals(0.001f / 8, l3[3], 1e-9);
        double s = (100 / (2 * Math.PI / 0.1) - 1) / 3;
        assertEquals((1 - s) * 0.1 / 8 + s * 0.1, l3[1], 1e-7);
    }

    @Test
    void errorsNameTheFileAndKey() {
        assertEquals("model_type", refused(TinyCheckpoints.llama(), m -> m.put("model_type", "gpt2")).key());
        assertTrue(refused(TinyCheckpoints.llama(), m -> m.put("model_type", "gpt2")).getMessage()
                .contains("supported: [llama, qwen2, qwen3]"));
        assertEquals("hidden_size", refused(TinyCheckpoints.llama(), m -> m.remove("hidden_size")).key());
        assertEquals("vocab_size", refused(TinyCheckpoints.qwen2(), m -> m.remove("vocab_size")).key());
        assertEquals("num_hidden_layers", refused(TinyCheckpoints.qwen2(),
                m -> m.put("num_hidden_layers", "two")).key());
        assertEquals("rope_scaling.rope_type", refused(TinyCheckpoints.llama(),
                m -> m.put("rope_scaling", Map.of("rope_type", "yarn", "factor", 4.0))).key());
        assertEquals("rope_scaling.factor", refused(TinyCheckpoints.llama(),
                m -> m.put("rope_scaling", Map.of("type", "linear"))).key());
        assertEquals("rope_scaling.low_freq_factor", refused(TinyCheckpoints.llama(),
                m -> m.put("rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0))).key());
        assertEquals("hidden_act", refused(TinyCheckpoints.llama(), m -> m.put("hidden_act", "gelu")).key());
        assertEquals("use_sliding_window", refused(TinyCheckpoints.qwen2(),
                m -> m.put("use_sliding_window", true)).key());
        assertTrue(refused(TinyCheckpoints.llama(), m -> m.put("num_key_value_heads", 3)).getMessage()
                .contains("num_key_value_heads"));
        HfFormatException missing = assertThrows(HfFormatException.class, () -> HfConfig.load(tmp.resolve("none")));
        assertTrue(missing.getMessage().contains("config.json") && missing.getMessage().contains("missing"));
    }
}
