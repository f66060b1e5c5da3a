package dev.untangle.policy.hf;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which weights of an {@link HfDecoder} train: all of them ({@link Full}), or only low-rank adapters beside frozen
 * pretrained weights ({@link Lora}).
 */
public sealed interface Tuning permits Tuning.Full, Tuning.Lora {

    /** The linear modules of a decoder layer that LoRA can adapt, by their Hugging Face names. */
    Set<String> MODULES = Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
    /** The modules in a layer's order; adapters (and so the trainable parameters) follow it. */
    List<String> MODULE_ORDER = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    /** Full fine-tuning: every pretrained weight is a trainable parameter. */
    static Tuning full() {
        return new Full();
    }

    /**
     * LoRA (Hu et al., 2021): each targeted linear map {@code y = W x + b} becomes
     * {@code y = W x + b + (alpha / r) B A x} with A [r, in] drawn from U(-1/sqrt(in), 1/sqrt(in)) (PEFT's default,
     * Kaiming-uniform with a = sqrt(5)) and B [out, r] = 0, so the model is unchanged at initialisation. Only A and B
     * train; running with adapters off gives the pretrained model (the reference policy) without a second copy of
     * its weights.
     *
     * @param rank          r, >= 1
     * @param alpha         the scale numerator ({@code lora_alpha}), > 0
     * @param targetModules module names from {@link #MODULES}, for example {@code [q_proj, v_proj]}
     * @param seed          A is drawn from {@code new Random(seed)}, module by module, layer by layer
     */
    static Tuning lora(int rank, double alpha, List<String> targetModules, long seed) {
        return new Lora(rank, alpha, targetModules, seed);
    }

    /** Full fine-tuning: every pretrained weight trains. */
    record Full() implements Tuning {
    }

    /**
     * LoRA adapters on the target modules of every layer (see {@link Tuning#lora}).
     *
     * @param rank          r
     * @param alpha         lora_alpha; the update is scaled by alpha / r
     * @param targetModules module names from {@link Tuning#MODULES}, kept in {@link Tuning#MODULE_ORDER}
     * @param seed          the seed of A's initialisation
     */
    record Lora(int rank, double alpha, List<String> targetModules, long seed) implements Tuning {

        /** Checks the values. */
        public Lora {
            if (rank < 1) {
                throw new IllegalArgumentException("LoRA rank must be >= 1, got " + rank);
            }
            if (!(alpha > 0)) {
                throw new IllegalArgumentException("LoRA alpha must be > 0, got " + alpha);
            }
            if (targetModules.isEmpty()) {
                throw new IllegalArgumentException("LoRA needs at least one target module; known: "
                        + new TreeSet<>(MODULES));
            }
            for (String m : targetModules) {
                if (!MODULES.contains(m)) {
                    throw new IllegalArgumentException("unknown LoRA target module '" + m + "'; known: "
                            + new TreeSet<>(MODULES));
                }
            }
            if (new TreeSet<>(targetModules).size() != targetModules.size()) {
                throw new IllegalArgumentException("LoRA target modules repeat a name: " + targetModules);
            }
            // a stable parameter order whatever order the user listed them in (optimizer state is kept by index)
            targetModules = targetModules.stream().sorted(java.util.Comparator.comparingInt(MODULE_ORDER::indexOf))
                    .toList();
        }

        /** The scale alpha / r of the low-rank update. */
        public double scale() {
            return alpha / rank;
        }
    }
}
