package dev.untangle.rl.loss;

import dev.untangle.policy.Policy;
import dev.untangle.rl.trajectory.StepSample;
import java.util.List;

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
     * Extra target tokens to score right after each sample's action in the policy's own forward pass (prefix
     * sharing, read back with {@link LossContext#suffixLogProb()}); at most one active term may return them.
     *
     * @param batch         the minibatch
     * @param policy        the policy (for its renderer)
     * @param optimizerStep optimiser steps taken before this one
     * @return one entry per sample ({@code null} entries for none), or {@code null} for no suffix at all
     */
    default ActionSuffix[] actionSuffixes(List<StepSample> batch, Policy policy, long optimizerStep) {
        return null;
    }

    /**
     * Computes the term on one minibatch.
     *
     * @param ctx the minibatch, the policy's scores, and the step's NDManager scope
     * @return the weighted scalar and metrics
     */
    LossOutput compute(LossContext ctx);
}
