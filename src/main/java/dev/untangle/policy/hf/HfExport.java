package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model back in Hugging Face's layout, loadable by {@code AutoModelForCausalLM.from_pretrained}:
 * {@code config.json}, the weights with any LoRA update merged in ({@code W + (alpha / r) B A}), and the tokenizer
 * and generation files copied from the directory the model came from. The LoRA adapter alone, in PEFT's layout,
 * is {@link PeftAdapter#save}.
 */
public final class HfExport {

    /** Files copied next to exported weights when the source directory has them. */
    public static final List<String> COMPANION_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json", "vocab.json", "merges.txt", "tokenizer.model",
            "added_tokens.json", "chat_template.jinja");

    /** The largest shard written; larger models are split as {@code transformers} does by default (5 GB). */
    public static final long MAX_SHARD_BYTES = 5_000_000_000L;

    private HfExport() {
    }

    /**
     * The pretrained tensors by Hugging Face name with every LoRA update merged in, as float32 host arrays.
     *
     * @param model the model
     */
    public static Map<String, HostTensor> mergedTensors(HfDecoder model) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        Map<String, HfDecoder.LoraPair> adapters = model.adapters();
        double scale = model.tuning() instanceof Tuning.Lora l ? l.scale() : 0;
        try (NDManager scope = NDManager.newBaseManager()) {
            scope.setName("hf-export");
            for (Map.Entry<String, Parameter> e : model.weights().entrySet()) {
                NDArray w = e.getValue().getArray();
                Shape shape = w.getShape();
                float[] values = w.toFloatArray();
                String name = e.getKey();
                HfDecoder.LoraPair pair = name.endsWith(".weight")
                        ? adapters.get(name.substring(0, name.length() - ".weight".length())) : null;
                if (pair != null) {
                    NDArray a = scope.create(pair.a().getArray().toFloatArray(), pair.a().getArray().getShape());
                    NDArray b = scope.create(pair.b().getArray().toFloatArray(), pair.b().getArray().getShape());
                    NDArray merged = b.matMul(a).mul((float) scale).add(scope.create(values, shape));
                    values = merged.toFloatArray();
                }
                out.put(name, new HostTensor(shape, values));
            }
        }
        return out;
    }

    /**
     * Writes the merged model into {@code dir} (created if absent): {@code config.json} with {@code torch_dtype}
     * set to {@code dtype}, {@code model.safetensors} (or 5 GB shards with their index), and the
     * {@link #COMPANION_FILES} found in {@code companionSource}.
     *
     * @param model           the model
     * @param dir             the output directory
     * @param dtype           how the weights are stored
     * @param companionSource the model directory to copy tokenizer and generation files from, or {@code null}
     */
    public static void saveMerged(HfDecoder model, Path dir, TensorDtype dtype, Path companionSource) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(HfConfig.FILE), model.config().toJson(dtype.torchName()),
                    StandardCharsets.UTF_8);
            SafetensorsWriter.writeModel(dir, mergedTensors(model), dtype, MAX_SHARD_BYTES);
            if (companionSource != null) {
                for (String f : COMPANION_FILES) {
                    Path from = companionSource.resolve(f);
                    if (Files.isRegularFile(from)) {
                        Files.copy(from, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the model to " + dir + ": " + e.getMessage(), e);
        }
    }
}
