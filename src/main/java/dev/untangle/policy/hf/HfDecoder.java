package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import dev.untangle.policy.KvCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * A pretrained Hugging Face decoder (Llama, Qwen2, Qwen3) as plain functions over DJL parameters, numerically the
 * forward pass of {@code transformers}' {@code LlamaForCausalLM} / {@code Qwen2ForCausalLM} /
 * {@code Qwen3ForCausalLM}. With token ids x [B, T], position ids p [B, T], width D, H query heads and G key/value
 * heads of width d_h:
 * <pre>
 * RMS(h; g)   = g * h / sqrt(mean(h^2) + eps)                                  (over the last axis)
 * h_0         = E[x]                                                            [B, T, D]
 * q, k, v     = W_q n + b_q, W_k n + b_k, W_v n + b_v,  n = RMS(h; g_in)         [B, H|G, T, d_h]
 *               (Qwen2: biases; Qwen3: q, k = RMS(q; g_q), RMS(k; g_k) per head)
 * rotary      (u, w) -> (u cos - w sin, w cos + u sin) on the two halves of each head ("rotate_half"),
 *             angle p * f_i with f_i from {@link RopeScaling#inverseFrequencies}
 * attention   query head j reads key/value head floor(j / (H / G)):
 *             a = softmax(q k^T / sqrt(d_h) + mask) v                           [B, H, T, d_h]
 * h'          = h + W_o a (+ b_o)
 * h''         = h' + W_down (silu(W_gate m) * W_up m),  m = RMS(h'; g_post)     (N layers)
 * z           = RMS(h_N; g_final);  logits = z E^T (tied) or z W_head^T         [B, T, V]
 * </pre>
 * With LoRA ({@link Tuning#lora}), every targeted map W gains {@code (alpha / r) B A} when adapters are on.
 * Attention reads an additive mask [B or 1, 1, T, S] (0 where a query may look, {@link #MASKED} where not) over
 * S = cached + new columns, so one forward serves padded training batches and key/value-cached generation.
 *
 * <p>The model is read like a model file: the embedding, a list of {@link DecoderLayer}s (each holding its norms,
 * projections, optional biases and q/k norms, and LoRA pairs, resolved once at load time), the final norm and the
 * head. The name-keyed {@link #weights()} and {@link #adapters()} maps are the same parameters, for saving and
 * export.
 *
 * <p>Memory: {@link #forward} runs in a sub-manager of the caller's scope and each layer in a sub-manager of that,
 * closed when the layer ends; only the returned hidden states attach to the caller's scope. So a 256-token prefill
 * holds one layer's intermediates at a time, not all of them until the caller's scope closes (issue 27; the
 * autograd graph keeps what a backward pass needs on its own). Every array an operation creates attaches to the
 * manager of its first operand, and nothing attaches to the model's own manager. Not thread-safe.
 */
public final class HfDecoder implements AutoCloseable {

    /** Additive attention mask value of a forbidden key (finite, so an all-masked row stays a number). */
    public static final float MASKED = -1e9f;

    private final HfConfig config;
    private final Tuning tuning;
    private final NDManager manager;
    /** Pretrained weights by Hugging Face tensor name, in {@link #specs} order. */
    private final Map<String, Parameter> weights;
    /** LoRA pairs by module path, for example {@code model.layers.0.self_attn.q_proj}; empty without LoRA. */
    private final Map<String, LoraPair> adapters;
    private final List<Parameter> trainable;
    private final Parameter embedTokens;
    private final List<DecoderLayer> layers;
    private final Parameter finalNorm;
    /** The output head: {@code lm_head.weight}, or the embedding when they are tied. */
    private final Parameter head;
    /**
     * Scalars on gradient paths are tensors owned by the weights' manager: DJL's {@code mul(Number)} wraps a number
     * in a temporary tensor that autograd may read after it was freed (see TransformerLm's attentionScale).
     */
    private final NDArray attentionScale;
    private final NDArray rmsEps;
    private final NDArray loraScale;
    private final NDArray inverseFrequencies;

    /** One adapted module's low-rank factors: A [r, in] and B [out, r]. */
    record LoraPair(Parameter a, Parameter b) {
    }

    /** One pretrained tensor's Hugging Face name and shape, in the stable order of {@link #specs}. */
    public record Spec(String name, Shape shape) {
    }

    private HfDecoder(HfConfig config, Tuning tuning, NDManager manager, Map<String, Parameter> weights,
                      Map<String, LoraPair> adapters) {
        this.config = config;
        this.tuning = tuning;
        this.manager = manager;
        this.weights = Collections.unmodifiableMap(weights);
        this.adapters = Collections.unmodifiableMap(adapters);
        List<Parameter> t = new ArrayList<>();
        if (tuning instanceof Tuning.Lora) {
            for (LoraPair p : adapters.values()) {
                t.add(p.a());
                t.add(p.b());
            }
        } else {
            t.addAll(weights.values());
        }
        this.trainable = Collections.unmodifiableList(t);
        this.attentionScale = manager.create((float) (1.0 / Math.sqrt(config.headDim())));
        this.rmsEps = manager.create((float) config.rmsNormEps());
        this.loraScale = manager.create(tuning instanceof Tuning.Lora l ? (float) l.scale() : 0f);
        float[] f = config.ropeScaling().inverseFrequencies(config.headDim(), config.ropeTheta());
        this.inverseFrequencies = manager.create(f, new Shape(f.length));
        this.embedTokens = weights.get("model.embed_tokens.weight");
        DecoderLayer.Constants constants = new DecoderLayer.Constants(attentionScale, rmsEps, loraScale);
        List<DecoderLayer> ls = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            ls.add(DecoderLayer.resolve(l, config, weights, adapters, constants));
        }
        this.layers = List.copyOf(ls);
        this.finalNorm = weights.get("model.norm.weight");
        this.head = weights.get(config.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight");
    }

    /** The prefix of layer {@code l}'s tensor names. */
    static String layer(int l) {
        return DecoderLayer.prefix(l);
    }

    /** The module path of a LoRA target in layer {@code l}, for example {@code model.layers.0.mlp.up_proj}. */
    static String modulePath(int l, String module) {
        return DecoderLayer.modulePath(l, module);
    }

    /** The pretrained tensors a configuration implies, with Hugging Face's names and shapes. */
    public static List<Spec> specs(HfConfig c) {
        long d = c.hiddenSize();
        long f = c.intermediateSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("model.embed_tokens.weight", new Shape(c.vocabSize(), d)));
        for (int l = 0; l < c.layers(); l++) {
            String p = layer(l);
            s.add(new Spec(p + "input_layernorm.weight", new Shape(d)));
            s.add(new Spec(p + "self_attn.q_proj.weight", new Shape(q, d)));
            if (c.attentionBias()) {
                s.add(new Spec(p + "self_attn.q_proj.bias", new Shape(q)));
            }
            s.add(new Spec(p + "self_attn.k_proj.weight", new Shape(kv, d)));
            if (c.attentionBias()) {
                s.add(new Spec(p + "self_attn.k_proj.bias", new Shape(kv)));
            }
            s.add(new Spec(p + "self_attn.v_proj.weight", new Shape(kv, d)));
            if (c.attentionBias()) {
                s.add(new Spec(p + "self_attn.v_proj.bias", new Shape(kv)));
            }
            s.add(new Spec(p + "self_attn.o_proj.weight", new Shape(d, q)));
            if (c.outputBias()) {
                s.add(new Spec(p + "self_attn.o_proj.bias", new Shape(d)));
            }
            if (c.architecture().qkNorm()) {
                s.add(new Spec(p + "self_attn.q_norm.weight", new Shape(c.headDim())));
                s.add(new Spec(p + "self_attn.k_norm.weight", new Shape(c.headDim())));
            }
            s.add(new Spec(p + "post_attention_layernorm.weight", new Shape(d)));
            s.add(new Spec(p + "mlp.gate_proj.weight", new Shape(f, d)));
            s.add(new Spec(p + "mlp.up_proj.weight", new Shape(f, d)));
            s.add(new Spec(p + "mlp.down_proj.weight", new Shape(d, f)));
        }
        s.add(new Spec("model.norm.weight", new Shape(d)));
        if (!c.tieWordEmbeddings()) {
            s.add(new Spec("lm_head.weight", new Shape(c.vocabSize(), d)));
        }
        return s;
    }

    /**
     * Loads {@code dir/config.json} and the weights ({@code model.safetensors} or the shards of
     * {@code model.safetensors.index.json}), converting them to float32.
     *
     * @param dir    a local Hugging Face model directory
     * @param tuning what trains
     * @throws HfFormatException naming the file and key or tensor when the directory does not describe a supported
     *                           model or a tensor is missing, unexpected or of the wrong shape
     */
    public static HfDecoder load(Path dir, Tuning tuning) {
        HfConfig config = HfConfig.load(dir);
        SafetensorsReader reader = openChecked(dir, config);
        String why = dir.resolve(HfConfig.FILE).toString();
        // each tensor is read just before its parameter is made, so only one float32 copy of it is held at a time
        return build(config, s -> reader.read(s.name(), s.shape(), why), tuning, Map.of());
    }

    /**
     * Reads every tensor of {@link #specs(HfConfig)} from a model directory's safetensors, as float32.
     *
     * @throws HfFormatException naming the file and tensor when one is missing, unexpected or of the wrong shape
     */
    static Map<String, float[]> readWeights(Path dir, HfConfig config) {
        SafetensorsReader reader = openChecked(dir, config);
        Map<String, float[]> values = new LinkedHashMap<>();
        String why = dir.resolve(HfConfig.FILE).toString();
        for (Spec s : specs(config)) {
            values.put(s.name(), reader.read(s.name(), s.shape(), why));
        }
        return values;
    }

    /** Opens a model directory's safetensors after checking that it holds no tensor the config does not imply. */
    private static SafetensorsReader openChecked(Path dir, HfConfig config) {
        SafetensorsReader reader = SafetensorsReader.openModel(dir);
        List<Spec> specs = specs(config);
        Set<String> expected = new HashSet<>();
        for (Spec s : specs) {
            expected.add(s.name());
        }
        for (String name : reader.names()) {
            boolean ignorable = name.endsWith(".rotary_emb.inv_freq")
                    || (config.tieWordEmbeddings() && name.equals("lm_head.weight"));
            if (!expected.contains(name) && !ignorable) {
                throw new HfFormatException(reader.entry(name).file(), name, "unexpected tensor: a "
                        + config.architecture().modelType() + " model as " + dir.resolve(HfConfig.FILE)
                        + " describes it has none of this name");
            }
        }
        return reader;
    }

    /**
     * A model from weights already in memory (tests and conversions).
     *
     * @param config the architecture
     * @param values every tensor of {@link #specs(HfConfig)}, by name, row-major
     * @param tuning what trains
     */
    public static HfDecoder create(HfConfig config, Map<String, float[]> values, Tuning tuning) {
        return create(config, values, tuning, Map.of());
    }

    /**
     * A model from weights and trained LoRA factors in memory.
     *
     * @param adapterValues LoRA factors by name ({@code <module path>.lora_A.weight}, {@code .lora_B.weight}); a
     *                      factor not given is initialised as {@link Tuning#lora} says
     */
    static HfDecoder create(HfConfig config, Map<String, float[]> values, Tuning tuning,
                            Map<String, float[]> adapterValues) {
        return build(config, s -> {
            float[] v = values.get(s.name());
            if (v == null) {
                throw new IllegalArgumentException("tensor " + s.name() + " is missing");
            }
            return v;
        }, tuning, adapterValues);
    }

    private static HfDecoder build(HfConfig config, Function<Spec, float[]> values,
                                   Tuning tuning, Map<String, float[]> adapterValues) {
        NDManager manager = NDManager.newBaseManager();
        manager.setName("hf-weights");
        try {
            boolean full = tuning instanceof Tuning.Full;
            Map<String, Parameter> weights = new LinkedHashMap<>();
            for (Spec s : specs(config)) {
                weights.put(s.name(), parameter(manager, s.name(), s.shape(), values.apply(s), full));
            }
            Map<String, LoraPair> adapters = new LinkedHashMap<>();
            if (tuning instanceof Tuning.Lora lora) {
                Random rng = new Random(lora.seed());
                for (int l = 0; l < config.layers(); l++) {
                    for (String module : lora.targetModules()) {
                        String path = modulePath(l, module);
                        Shape w = weights.get(path + ".weight").getArray().getShape();
                        long in = w.get(1);
                        float[] a = new float[Math.toIntExact(lora.rank() * in)];
                        double bound = 1.0 / Math.sqrt(in);
                        for (int i = 0; i < a.length; i++) {
                            a[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                        }
                        float[] b = new float[Math.toIntExact(w.get(0) * lora.rank())];
                        a = adapterValues.getOrDefault(path + ".lora_A.weight", a);
                        b = adapterValues.getOrDefault(path + ".lora_B.weight", b);
                        adapters.put(path, new LoraPair(
                                parameter(manager, path + ".lora_A.weight", new Shape(lora.rank(), in), a, true),
                                parameter(manager, path + ".lora_B.weight", new Shape(w.get(0), lora.rank()), b,
                                        true)));
                    }
                }
            }
            return new HfDecoder(config, tuning, manager, weights, adapters);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static Parameter parameter(NDManager manager, String name, Shape shape, float[] v, boolean train) {
        if (v.length != shape.size()) {
            throw new IllegalArgumentException("tensor " + name + ": " + v.length + " values do not fill " + shape);
        }
        NDArray a = manager.create(v, shape);
        a.setName(name);
        a.setRequiresGradient(train);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).optArray(a)
                .optRequiresGrad(train).build();
    }

    /** The architecture. */
    public HfConfig config() {
        return config;
    }

    /** What trains. */
    public Tuning tuning() {
        return tuning;
    }

    /**
     * The trainable parameters in a stable order: with LoRA, (A, B) of each adapted module, layer by layer in
     * target-module order; with full fine-tuning, every pretrained tensor in {@link #specs} order.
     */
    public List<Parameter> parameters() {
        return trainable;
    }

    /** The pretrained tensors by Hugging Face name, in {@link #specs} order (frozen under LoRA). */
    public Map<String, Parameter> weights() {
        return weights;
    }

    /** The LoRA factors by module path (for example {@code model.layers.0.self_attn.q_proj}); empty without LoRA. */
    Map<String, LoraPair> adapters() {
        return adapters;
    }

    /** The model's own manager (holds only the weights and a few constant tensors). */
    public NDManager manager() {
        return manager;
    }

    /** A key/value cache for this model in {@code scope}. */
    public KvCache newCache(NDManager scope, int batch, int capacity) {
        return new KvCache(scope, config.layers(), config.kvHeads(), config.headDim(), batch, capacity);
    }

    /**
     * Runs the decoder layers over new columns.
     *
     * @param ids       token ids [B, T] (int64, in the caller's scope)
     * @param positions position ids [B, T] (int64)
     * @param mask      additive attention mask [B or 1, 1, T, S], S = cached columns + T
     * @param cache     keys/values of earlier columns, extended in place by these T columns, or {@code null} for a
     *                  plain forward pass (training and scoring)
     * @param adapters  apply the LoRA adapters (ignored without LoRA); off gives the pretrained model
     * @return the final-RMSNorm hidden states z [B, T, D]
     */
    public NDArray forward(NDArray ids, NDArray positions, NDArray mask, KvCache cache, boolean adapters) {
        NDManager caller = ids.getManager();
        try (NDManager pass = caller.newSubManager()) {
            // what this pass computes from ids and positions attaches to it (they go back to the caller at the end)
            pass.tempAttachAll(ids, positions);
            NDArray x = Embedding.embedding(ids, embedTokens.getArray(), SparseFormat.DENSE).singletonOrThrow();
            NDArray angles = positions.toType(DataType.FLOAT32, false).expandDims(2).mul(inverseFrequencies);
            NDArray cos = angles.cos().expandDims(1);                        // [B, 1, T, d_h / 2]
            NDArray sin = angles.sin().expandDims(1);
            for (DecoderLayer layer : layers) {
                try (NDManager step = pass.newSubManager()) {
                    x.attach(step);                                          // the layer's input dies with it
                    x = layer.forward(x, cos, sin, mask, cache, adapters);
                    x.attach(pass);
                }
            }
            if (cache != null) {
                cache.advance(Math.toIntExact(ids.getShape().get(1)));
            }
            NDArray z = DecoderLayer.rms(x, finalNorm.getArray(), rmsEps);
            z.attach(caller);
            return z;
        }
    }

    /** Logits z · W_head^T (W_head = E when the embeddings are tied), [..., V]. */
    public NDArray logits(NDArray hidden) {
        return Linear.linear(hidden, head.getArray()).singletonOrThrow();
    }

    /**
     * The additive causal mask [1, 1, T, S] for T new columns after {@code past} cached ones: query i may read key
     * j when j &lt;= past + i.
     */
    public static NDArray causalMask(NDManager scope, int t, int past) {
        int s = past + t;
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = past + i + 1; j < s; j++) {
                m[i * s + j] = MASKED;
            }
        }
        return scope.create(m, new Shape(1, 1, t, s));
    }

    @Override
    public void close() {
        manager.close();
    }

    @Override
    public String toString() {
        return "HfDecoder[" + config.architecture().modelType() + ", " + config.layers() + " layers, width "
                + config.hiddenSize() + ", " + tuning + "]";
    }
}
