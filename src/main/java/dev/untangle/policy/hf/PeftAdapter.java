package dev.untangle.policy.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LoRA adapter in PEFT's layout, loadable with {@code PeftModel.from_pretrained(base, dir)}:
 * {@code adapter_config.json} (peft_type LORA, r, lora_alpha, target_modules) and
 * {@code adapter_model.safetensors} with tensors named like
 * {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight} [r, in] and {@code ...lora_B.weight}
 * [out, r].
 */
public final class PeftAdapter {

    /** The adapter's configuration file. */
    public static final String CONFIG_FILE = "adapter_config.json";
    /** The adapter's weights file. */
    public static final String WEIGHTS_FILE = "adapter_model.safetensors";
    /** The prefix PEFT puts before a module path in saved tensor names. */
    public static final String PREFIX = "base_model.model.";

    private PeftAdapter() {
    }

    /**
     * Writes the LoRA factors of {@code model} into {@code dir} (created if absent), as float32.
     *
     * @param model     a model with LoRA adapters
     * @param dir       the output directory
     * @param baseModel the base model's name or path, recorded as {@code base_model_name_or_path}
     * @throws IllegalStateException when the model has no LoRA adapters
     */
    public static void save(HfDecoder model, Path dir, String baseModel) {
        save(model, dir, baseModel, false);
    }

    /**
     * Writes an adapter of {@code model}'s shape whose factors are all zero, so that it leaves the pretrained model
     * unchanged: the checkpoint of a reference policy (the model with its adapters off), whose bytes then depend on
     * the pretrained model alone and not on how far the adapters it shares with the policy have trained.
     *
     * @throws IllegalStateException when the model has no LoRA adapters
     */
    public static void saveZero(HfDecoder model, Path dir, String baseModel) {
        save(model, dir, baseModel, true);
    }

