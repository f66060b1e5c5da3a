package dev.untangle.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A decoder-only causal transformer language model written as plain functions over its parameters
 * (docs/ALGORITHMS.md "Policy model"). With token ids {@code x} [B, T] and position ids {@code p} [B, T]:
 * <pre>
 * h_0 = E[x] + P[p]      (learned positions; with rotary positions h_0 = E[x])  [B, T, D]
 *       + M[m(x)]        (with model.goal_match: m from {@link GoalMatch})
 * a   = h + W_o · Attn(LN_1(h)) + b_o        (causal multi-head self-attention, H heads)
 * rotary: q, k of every head rotated pairwise,
 *         (u, w) -> (u cos(p θ_i) - w sin(p θ_i), u sin(p θ_i) + w cos(p θ_i)),
 *         θ_i = theta^(-2i / d_h), so q·k depends on the positions only through their offset
 * h'  = a + W_2 · gelu(W_1 · LN_2(a) + b_1) + b_2                      (pre-LayerNorm block, N times)
 * z   = LN_f(h_N)                                                      [B, T, D]
 * logits = z · E^T  (tied head) or z · W_head^T                        [B, T, V]
 *          + z · C[k(v)]  for each goal word v        (with model.goal_copy: k(v) its goal slot, {@link GoalMatch})
 * </pre>
 * Attention reads an additive mask [B or 1, 1, T, S] (0 where a query may look, {@link #MASKED} where not)
 * over S = cached + new columns, so one forward serves padded training batches and key/value-cached
 * generation alike.
 *
 * <p>Every array an operation creates attaches to the manager of its first operand; this class always puts
 * an array of the caller's scope first, so nothing attaches to the model's own manager. Not thread-safe.
 */
final class TransformerLm implements LanguageModel, AutoCloseable {

    /** Additive attention mask value of a forbidden key (finite, so an all-masked row stays a number). */
    static final float MASKED = -1e9f;

    private static final int WEIGHTS_MAGIC = 0x554e5457;
    private static final int WEIGHTS_VERSION = 1;

    private final TransformerConfig config;
    private final NDManager manager;
    private final List<Parameter> parameters;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final Parameter matchEmbedding;
    /** C [K, D], row k-1 scoring the goal word in slot k; {@code null} without goal copy. */
    private final Parameter copyEmbedding;
    private final Parameter[][] blocks;
    private final Parameter finalGamma;
    private final Parameter finalBeta;
    private final Parameter head;
    /**
     * 1/sqrt(head width) as a tensor that lives as long as the weights. DJL's {@code mul(Number)} wraps the number
     * in a temporary tensor over Java-owned memory and closes it after the call, while autograd keeps that tensor
     * for the backward pass: once the garbage collector frees the memory, the gradient reads garbage. Every scalar
     * on a gradient path is therefore a tensor owned by a manager that outlives the backward pass.
     */
    private final NDArray attentionScale;
    /**
     * cos(p θ_i) and sin(p θ_i), [L, d_h / 2], owned by the weights' manager;
     * {@code null} with learned positions.
     */
    private final NDArray ropeCos;
    private final NDArray ropeSin;

    private TransformerLm(TransformerConfig config, NDManager manager, List<Parameter> parameters) {
        this.config = config;
        this.manager = manager;
        this.parameters = Collections.unmodifiableList(parameters);
        this.attentionScale = manager.create((float) (1.0 / Math.sqrt(config.headWidth())));
        int i = 0;
        tokenEmbedding = parameters.get(i++);
        boolean rope = config.positions() == TransformerConfig.Positions.ROPE;
        positionEmbedding = rope ? null : parameters.get(i++);
        matchEmbedding = config.goalMatch() ? parameters.get(i++) : null;
        copyEmbedding = config.goalCopy() ? parameters.get(i++) : null;
        if (rope) {
            int half = config.headWidth() / 2;
            float[] cos = new float[config.contextLength() * half];
            float[] sin = new float[cos.length];
            for (int p = 0; p < config.contextLength(); p++) {
                for (int f = 0; f < half; f++) {
                    double angle = p * Math.pow(config.ropeTheta(), -2.0 * f / config.headWidth());
                    cos[p * half + f] = (float) Math.cos(angle);
                    sin[p * half + f] = (float) Math.sin(angle);
                }
            }
            ropeCos = manager.create(cos, new Shape(config.contextLength(), half));
            ropeSin = manager.create(sin, new Shape(config.contextLength(), half));
        } else {
            ropeCos = null;
            ropeSin = null;
        }
        blocks = new Parameter[config.layers()][BLOCK_PARAMS.size()];
        for (int l = 0; l < config.layers(); l++) {
            for (int j = 0; j < BLOCK_PARAMS.size(); j++) {
                blocks[l][j] = parameters.get(i++);
            }
        }
        finalGamma = parameters.get(i++);
        finalBeta = parameters.get(i++);
        head = config.tiedHead() ? tokenEmbedding : parameters.get(i++);
    }

    /** Names of one block's parameters, in order. */
    private static final List<String> BLOCK_PARAMS = List.of("ln1.gamma", "ln1.beta", "attn.qkv.weight",
            "attn.qkv.bias", "attn.out.weight", "attn.out.bias", "ln2.gamma", "ln2.beta", "mlp.fc.weight",
            "mlp.fc.bias", "mlp.proj.weight", "mlp.proj.bias");

    private static final int LN1_G = 0;
    private static final int LN1_B = 1;
    private static final int QKV_W = 2;
    private static final int QKV_B = 3;
    private static final int OUT_W = 4;
    private static final int OUT_B = 5;
    private static final int LN2_G = 6;
    private static final int LN2_B = 7;
    private static final int FC_W = 8;
    private static final int FC_B = 9;
    private static final int PROJ_W = 10;
    private static final int PROJ_B = 11;

    /** One parameter's name and shape, in the stable order of {@link #parameters()}. */
    record Spec(String name, Shape shape, Parameter.Type type) {
    }

    /** The parameter layout of a configuration. */
    static List<Spec> specs(TransformerConfig c) {
        long d = c.width();
        long f = c.mlpWidth();
        List<Spec> s = new ArrayList<>();
        s.add(new Spec("tok_emb", new Shape(c.vocabSize(), d), Parameter.Type.WEIGHT));
        if (c.positions() == TransformerConfig.Positions.LEARNED) {
            s.add(new Spec("pos_emb", new Shape(c.contextLength(), d), Parameter.Type.WEIGHT));
        }
        if (c.goalMatch()) {
            s.add(new Spec("match_emb", new Shape(GoalMatch.SLOTS + 1, d), Parameter.Type.WEIGHT));
        }
        if (c.goalCopy()) {
            s.add(new Spec("copy_emb", new Shape(GoalMatch.SLOTS, d), Parameter.Type.WEIGHT));
        }
        for (int l = 0; l < c.layers(); l++) {
            String p = "block" + l + ".";
            s.add(new Spec(p + "ln1.gamma", new Shape(d), Parameter.Type.GAMMA));
            s.add(new Spec(p + "ln1.beta", new Shape(d), Parameter.Type.BETA));
            s.add(new Spec(p + "attn.qkv.weight", new Shape(3 * d, d), Parameter.Type.WEIGHT));
            s.add(new Spec(p + "attn.qkv.bias", new Shape(3 * d), Parameter.Type.BIAS));
            s.add(new Spec(p + "attn.out.weight", new Shape(d, d), Parameter.Type.WEIGHT));
            s.add(new Spec(p + "attn.out.bias", new Shape(d), Parameter.Type.BIAS));
            s.add(new Spec(p + "ln2.gamma", new Shape(d), Parameter.Type.GAMMA));
            s.add(new Spec(p + "ln2.beta", new Shape(d), Parameter.Type.BETA));
            s.add(new Spec(p + "mlp.fc.weight", new Shape(f, d), Parameter.Type.WEIGHT));
            s.add(new Spec(p + "mlp.fc.bias", new Shape(f), Parameter.Type.BIAS));
            s.add(new Spec(p + "mlp.proj.weight", new Shape(d, f), Parameter.Type.WEIGHT));
            s.add(new Spec(p + "mlp.proj.bias", new Shape(d), Parameter.Type.BIAS));
        }
        s.add(new Spec("ln_f.gamma", new Shape(d), Parameter.Type.GAMMA));
        s.add(new Spec("ln_f.beta", new Shape(d), Parameter.Type.BETA));
        if (!c.tiedHead()) {
            s.add(new Spec("head.weight", new Shape(c.vocabSize(), d), Parameter.Type.WEIGHT));
        }
        return s;
    }

    /**
     * A freshly initialised model: weights ~ N(0, 0.02^2), the two residual projections of each block
     * scaled by 1/sqrt(2N), biases 0, LayerNorm gains 1; all drawn from {@code new Random(seed)} in
     * {@link #parameters()} order, so the same seed gives the same weights.
     */
    static TransformerLm create(TransformerConfig config, long seed) {
        Random rng = new Random(seed);
        double residualStd = 0.02 / Math.sqrt(2.0 * config.layers());
        List<float[]> values = new ArrayList<>();
        for (Spec s : specs(config)) {
            float[] v = new float[Math.toIntExact(s.shape().size())];
            switch (s.type()) {
                case GAMMA -> java.util.Arrays.fill(v, 1f);
                case BIAS, BETA -> {
                }
                default -> {
                    double std = s.name().endsWith("attn.out.weight") || s.name().endsWith("mlp.proj.weight")
                            ? residualStd : 0.02;
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (rng.nextGaussian() * std);
                    }
                }
            }
            values.add(v);
        }
        return fromValues(config, values);
    }

    private static TransformerLm fromValues(TransformerConfig config, List<float[]> values) {
        NDManager manager = NDManager.newBaseManager();
        manager.setName("transformer-weights");
        List<Spec> specs = specs(config);
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            NDArray a = manager.create(values.get(i), s.shape());
            a.setName(s.name());
            a.setRequiresGradient(true);
            params.add(Parameter.builder().setName(s.name()).setType(s.type()).optShape(s.shape()).optArray(a)
                    .build());
        }
        return new TransformerLm(config, manager, params);
    }

    /** The configuration. */
    TransformerConfig config() {
        return config;
    }

    /** Trainable parameters in a stable order: embeddings, blocks 0..N-1, final LayerNorm, head. */
    List<Parameter> parameters() {
        return parameters;
    }

    /** The model's own manager (holds only the parameters). */
    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public int vocabSize() {
        return config.vocabSize();
    }

    @Override
    public int width() {
        return config.width();
    }

    @Override
    public int contextLength() {
        return config.contextLength();
    }

    @Override
    public KvCache newCache(NDManager scope, int batch, int capacity) {
        return new KvCache(scope, config, batch, capacity);
    }

    /** A deep copy with its own manager. */
    TransformerLm copy() {
        List<float[]> values = new ArrayList<>();
        for (Parameter p : parameters) {
            values.add(p.getArray().toFloatArray());
        }
        return fromValues(config, values);
    }

    /**
     * Runs the blocks over new columns.
     *
     * @param ids       token ids [B, T] (int64, in the caller's scope)
     * @param positions position ids [B, T] (int64, each {@code < contextLength})
     * @param match     goal-match slots m(x) [B, T] (int64, {@link GoalMatch}) when the model has the goal-match
     *                  embedding, else {@code null}
     * @param mask      additive attention mask [B or 1, 1, T, S], S = cached columns + T
     * @param cache     keys/values of earlier columns, extended in place by these T columns, or {@code null}
     *                  for a plain forward pass (training and scoring)
     * @param train     apply dropout (only when the configuration has some)
     * @return the final-LayerNorm hidden states z [B, T, D]
     */
    @Override
    public NDArray forward(NDArray ids, NDArray positions, NDArray match, NDArray mask, KvCache cache,
                           boolean train) {
        if ((match != null) != config.goalMatch()) {
            throw new IllegalArgumentException(config.goalMatch() ? "the model reads goal-match slots: pass them"
                    : "the model has no goal-match embedding");
        }
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        int d = config.width();
        int h = config.heads();
        int dh = config.headWidth();
        float eps = (float) config.layerNormEps();
        boolean drop = train && config.dropout() > 0;
        float rate = (float) config.dropout();
        Shape norm = new Shape(d);

        NDArray x = Embedding.embedding(ids, tokenEmbedding.getArray(), SparseFormat.DENSE).singletonOrThrow();
        if (match != null) {
            x = x.add(Embedding.embedding(match, matchEmbedding.getArray(), SparseFormat.DENSE).singletonOrThrow());
        }
        NDArray cos = null;
        NDArray sin = null;
        if (positionEmbedding != null) {
            x = x.add(Embedding.embedding(positions, positionEmbedding.getArray(), SparseFormat.DENSE)
                    .singletonOrThrow());
        } else {
            cos = Embedding.embedding(positions, ropeCos, SparseFormat.DENSE).singletonOrThrow()
                    .reshape(b, 1, t, dh / 2);
            sin = Embedding.embedding(positions, ropeSin, SparseFormat.DENSE).singletonOrThrow()
                    .reshape(b, 1, t, dh / 2);
        }
        if (drop) {
            x = Dropout.dropout(x, rate, true).singletonOrThrow();
        }
        for (int l = 0; l < config.layers(); l++) {
            Parameter[] p = blocks[l];
            NDArray n1 = LayerNorm.layerNorm(x, norm, p[LN1_G].getArray(), p[LN1_B].getArray(), eps)
                    .singletonOrThrow();
            NDList qkv = Linear.linear(n1, p[QKV_W].getArray(), p[QKV_B].getArray()).singletonOrThrow()
                    .split(3, 2);
            NDArray q = qkv.get(0).reshape(b, t, h, dh).transpose(0, 2, 1, 3).mul(attentionScale);
            NDArray k = qkv.get(1).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
            if (cos != null) {
                q = rotate(q, cos, sin);
                k = rotate(k, cos, sin);
            }
            NDArray v = qkv.get(2).reshape(b, t, h, dh).transpose(0, 2, 1, 3);
            if (cache != null) {
                NDArray[] kv = cache.write(l, k, v);
                k = kv[0];
                v = kv[1];
            }
            NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).add(mask).softmax(-1);
            if (drop) {
                att = Dropout.dropout(att, rate, true).singletonOrThrow();
            }
            NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
            NDArray o = Linear.linear(y, p[OUT_W].getArray(), p[OUT_B].getArray()).singletonOrThrow();
            if (drop) {
                o = Dropout.dropout(o, rate, true).singletonOrThrow();
            }
            x = x.add(o);
            NDArray n2 = LayerNorm.layerNorm(x, norm, p[LN2_G].getArray(), p[LN2_B].getArray(), eps)
                    .singletonOrThrow();
            NDArray m = Activation.gelu(Linear.linear(n2, p[FC_W].getArray(), p[FC_B].getArray())
                    .singletonOrThrow());
            m = Linear.linear(m, p[PROJ_W].getArray(), p[PROJ_B].getArray()).singletonOrThrow();
            if (drop) {
                m = Dropout.dropout(m, rate, true).singletonOrThrow();
            }
            x = x.add(m);
        }
        if (cache != null) {
            cache.advance((int) t);
        }
        return LayerNorm.layerNorm(x, norm, finalGamma.getArray(), finalBeta.getArray(), eps).singletonOrThrow();
    }

    /**
     * Rotary position embedding of queries or keys [B, H, T, d_h]: the halves (u, w) of each head become
     * (u cos - w sin, u sin + w cos) with cos, sin [B, 1, T, d_h / 2] of each column's position.
     */
    private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray u = halves.get(0);
        NDArray w = halves.get(1);
        return u.mul(cos).sub(w.mul(sin)).concat(u.mul(sin).add(w.mul(cos)), 3);
    }

    /** Logits z · W_head^T, [..., V]. */
    @Override
    public NDArray logits(NDArray hidden) {
        if (config.goalCopy()) {
            throw new IllegalArgumentException("the model scores goal words: pass each row's goal");
        }
        return Linear.linear(hidden, head.getArray()).singletonOrThrow();
    }

    /**
     * Logits with the goal-copy scores (docs/ALGORITHMS.md "Goal copy"):
     * <pre>
     * logits[b, ·, v] = z[b, ·] · W_head[v] + Σ_k [slot_b(v) = k] z[b, ·] · C[k]
     * </pre>
     * computed as {@code (z · C^T) · O_b} with the one-hot slot map O_b [K, V] of row b's goal: each goal word's
     * slot is the one goal match gives it (its first goal position, later positions sharing the last slot), and a
     * word outside the goal gets no copy score. Without goal copy this is {@link #logits(NDArray)}.
     *
     * @param hidden z [B, T, D] or [B, D]
     * @param goals  per row b the goal's tokens ({@link GoalMatch#goal}), or {@code null} without goal copy
     */
    @Override
    public NDArray logits(NDArray hidden, int[][] goals) {
        if ((goals != null) != config.goalCopy()) {
            throw new IllegalArgumentException(config.goalCopy() ? "the model scores goal words: pass each row's goal"
                    : "the model has no goal-copy scores");
        }
        NDArray out = Linear.linear(hidden, head.getArray()).singletonOrThrow();
        if (goals == null) {
            return out;
        }
        long b = hidden.getShape().get(0);
        if (goals.length != b) {
            throw new IllegalArgumentException(goals.length + " goals for " + b + " rows");
        }
        int k = GoalMatch.SLOTS;
        int v = config.vocabSize();
        float[] oneHot = new float[Math.toIntExact(b * k * v)];
        for (int r = 0; r < b; r++) {
            for (int token : goals[r]) {                     // a repeated word keeps the slot of its first place
                oneHot[(r * k + GoalMatch.slot(goals[r], token) - 1) * v + token] = 1f;
            }
        }
        boolean flat = hidden.getShape().dimension() == 2;
        NDArray z = flat ? hidden.expandDims(1) : hidden;                                  // [B, T, D]
        NDArray slotScores = Linear.linear(z, copyEmbedding.getArray()).singletonOrThrow(); // z · C^T [B, T, K]
        NDArray copy = slotScores.batchMatMul(z.getManager().create(oneHot, new Shape(b, k, v))); // [B, T, V]
        return out.add(flat ? copy.squeeze(1) : copy);
    }

    /**
     * The additive causal mask [1, 1, T, S] for T new columns after {@code past} cached ones: query i may
     * read key j when j &lt;= past + i.
     */
    static NDArray causalMask(NDManager scope, int t, int past) {
        int s = past + t;
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = past + i + 1; j < s; j++) {
                m[i * s + j] = MASKED;
            }
        }
        return scope.create(m, new Shape(1, 1, t, s));
    }

    /** Writes the weights (names, shapes, float32 values) to {@code file}. */
    void saveWeights(Path file) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                1 << 16))) {
            out.writeInt(WEIGHTS_MAGIC);
            out.writeInt(WEIGHTS_VERSION);
            out.writeInt(parameters.size());
            for (Parameter p : parameters) {
                out.writeUTF(p.getName());
                long[] shape = p.getArray().getShape().getShape();
                out.writeInt(shape.length);
                for (long s : shape) {
                    out.writeLong(s);
                }
                for (float f : p.getArray().toFloatArray()) {
                    out.writeFloat(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads weights written by {@link #saveWeights} for a model of {@code config}.
     *
     * @throws IllegalArgumentException naming the file and parameter when names or shapes disagree
     */
    static TransformerLm loadWeights(TransformerConfig config, Path file) {
        List<Spec> specs = specs(config);
        List<float[]> values = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16))) {
            if (in.readInt() != WEIGHTS_MAGIC || in.readInt() != WEIGHTS_VERSION) {
                throw new IllegalArgumentException(file + ": not an untangle weights file (version "
                        + WEIGHTS_VERSION + ")");
            }
            int n = in.readInt();
            if (n != specs.size()) {
                throw new IllegalArgumentException(file + ": holds " + n + " parameters, the model config needs "
                        + specs.size());
            }
            for (Spec s : specs) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > s.shape().dimension()) {
                    throw new IllegalArgumentException(file + ": parameter " + name + " has rank " + rank
                            + " where the model config expects " + s.name() + " " + s.shape() + " (damaged file?)");
                }
                long[] shape = new long[rank];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = in.readLong();
                }
                if (!name.equals(s.name()) || !new Shape(shape).equals(s.shape())) {
                    throw new IllegalArgumentException(file + ": parameter " + name + " " + new Shape(shape)
                            + " where the model config expects " + s.name() + " " + s.shape());
                }
                float[] v = new float[Math.toIntExact(s.shape().size())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                    if (!Float.isFinite(v[i])) {             // damaged bytes read as NaN would decode nonsense
                        String what = "parameter " + name + " holds " + v[i] + " at index " + i
                                + " (the file is damaged, or the training that saved it diverged)";
                        throw new UncheckedIOException("damaged weights " + file + ": " + what, new IOException(what));
                    }
                }
                values.add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights " + file + ": " + e.getMessage(), e);
        }
        return fromValues(config, values);
    }

    /** Concatenates arrays along an axis (helper for cache surgery). */
    static NDArray concat(List<NDArray> parts, int axis) {
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), axis);
    }

    @Override
    public void close() {
        manager.close();
    }
}
