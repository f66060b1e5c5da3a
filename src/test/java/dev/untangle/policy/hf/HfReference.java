package dev.untangle.policy.hf;

import java.util.Map;

/**
 * A straightforward double-precision implementation of the Llama / Qwen2 / Qwen3 forward pass for one sequence,
 * loop by loop, written from Hugging Face's modeling code and independent of {@link HfDecoder}: the reference its
 * logits are checked against.
 */
final class HfReference {

    private final Map<String, float[]> w;
    private final int d;
    private final int f;
    private final int layers;
    private final int heads;
    private final int kvHeads;
    private final int dh;
    private final int vocab;
    private final double eps;
    private final boolean tied;
    private final boolean qkNorm;
    private final double[] invFreq;

    /**
     * @param w      weights by Hugging Face name
     * @param config the raw config.json keys (read here directly, with Hugging Face's defaults)
     */
    HfReference(Map<String, float[]> w, Map<String, Object> config) {
        this.w = w;
        this.d = (Integer) config.get("hidden_size");
        this.f = (Integer) config.get("intermediate_size");
        this.layers = (Integer) config.get("num_hidden_layers");
        this.heads = (Integer) config.get("num_attention_heads");
        this.kvHeads = (Integer) config.getOrDefault("num_key_value_heads", heads);
        String type = (String) config.get("model_type");
        this.dh = (Integer) config.getOrDefault("head_dim", d / heads);
        this.vocab = (Integer) config.get("vocab_size");
        this.eps = ((Number) config.get("rms_norm_eps")).doubleValue();
        this.tied = (Boolean) config.getOrDefault("tie_word_embeddings", false);
        this.qkNorm = type.equals("qwen3");
        double theta = ((Number) config.getOrDefault("rope_theta", 10000.0)).doubleValue();
        invFreq = new double[dh / 2];
        for (int i = 0; i < invFreq.length; i++) {
            invFreq[i] = 1.0 / Math.pow(theta, (2.0 * i) / dh);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> scaling = (Map<String, Object>) config.get("rope_scaling");
        if (scaling != null) {
            String rope = (String) scaling.getOrDefault("rope_type", scaling.get("type"));
            double factor = ((Number) scaling.get("factor")).doubleValue();
            if (rope.equals("linear")) {
                for (int i = 0; i < invFreq.length; i++) {
                    invFreq[i] /= factor;
                }
            } else if (rope.equals("llama3")) {
                double low = ((Number) scaling.get("low_freq_factor")).doubleValue();
                double high = ((Number) scaling.get("high_freq_factor")).doubleValue();
                double old = ((Number) scaling.get("original_max_position_embeddings")).doubleValue();
                double lowWavelen = old / low;
                double highWavelen = old / high;
                for (int i = 0; i < invFreq.length; i++) {
                    double wavelen = 2 * Math.PI / invFreq[i];
                    double llama = wavelen > lowWavelen ? invFreq[i] / factor : invFreq[i];
                    double smooth = (old / wavelen - low) / (high - low);
                    double smoothed = (1 - smooth) * llama / factor + smooth * llama;
                    boolean medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
                    invFreq[i] = medium ? smoothed : llama;
                }
            } else {
                throw new IllegalArgumentException(rope);
            }
        }
    }

    /** Logits [T][V] of a sequence with the given positions (causal attention over the sequence itself). */
    double[][] logits(int[] ids, int[] positions) {
        int t = ids.length;
        double[][] x = new double[t][d];
        float[] emb = w.get("model.embed_tokens.weight");
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = emb[ids[i] * d + j];
            }
        }
        for (int l = 0; l < layers; l++) {
            String p = "model.layers." + l + ".";
            double[][] q = new double[t][];
            double[][] k = new double[t][];
            double[][] v = new double[t][];
            for (int i = 0; i < t; i++) {
                double[] n = rms(x[i], w.get(p + "input_layernorm.weight"));
                q[i] = linear(n, p + "self_attn.q_proj", heads * dh);
                k[i] = linear(n, p + "self_attn.k_proj", kvHeads * dh);
                v[i] = linear(n, p + "self_attn.v_proj", kvHeads * dh);
                if (qkNorm) {
                    perHeadRms(q[i], w.get(p + "self_attn.q_norm.weight"));
                    perHeadRms(k[i], w.get(p + "self_attn.k_norm.weight"));
                }
                rope(q[i], positions[i]);
                rope(k[i], positions[i]);
            }
            for (int i = 0; i < t; i++) {
                double[] a = new double[heads * dh];
                for (int hq = 0; hq < heads; hq++) {
                    int hk = hq / (heads / kvHeads);
                    double[] s = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double dot = 0;
                        for (int c = 0; c < dh; c++) {
                            dot += q[i][hq * dh + c] * k[j][hk * dh + c];
                        }
                        s[j] = dot / Math.sqrt(dh);
                        max = Math.max(max, s[j]);
                    }
                    double z = 0;
                    for (int j = 0; j <= i; j++) {
                        s[j] = Math.exp(s[j] - max);
                        z += s[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int c = 0; c < dh; c++) {
                            a[hq * dh + c] += s[j] / z * v[j][hk * dh + c];
                        }
                    }
                }
                double[] o = linear(a, p + "self_attn.o_proj", d);
                for (int j = 0; j < d; j++) {
                    x[i][j] += o[j];
                }
                double[] m = rms(x[i], w.get(p + "post_attention_layernorm.weight"));
                double[] gate = linear(m, p + "mlp.gate_proj", f);
                double[] up = linear(m, p + "mlp.up_proj", f);
                double[] act = new double[f];
                for (int j = 0; j < f; j++) {
                    act[j] = gate[j] / (1 + Math.exp(-gate[j])) * up[j];
                }
                double[] down = linear(act, p + "mlp.down_proj", d);
                for (int j = 0; j < d; j++) {
                    x[i][j] += down[j];
                }
            }
        }
        double[][] out = new double[t][];
        for (int i = 0; i < t; i++) {
            double[] z = rms(x[i], w.get("model.norm.weight"));
            out[i] = linear(z, tied ? "model.embed_tokens" : "lm_head", vocab);
        }
        return out;
    }

    private double[] rms(double[] x, float[] g) {
        double ms = 0;
        for (double e : x) {
            ms += e * e;
        }
        ms /= x.length;
        double r = 1 / Math.sqrt(ms + eps);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = g[i] * x[i] * r;
        }
        return y;
    }

    private void perHeadRms(double[] x, float[] g) {
        for (int h = 0; h < x.length / dh; h++) {
            double[] head = java.util.Arrays.copyOfRange(x, h * dh, (h + 1) * dh);
            System.arraycopy(rms(head, g), 0, x, h * dh, dh);
        }
    }

    /** q * cos + rotate_half(q) * sin per head, cos = cat(cos(p f), cos(p f)). */
    private void rope(double[] x, int pos) {
        int half = dh / 2;
        for (int h = 0; h < x.length / dh; h++) {
            double[] head = java.util.Arrays.copyOfRange(x, h * dh, (h + 1) * dh);
            for (int c = 0; c < dh; c++) {
                double angle = pos * invFreq[c % half];
                double rotated = c < half ? -head[c + half] : head[c - half];
                x[h * dh + c] = head[c] * Math.cos(angle) + rotated * Math.sin(angle);
            }
        }
    }

    private double[] linear(double[] x, String module, int out) {
        float[] wt = w.get(module + ".weight");
        float[] b = w.get(module + ".bias");
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b == null ? 0 : b[o];
            for (int i = 0; i < x.length; i++) {
                s += wt[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }
}
