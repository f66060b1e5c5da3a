package dev.untangle.rl.loss;

/**
 * One named term of the training objective: a pure function from a minibatch and the model's outputs to a
 * scalar and named metrics. The update sums every active term; auxiliary objectives (GCD) are one more
 * implementation registered in {@link LossTerms}, never a branch in the training loop.
 */
public interface LossTerm {

    /** The registered name, for example {@code ppo_clip}. */
    String name();

    /** Whether the term reads {@link LossContext#referenceLogProb()} (a frozen reference policy is kept). */
    default boolean needsReference() {
        return false;
    }

    /**
     * Computes the term on one minibatch.
     *
     * @param ctx the minibatch, the policy's scores, and the step's NDManager scope
     * @return the weighted scalar and metrics
     */
    LossOutput compute(LossContext ctx);
}
