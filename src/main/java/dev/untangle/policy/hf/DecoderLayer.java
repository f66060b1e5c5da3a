package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import dev.untangle.policy.KvCache;
import java.util.Map;
import java.util.Set;

/**
 * One decoder layer of a Llama / Qwen2 / Qwen3 model (transformers' {@code LlamaDecoderLayer}, litgpt's
 * {@code Block}), resolved once at load time: its two RMSNorms, the attention projections with their optional biases
 * (Qwen2) and per-head q/k norms (Qwen3), the SwiGLU projections, and each projection's LoRA pair where one is
 * targeted. With x [B, T, D] (the formulas of {@link HfDecoder}):
 * <pre>
 * h  = x + attention(RMS(x; g_in))
 * x' = h + mlp(RMS(h; g_post))
 * </pre>
 * Every array a method creates attaches to the manager of its input, so the caller's scope decides how long the
 * layer's intermediates live ({@link HfDecoder#forward} closes them at the end of the layer). Not thread-safe.
 */
final class DecoderLayer {

    private static final Set<String> MLP_MODULES = Set.of("gate_proj", "up_proj", "down_proj");

    private final int index;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int group;
    private final Parameter inputNorm;
    private final Projection q;
    private final Projection k;
    private final Projection v;
    private final Projection o;
    /** Qwen3's per-head RMSNorm gains of queries and keys [d_h]; {@code null} for Llama and Qwen2. */
    private final Parameter qNorm;
    private final Parameter kNorm;
    private final Parameter postNorm;
    private final Projection gate;
    private final Projection up;
    private final Projection down;
    private final NDArray attentionScale;
    private final NDArray rmsEps;

    private DecoderLayer(int index, HfConfig config, Map<String, Parameter> weights,
                         Map<String, HfDecoder.LoraPair> adapters, Constants constants) {
        this.index = index;
        this.heads = config.heads();
        this.kvHeads = config.kvHeads();
        this.headDim = config.headDim();
        this.group = config.groupSize();
        String p = prefix(index);
        this.inputNorm = required(weights, p + "input_layernorm.weight");
        this.q = projection(weights, adapters, index, "q_proj", constants);
        this.k = projection(weights, adapters, index, "k_proj", constants);
        this.v = projection(weights, adapters, index, "v_proj", constants);
        this.o = projection(weights, adapters, index, "o_proj", constants);
        this.qNorm = weights.get(p + "self_attn.q_norm.weight");
        this.kNorm = weights.get(p + "self_attn.k_norm.weight");
        this.postNorm = required(weights, p + "post_attention_layernorm.weight");
        this.gate = projection(weights, adapters, index, "gate_proj", constants);
        this.up = projection(weights, adapters, index, "up_proj", constants);
        this.down = projection(weights, adapters, index, "down_proj", constants);
        this.attentionScale = constants.attentionScale();
        this.rmsEps = constants.rmsEps();
    }

    /**
     * The decoder's constant tensors, owned by the weights' manager (a scalar on a gradient path must outlive the
     * backward pass; see {@link HfDecoder}).
     *
     * @param attentionScale 1 / sqrt(d_h)
     * @param rmsEps         the RMSNorm epsilon
     * @param loraScale      alpha / r (0 without LoRA)
     */
    record Constants(NDArray attentionScale, NDArray rmsEps, NDArray loraScale) {
    }

    /**
     * Layer {@code l} of a model, its tensors looked up once by their Hugging Face names.
     *
     * @param weights  the pretrained tensors by name (as {@link HfDecoder#specs} names them)
     * @param adapters LoRA pairs by module path; empty without LoRA
     */
    static DecoderLayer resolve(int l, HfConfig config, Map<String, Parameter> weights,
                                Map<String, HfDecoder.LoraPair> adapters, Constants constants) {
        return new DecoderLayer(l, config, weights, adapters, constants);
    }

    /** The prefix of layer {@code l}'s tensor names. */
    static String prefix(int l) {
        return "model.layers." + l + ".";
    }

    /** The module path of a projection in layer {@code l}, for example {@code model.layers.0.mlp.up_proj}. */
    static String modulePath(int l, String module) {
        return prefix(l) + (MLP_MODULES.contains(module) ? "mlp." : "self_attn.") + module;
    }

    private static Projection projection(Map<String, Parameter> weights, Map<String, HfDecoder.LoraPair> adapters,
                                         int l, String module, Constants constants) {
        String path = modulePath(l, module);
        return new Projection(required(weights, path + ".weight"), weights.get(path + ".bias"), adapters.get(path),
                constants.loraScale());
    }

