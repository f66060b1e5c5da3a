"""Reference forward pass of Llama / Qwen2 / Qwen3 decoders, written after Hugging Face's modeling code
(modeling_llama.py, modeling_qwen2.py, modeling_qwen3.py, modeling_rope_utils.py) and independent of untangle.

usage: python3 torch_reference.py MODEL_DIR INPUT_JSON OUTPUT_JSON [--backend torch|numpy]

MODEL_DIR holds config.json and model.safetensors (or shards with model.safetensors.index.json); INPUT_JSON is
{"sequences": [[ids...], ...], "offsets": [first position of each sequence, ...]}; OUTPUT_JSON receives
{"logits": [[[V floats] per position] per sequence]}. Computation is in float64. The torch backend is the
reference the Java test runs; the numpy backend runs the same code where torch is absent (to check the script).
"""
import json
import math
import os
import struct
import sys


class TorchOps:
    def __init__(self):
        import torch
        self.t = torch

    def tensor(self, values):
        return self.t.tensor(values, dtype=self.t.float64)

    def from_bytes(self, raw, dtype, shape):
        t = self.t
        if dtype == "F32":
            x = t.frombuffer(bytearray(raw), dtype=t.float32)
        elif dtype == "F16":
            x = t.frombuffer(bytearray(raw), dtype=t.float16)
        elif dtype == "BF16":
            x = t.frombuffer(bytearray(raw), dtype=t.bfloat16)
        else:
            raise ValueError("dtype " + dtype)
        return x.to(t.float64).reshape(shape)

    def cat(self, xs):
        return self.t.cat(xs, dim=-1)

    def mean_last(self, x):
        return x.mean(-1, keepdim=True)

    def swap(self, x, a, b):
        return x.transpose(a, b)

    def softmax(self, x):
        return self.t.softmax(x, dim=-1)

    def repeat_heads(self, x, n):
        return x.repeat_interleave(n, dim=1)

    def exp(self, x):
        return self.t.exp(x)

    def cos(self, x):
        return self.t.cos(x)

    def sin(self, x):
        return self.t.sin(x)

    def triu_mask(self, n):
        return self.t.triu(self.t.full((n, n), float("-inf"), dtype=self.t.float64), diagonal=1)

    def to_list(self, x):
        return x.tolist()


class NumpyOps:
    def __init__(self):
        import numpy
        self.np = numpy

    def tensor(self, values):
        return self.np.array(values, dtype=self.np.float64)

    def from_bytes(self, raw, dtype, shape):
        np = self.np
        if dtype == "F32":
            x = np.frombuffer(raw, dtype="<f4").astype(np.float64)
        elif dtype == "F16":
            x = np.frombuffer(raw, dtype="<f2").astype(np.float64)
        elif dtype == "BF16":
            x = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32).astype(np.float64)
        else:
            raise ValueError("dtype " + dtype)
        return x.reshape(shape)

    def cat(self, xs):
        return self.np.concatenate(xs, axis=-1)

    def mean_last(self, x):
        return x.mean(-1, keepdims=True)

    def swap(self, x, a, b):
        return self.np.swapaxes(x, a, b)

    def softmax(self, x):
        e = self.np.exp(x - x.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)

    def repeat_heads(self, x, n):
        return self.np.repeat(x, n, axis=1)

    def exp(self, x):
        return self.np.exp(x)

    def cos(self, x):
        return self.np.cos(x)

    def sin(self, x):
        return self.np.sin(x)

    def triu_mask(self, n):
        return self.np.triu(self.np.full((n, n), float("-inf")), k=1)

    def to_list(self, x):
        return x.tolist()


def read_safetensors(path, ops, out):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        out[name] = ops.from_bytes(data[begin:end], entry["dtype"], entry["shape"])


def read_weights(model_dir, ops):
    weights = {}
    single = os.path.join(model_dir, "model.safetensors")
    if os.path.exists(single):
        read_safetensors(single, ops, weights)
    else:
        with open(os.path.join(model_dir, "model.safetensors.index.json")) as f:
            index = json.load(f)
        for shard in sorted(set(index["weight_map"].values())):
            read_safetensors(os.path.join(model_dir, shard), ops, weights)
    return weights


