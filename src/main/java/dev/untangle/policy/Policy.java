package dev.untangle.policy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A language-model agent policy: it renders contexts, generates actions and scores token sequences.
 *
 * <p>This is the seam between {@code rl} and the model: the built-in transformer implements it, and so
 * could a pretrained Hugging Face decoder on a GPU. Not thread-safe.
 */
public interface Policy extends AutoCloseable {

    /** The tokenizer (its vocabulary is frozen once the policy exists). */
    Tokenizer tokenizer();

    /** Renders agent contexts and classification prompts into token ids. */
    PromptRenderer renderer();

    /**
     * Generates one action per context, batched, with a key/value cache; no gradients are recorded.
     *
     * @param contexts agent contexts, rendered with {@link #renderer()}
     * @param decoding decoding options
     * @param rng      the only source of randomness
     */
    List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng);

    /**
     * Generates one action per already rendered prompt (for example a prompt with a correction hint from
     * {@link PromptRenderer#withCorrectionHint}), batched, without gradients; the returned generations carry
     * these prompts.
     *
     * @param prompts  rendered prompts, one per context
     * @param contexts the contexts the prompts were rendered from (their admissible commands restrict
     *                 constrained decoding)
     * @param decoding decoding options
     * @param rng      the only source of randomness
     */
    List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts, Decoding decoding,
                                         Random rng);

    /** Opens a rollout session with {@code slots} parallel environment slots. */
    RolloutSession session(int slots);

    /**
     * Scores a batch of sequences in one forward pass (with gradients when called under a
     * {@code GradientCollector}).
     *
     * @param scope      manager that owns every returned array (close it after the step)
     * @param batch      sequences to score
     * @param withHidden also return the last-layer hidden state at the last target token
     */
    Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden);

    /** The trainable parameters, in a stable order (the optimizer keeps its state by index). */
    List<Parameter> parameters();

    /** Number of trainable scalar parameters. */
    long parameterCount();

    /** A deep copy with the same weights (for example a frozen reference policy for the KL penalty). */
    Policy copy();

    /**
     * The frozen reference policy of the KL penalty, taken now: by default a {@link #copy()}. A policy that trains
     * low-rank adapters answers its pretrained model instead (adapters off, sharing the weights, as TRL does with
     * PEFT), so no second copy of the weights is held. Close it when done.
     */
    default Policy reference() {
        return copy();
    }

    /**
     * Whether {@link #reference()} answers the same policy whatever this one has learned (a LoRA policy's
     * adapters-off view is its pretrained model), so a resumed run takes it again instead of loading the saved
     * reference as a second model. By default false: a copy taken later would hold the later weights.
     */
    default boolean referenceIsFixed() {
        return false;
    }

    /** Writes weights, vocabulary and model configuration into {@code dir} atomically. */
    void save(Path dir);

    /** Releases native memory. */
    @Override
    void close();
}
