package dev.untangle.rl;

import dev.untangle.config.ConfigException;
import dev.untangle.policy.Policy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The registry of model kinds by name ({@code model.kind}), as {@link dev.untangle.rl.advantage.AdvantageEstimators}
 * is for estimators: {@code transformer} (the built-in transformer) and {@code hf} (a pretrained Hugging Face
 * decoder). Immutable, with no load-time side effects; to add a kind, add one entry here.
 */
public final class ModelKinds {

    /** The kind that loads a directory no kind recognises; its loader names the file the directory lacks. */
    private static final String FALLBACK = "transformer";

    /** In the order {@link #load} asks them whether they hold a directory. */
    private static final Map<String, ModelKind> BY_NAME = ordered(new HfKind(), new TransformerKind());

    private ModelKinds() {
    }

    private static Map<String, ModelKind> ordered(ModelKind... kinds) {
        Map<String, ModelKind> m = new LinkedHashMap<>();
        for (ModelKind k : kinds) {
            m.put(k.name(), k);
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The named kind.
     *
     * @throws ConfigException on key {@code model.kind} listing the known names
     */
    public static ModelKind get(String name) {
        ModelKind kind = BY_NAME.get(name);
        if (kind == null) {
            throw new ConfigException("model.kind", "unknown model kind '" + name + "'; known: " + known());
        }
        return kind;
    }

    /**
     * Loads a saved policy with the kind that holds it; a directory no kind recognises goes to the built-in
     * transformer's loader, which names the file it lacks.
     *
     * @throws IllegalArgumentException when {@code dir} is not a saved policy
     */
    public static Policy load(Path dir) {
        for (ModelKind kind : BY_NAME.values()) {
            if (kind.holds(dir)) {
                return kind.load(dir);
            }
        }
        return BY_NAME.get(FALLBACK).load(dir);
    }

    /** The registered names, sorted. */
    public static TreeSet<String> known() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