    private static void save(HfDecoder model, Path dir, String baseModel, boolean zero) {
        if (!(model.tuning() instanceof Tuning.Lora lora)) {
            throw new IllegalStateException("the model has no LoRA adapters to save (tuning " + model.tuning() + ")");
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, HfDecoder.LoraPair> e : model.adapters().entrySet()) {
            tensors.put(PREFIX + e.getKey() + ".lora_A.weight", host(e.getValue().a().getArray(), zero));
            tensors.put(PREFIX + e.getKey() + ".lora_B.weight", host(e.getValue().b().getArray(), zero));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", "LORA");
        config.put("task_type", "CAUSAL_LM");
        config.put("base_model_name_or_path", baseModel);
        config.put("r", lora.rank());
        config.put("lora_alpha", lora.alpha() == Math.rint(lora.alpha()) ? (Object) (long) lora.alpha()
                : (Object) lora.alpha());
        config.put("lora_dropout", 0.0);
        config.put("target_modules", lora.targetModules());
        config.put("bias", "none");
        config.put("fan_in_fan_out", false);
        config.put("use_rslora", false);
        config.put("use_dora", false);
        config.put("inference_mode", true);
        config.put("init_lora_weights", true);
        config.put("modules_to_save", null);
        config.put("layers_to_transform", null);
        config.put("rank_pattern", Map.of());
        config.put("alpha_pattern", Map.of());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CONFIG_FILE), new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(config), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + CONFIG_FILE + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the adapter to " + dir + ": " + e.getMessage(), e);
        }
        SafetensorsWriter.write(dir.resolve(WEIGHTS_FILE), tensors, TensorDtype.F32);
    }

    /**
     * Loads a base model and puts a PEFT LoRA adapter on it, trainable (LoRA tuning with the adapter's rank, alpha
     * and target modules).
     *
     * @param baseDir    the base model directory
     * @param adapterDir the adapter directory
     * @throws HfFormatException naming the file and key or tensor when the adapter is missing, uses a PEFT feature
     *                           this package does not implement, or does not fit the base model
     */
    public static HfDecoder load(Path baseDir, Path adapterDir) {
        return load(baseDir, adapterDir, 0);
    }

    /**
     * {@link #load(Path, Path)}, recording {@code seed} as the seed the adapters were initialised with (PEFT's files
     * do not hold it; a policy saved by untangle does, and must save it again unchanged when resumed).
     */
    public static HfDecoder load(Path baseDir, Path adapterDir, long seed) {
        Path configFile = adapterDir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(configFile)) {
            throw new HfFormatException(configFile, "", "missing: a PEFT adapter directory needs " + CONFIG_FILE);
        }
        Map<String, Object> c = SafetensorsReader.readJson(configFile);
        require(configFile, c, "peft_type", "LORA");
        refuseIf(configFile, c, "use_rslora", Boolean.TRUE);
        refuseIf(configFile, c, "use_dora", Boolean.TRUE);
        refuseIf(configFile, c, "fan_in_fan_out", Boolean.TRUE);
        if (c.get("bias") != null && !"none".equals(c.get("bias"))) {
            throw new HfFormatException(configFile, "bias", "'" + c.get("bias") + "' is not supported; supported: "
                    + "none");
        }
        for (String key : List.of("modules_to_save", "layers_to_transform", "layers_pattern")) {
            Object v = c.get(key);
            if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
                throw new HfFormatException(configFile, key, "is not supported (got " + v + ")");
            }
        }
        for (String key : List.of("rank_pattern", "alpha_pattern")) {
            if (c.get(key) instanceof Map<?, ?> m && !m.isEmpty()) {
                throw new HfFormatException(configFile, key, "per-module ranks or alphas are not supported (got "
                        + m + ")");
            }
        }
        if (!(c.get("r") instanceof Integer rank)) {
            throw new HfFormatException(configFile, "r", "missing or not an integer: " + c.get("r"));
        }
        if (!(c.get("lora_alpha") instanceof Number alpha)) {
            throw new HfFormatException(configFile, "lora_alpha", "missing or not a number: " + c.get("lora_alpha"));
        }
        if (!(c.get("target_modules") instanceof List<?> targets)) {
            throw new HfFormatException(configFile, "target_modules", "must be a list of module names such as "
                    + "[q_proj, v_proj], got " + c.get("target_modules"));
        }
        List<String> modules = new ArrayList<>();
        for (Object t : targets) {
            modules.add(String.valueOf(t));
        }
        Tuning.Lora tuning;
        try {
            tuning = new Tuning.Lora(rank, alpha.doubleValue(), modules.stream().sorted(
                    Comparator.comparingInt(HfModules::order)).toList(), seed);
        } catch (IllegalArgumentException e) {
            throw new HfFormatException(configFile, "", e.getMessage());
        }
        HfConfig config = HfConfig.load(baseDir);
        SafetensorsReader reader = SafetensorsReader.openFile(adapterDir.resolve(WEIGHTS_FILE));
        Map<String, float[]> values = new LinkedHashMap<>();
        Set<String> expected = new HashSet<>();
        Map<String, Shape> baseShapes = new LinkedHashMap<>();
        for (HfDecoder.Spec s : HfDecoder.specs(config)) {
            baseShapes.put(s.name(), s.shape());
        }
        for (int l = 0; l < config.layers(); l++) {
            for (String module : tuning.targetModules()) {
                String path = HfDecoder.modulePath(l, module);
                Shape w = baseShapes.get(path + ".weight");
                String why = configFile + " (r = " + rank + ") and " + baseDir.resolve(HfConfig.FILE);
                String a = path + ".lora_A.weight";
                String b = path + ".lora_B.weight";
                values.put(a, reader.read(PREFIX + a, new Shape(rank, w.get(1)), why));
                values.put(b, reader.read(PREFIX + b, new Shape(w.get(0), rank), why));
                expected.add(PREFIX + a);
                expected.add(PREFIX + b);
            }
        }
        for (String name : reader.names()) {
            if (!expected.contains(name)) {
                throw new HfFormatException(reader.source(), name, "unexpected tensor for target modules "
                        + tuning.targetModules() + " of " + config.layers() + " layers");
            }
        }
        Map<String, float[]> weights = HfDecoder.readWeights(baseDir, config);
        return HfDecoder.create(config, weights, tuning, values);
    }

    private static void require(Path file, Map<String, Object> c, String key, Object value) {
        if (!value.equals(c.get(key))) {
            throw new HfFormatException(file, key, "must be " + value + ", got " + c.get(key));
        }
    }

    private static void refuseIf(Path file, Map<String, Object> c, String key, Object value) {
        if (value.equals(c.get(key))) {
            throw new HfFormatException(file, key, value + " is not supported");
        }
    }

    private static HostTensor host(NDArray a, boolean zero) {
        return new HostTensor(a.getShape(), zero ? new float[Math.toIntExact(a.getShape().size())] : a.toFloatArray());
    }

    /** The order of module names in a layer (attention, then MLP), so adapters load in a stable order. */
    private static final class HfModules {
        private static final List<String> ORDER = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                "up_proj", "down_proj");

        static int order(String module) {
            int i = ORDER.indexOf(module);
            return i < 0 ? ORDER.size() : i;
        }
    }
}
