package dev.untangle.policy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A policy that forwards every call to another one; subclasses override what they change (a decorator's base, as
 * Guava's {@code ForwardingObject}). {@link #close} closes the wrapped policy: a view that does not own it
 * overrides {@code close}.
 */
public abstract class ForwardingPolicy implements Policy {

    /** The wrapped policy. */
    protected final Policy inner;

    /**
     * Wraps a policy.
     *
     * @param inner the policy every call goes to
     */
    protected ForwardingPolicy(Policy inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Tokenizer tokenizer() {
        return inner.tokenizer();
    }

    @Override
    public PromptRenderer renderer() {
        return inner.renderer();
    }

    @Override
    public List<Generation> generate(List<AgentContext> contexts, Decoding decoding, Random rng) {
        return inner.generate(contexts, decoding, rng);
    }

    @Override
    public List<Generation> generateFromPrompts(List<int[]> prompts, List<AgentContext> contexts,
                                                Decoding decoding, Random rng) {
        return inner.generateFromPrompts(prompts, contexts, decoding, rng);
    }

    @Override
    public RolloutSession session(int slots) {
        return inner.session(slots);
    }

    @Override
    public Scores score(NDManager scope, List<ScoreRequest> batch, boolean withHidden) {
        return inner.score(scope, batch, withHidden);
    }

    @Override
    public List<Parameter> parameters() {
        return inner.parameters();
    }

    @Override
    public long parameterCount() {
        return inner.parameterCount();
    }

    @Override
    public Policy copy() {
        return inner.copy();
    }

    @Override
    public void save(Path dir) {
        inner.save(dir);
    }

    @Override
    public void close() {
        inner.close();
    }
}