    private static Parameter required(Map<String, Parameter> weights, String name) {
        Parameter p = weights.get(name);
        if (p == null) {
            throw new IllegalArgumentException("tensor " + name + " is missing");
        }
        return p;
    }

    /**
     * The layer: {@code x + attention(RMS(x))}, then {@code + mlp(RMS(.))}.
     *
     * @param x        hidden states [B, T, D]
     * @param cos      cos of each column's rotary angles [B, 1, T, d_h / 2]
     * @param sin      sin of the same angles
     * @param mask     additive attention mask [B or 1, 1, T, S]
     * @param cache    the key/value cache to extend in place, or {@code null}
     * @param adapters apply the LoRA adapters
     * @return the layer's output [B, T, D], in the manager of {@code x}
     */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean adapters) {
        NDArray h = x.add(attention(rms(x, inputNorm.getArray(), rmsEps), cos, sin, mask, cache, adapters));
        return h.add(mlp(rms(h, postNorm.getArray(), rmsEps), adapters));
    }

    /**
     * Grouped-query self-attention of normalised states n [B, T, D]: W_o softmax(q k^T / sqrt(d_h) + mask) v
     * (+ b_o), where query head j reads key/value head floor(j / (H / G)); with a cache, k and v of these T columns
     * are written at its end and the attention reads all of its columns.
     */
    NDArray attention(NDArray n, NDArray cos, NDArray sin, NDArray mask, KvCache cache, boolean adapters) {
        long b = n.getShape().get(0);
        long t = n.getShape().get(1);
        NDArray qs = q.apply(n, adapters).reshape(b, t, heads, headDim);
        NDArray ks = k.apply(n, adapters).reshape(b, t, kvHeads, headDim);
        NDArray vs = v.apply(n, adapters).reshape(b, t, kvHeads, headDim).transpose(0, 2, 1, 3);
        if (qNorm != null) {
            qs = rms(qs, qNorm.getArray(), rmsEps);
            ks = rms(ks, kNorm.getArray(), rmsEps);
        }
        qs = rotate(qs.transpose(0, 2, 1, 3), cos, sin);                   // [B, H, T, d_h]
        ks = rotate(ks.transpose(0, 2, 1, 3), cos, sin);                   // [B, G, T, d_h]
        if (cache != null) {
            NDManager scope = n.getManager();
            NDArray[] kv = cache.write(index, ks, vs);
            // the views of the cache's columns belong to this call, not to the cache's manager
            ks = kv[0];
            vs = kv[1];
            ks.attach(scope);
            vs.attach(scope);
        }
        long s = ks.getShape().get(2);
        // query head j = i * group + r reads key/value head i: fold the group into the rows of each kv head
        NDArray scores = qs.mul(attentionScale).reshape(b, kvHeads, group * t, headDim)
                .matMul(ks.transpose(0, 1, 3, 2)).reshape(b, heads, t, s).add(mask).softmax(-1);
        NDArray a = scores.reshape(b, kvHeads, group * t, s).matMul(vs).reshape(b, heads, t, headDim)
                .transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headDim);
        return o.apply(a, adapters);
    }

    /** SwiGLU of normalised states m [B, T, D]: W_down (silu(W_gate m) * W_up m). */
    NDArray mlp(NDArray m, boolean adapters) {
        NDArray g = gate.apply(m, adapters);
        NDArray u = up.apply(m, adapters);
        return down.apply(g.mul(Activation.sigmoid(g)).mul(u), adapters);
    }

    /** RMS(x; g) = g * x / sqrt(mean(x^2) + eps) over the last axis. */
    static NDArray rms(NDArray x, NDArray gain, NDArray eps) {
        NDArray meanSquare = x.mul(x).mean(new int[] {-1}, true);
        return x.div(meanSquare.add(eps).sqrt()).mul(gain);
    }

    /**
     * Hugging Face's rotary embedding of queries or keys [B, heads, T, d_h]: {@code x cos + rotate_half(x) sin} with
     * rotate_half(u, w) = (-w, u), that is (u, w) -> (u cos - w sin, w cos + u sin), cos and sin
     * [B, 1, T, d_h / 2] of each column's position.
     */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray u = halves.get(0);
        NDArray w = halves.get(1);
        return u.mul(cos).sub(w.mul(sin)).concat(w.mul(cos).add(u.mul(sin)), 3);
    }
}
