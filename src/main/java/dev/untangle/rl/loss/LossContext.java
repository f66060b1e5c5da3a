package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.untangle.policy.Policy;
import dev.untangle.policy.Scores;
import dev.untangle.rl.trajectory.StepSample;
import java.util.List;

/**
 * Everything a {@link LossTerm} may read for one minibatch. Arrays are [B, T] with T the longest action
 * in the minibatch, and live in {@link #scope()}, which is closed after the optimiser step.
 *
 * <p>Terms that need further forward passes (for example GCD's classification prompts) call
 * {@link #policy()}{@code .score(scope(), ...)} themselves: they run under the same gradient collector.
 */
public final class LossContext {

    private final Policy policy;
    private final NDManager scope;
    private final List<StepSample> batch;
    private final Scores scores;
    private final NDArray referenceLogProb;
    private final LossAggregation aggregation;
    private final long optimizerStep;
    private final NDArray suffixLogProb;
    private final boolean[] suffixPresent;
    private NDArray oldLogProb;
    private NDArray advantage;

    /**
     * Creates a context.
     *
     * @param policy           the policy being trained
     * @param scope            the step's manager
     * @param batch            the minibatch's step samples
     * @param scores           the policy's scores of (prompt, action) for every sample, with gradients
     * @param referenceLogProb log pi_ref of the action tokens, [B, T], without gradients; {@code null} when
     *                         no term needs it
     * @param aggregation      the configured loss aggregation
     * @param optimizerStep    how many optimiser steps were taken before this one (for schedules)
     */
    public LossContext(Policy policy, NDManager scope, List<StepSample> batch, Scores scores,
                       NDArray referenceLogProb, LossAggregation aggregation, long optimizerStep) {
        this(policy, scope, batch, scores, referenceLogProb, aggregation, optimizerStep, null, null);
    }

    /**
     * Creates a context whose forward pass also scored action suffixes ({@link ActionSuffixes}).
     *
     * @param suffixLogProb log-probability of each row's last suffix token, [B], with gradients ({@code null}:
     *                      no suffixes)
     * @param suffixPresent per row whether it had a suffix ({@code null}: none had)
     */
    public LossContext(Policy policy, NDManager scope, List<StepSample> batch, Scores scores,
                       NDArray referenceLogProb, LossAggregation aggregation, long optimizerStep,
                       NDArray suffixLogProb, boolean[] suffixPresent) {
        this.suffixLogProb = suffixLogProb;
        this.suffixPresent = suffixPresent == null ? new boolean[batch.size()] : suffixPresent.clone();
        this.policy = policy;
        this.scope = scope;
        this.batch = List.copyOf(batch);
        this.scores = scores;
        this.referenceLogProb = referenceLogProb;
        this.aggregation = aggregation;
        this.optimizerStep = optimizerStep;
    }

    /** The policy being trained. */
    public Policy policy() {
        return policy;
    }

    /** The step's NDManager: every array a term creates must live in it. */
    public NDManager scope() {
        return scope;
    }

    /** The minibatch. */
    public List<StepSample> batch() {
        return batch;
    }

    /** The policy's scores of the action tokens ({@code logProbs}, {@code entropy}, {@code mask}: [B, T]). */
    public Scores scores() {
        return scores;
    }

    /** log pi_theta of the action tokens, [B, T]. */
    public NDArray logProb() {
        return scores.logProbs();
    }

    /** 1 at action tokens, 0 at padding, [B, T]. */
    public NDArray mask() {
        return scores.mask();
    }

    /** log pi_old of the action tokens when they were sampled, [B, T], 0 at padding. */
    public NDArray oldLogProb() {
        if (oldLogProb == null) {
            oldLogProb = perToken(false);
        }
        return oldLogProb;
    }

    /** Each sample's advantage A broadcast over its tokens, [B, T] (0 at padding). */
    public NDArray advantage() {
        if (advantage == null) {
            advantage = perToken(true);
        }
        return advantage;
    }

    /**
     * log pi_ref of the action tokens, [B, T], no gradient.
     *
     * @throws IllegalStateException when no registered term declared {@link LossTerm#needsReference()}
     */
    public NDArray referenceLogProb() {
        if (referenceLogProb == null) {
            throw new IllegalStateException("no reference log-probs: the term must declare needsReference()");
        }
        return referenceLogProb;
    }

    /** Log-probability of each row's last action-suffix token, [B] (0 where none), or {@code null}. */
    public NDArray suffixLogProb() {
        return suffixLogProb;
    }

    /** Whether row {@code i} was scored with an action suffix in the shared forward pass. */
    public boolean hasSuffix(int i) {
        return suffixPresent[i];
    }

    /** The configured aggregation. */
    public LossAggregation aggregation() {
        return aggregation;
    }

    /** Optimiser steps taken before this one. */
    public long optimizerStep() {
        return optimizerStep;
    }

    /** Aggregates a per-token array with the configured aggregation and this batch's mask. */
    public NDArray reduce(NDArray perToken) {
        return aggregation.reduce(perToken, mask());
    }

    /** Masked mean of a [B, T] array as a double, for metrics. */
    public double maskedMean(NDArray perToken) {
        NDArray m = mask();
        return perToken.mul(m).sum().div(m.sum().maximum(1f)).getFloat();
    }

    private NDArray perToken(boolean adv) {
        int b = batch.size();
        int t = (int) mask().getShape().get(1);
        float[] data = new float[b * t];
        for (int i = 0; i < b; i++) {
            StepSample s = batch.get(i);
            int n = Math.min(t, s.actionLength());
            for (int j = 0; j < n; j++) {
                data[i * t + j] = adv ? (float) s.advantage() : s.oldLogProb()[j];
            }
        }
        return scope.create(data, new Shape(b, t));
    }
}