def inverse_frequencies(cfg, head_dim):
    """modeling_rope_utils: default, linear and llama3 rope types."""
    base = cfg.get("rope_theta", 10000.0)
    inv = [1.0 / (base ** (i / head_dim)) for i in range(0, head_dim, 2)]
    scaling = cfg.get("rope_scaling")
    if not scaling:
        return inv
    rope_type = scaling.get("rope_type", scaling.get("type"))
    factor = scaling["factor"]
    if rope_type == "linear":
        return [f / factor for f in inv]
    if rope_type == "llama3":
        low, high = scaling["low_freq_factor"], scaling["high_freq_factor"]
        old = scaling["original_max_position_embeddings"]
        low_wavelen, high_wavelen = old / low, old / high
        out = []
        for f in inv:
            wavelen = 2 * math.pi / f
            llama = f / factor if wavelen > low_wavelen else f
            smooth = (old / wavelen - low) / (high - low)
            smoothed = (1 - smooth) * llama / factor + smooth * llama
            medium = not (wavelen < high_wavelen) and not (wavelen > low_wavelen)
            out.append(smoothed if medium else llama)
        return out
    raise ValueError("rope type " + str(rope_type))


def forward(cfg, w, ids, offset, ops):
    d = cfg["hidden_size"]
    heads = cfg["num_attention_heads"]
    kv_heads = cfg.get("num_key_value_heads", heads)
    head_dim = cfg.get("head_dim") or d // heads
    eps = cfg["rms_norm_eps"]
    qk_norm = cfg["model_type"] == "qwen3"
    t = len(ids)

    def rms(x, g):
        return g * (x / (ops.mean_last(x * x) + eps) ** 0.5)

    def linear(x, name):
        y = x @ w[name + ".weight"].T
        if name + ".bias" in w:
            y = y + w[name + ".bias"]
        return y

    def rotate_half(x):
        half = x.shape[-1] // 2
        return ops.cat([-x[..., half:], x[..., :half]])

    inv = inverse_frequencies(cfg, head_dim)
    freqs = ops.tensor([[(offset + p) * f for f in inv] for p in range(t)])     # [T, d_h / 2]
    emb = ops.cat([freqs, freqs])
    cos, sin = ops.cos(emb), ops.sin(emb)
    x = w["model.embed_tokens.weight"][ids]                                   # [T, D]
    mask = ops.triu_mask(t)
    for layer in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % layer
        n = rms(x, w[p + "input_layernorm.weight"])
        q = linear(n, p + "self_attn.q_proj").reshape(t, heads, head_dim)
        k = linear(n, p + "self_attn.k_proj").reshape(t, kv_heads, head_dim)
        v = linear(n, p + "self_attn.v_proj").reshape(t, kv_heads, head_dim)
        if qk_norm:
            q = rms(q, w[p + "self_attn.q_norm.weight"])
            k = rms(k, w[p + "self_attn.k_norm.weight"])
        q = ops.swap(q.reshape(1, t, heads, head_dim), 1, 2)                  # [1, H, T, d_h]
        k = ops.swap(k.reshape(1, t, kv_heads, head_dim), 1, 2)
        v = ops.swap(v.reshape(1, t, kv_heads, head_dim), 1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = ops.repeat_heads(k, heads // kv_heads)                            # repeat_kv
        v = ops.repeat_heads(v, heads // kv_heads)
        scores = (q @ ops.swap(k, 2, 3)) * head_dim ** -0.5 + mask
        a = ops.softmax(scores) @ v                                           # [1, H, T, d_h]
        a = ops.swap(a, 1, 2).reshape(t, heads * head_dim)
        x = x + linear(a, p + "self_attn.o_proj")
        m = rms(x, w[p + "post_attention_layernorm.weight"])
        gate = linear(m, p + "mlp.gate_proj")
        x = x + linear(gate / (1 + ops.exp(-gate)) * linear(m, p + "mlp.up_proj"), p + "mlp.down_proj")
    z = rms(x, w["model.norm.weight"])
    head = "model.embed_tokens.weight" if cfg.get("tie_word_embeddings", False) else "lm_head.weight"
    return z @ w[head].T


def main(argv):
    backend = "torch"
    if "--backend" in argv:
        backend = argv[argv.index("--backend") + 1]
    ops = TorchOps() if backend == "torch" else NumpyOps()
    model_dir, input_file, output_file = argv[1], argv[2], argv[3]
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    with open(input_file) as f:
        request = json.load(f)
    w = read_weights(model_dir, ops)
    logits = [ops.to_list(forward(cfg, w, ids, off, ops))
              for ids, off in zip(request["sequences"], request["offsets"])]
    with open(output_file, "w") as f:
        json.dump({"logits": logits}, f)


if __name__ == "__main__":
    main(sys.argv)
