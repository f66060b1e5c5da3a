package dev.untangle.rl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.policy.Scores;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.List;

/**
 * The suffixes the active loss terms append to the minibatch's (prompt, action) score requests, so that one
 * forward pass yields both the action scores and the terms' extra targets (prefix sharing). With no suffix
 * the requests and scores pass through unchanged.
 */
public final class ActionSuffixes {

    private final ActionSuffix[] suffixes;
    private final int[] actionLengths;

    private ActionSuffixes(ActionSuffix[] suffixes, int[] actionLengths) {
        this.suffixes = suffixes;
        this.actionLengths = actionLengths;
    }

    /**
     * Asks every term for its suffixes.
     *
     * @throws IllegalStateException when two terms both want suffixes (one forward pass holds one suffix per row)
     */
    public static ActionSuffixes collect(List<LossTerm> terms, List<StepSample> batch, Policy policy,
                                         long optimizerStep) {
        ActionSuffix[] found = null;
        String owner = null;
        for (LossTerm t : terms) {
            ActionSuffix[] s = t.actionSuffixes(batch, policy, optimizerStep);
            if (s == null) {
                continue;
            }
            if (found != null) {
                throw new IllegalStateException("loss terms " + owner + " and " + t.name() + " both append action "
                        + "suffixes");
            }
            if (s.length != batch.size()) {
                throw new IllegalStateException(t.name() + " returned " + s.length + " suffixes for " + batch.size()
                        + " samples");
            }
            found = s.clone();
            owner = t.name();
        }
        int[] lengths = new int[batch.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = batch.get(i).actionLength();
        }
        return new ActionSuffixes(found, lengths);
    }

    /** Whether any row has a suffix. */
    public boolean any() {
        if (suffixes == null) {
            return false;
        }
        for (ActionSuffix s : suffixes) {
            if (s != null) {
                return true;
            }
        }
        return false;
    }

    /** Per row whether it has a suffix. */
    public boolean[] present() {
        boolean[] p = new boolean[actionLengths.length];
        for (int i = 0; suffixes != null && i < p.length; i++) {
            p[i] = suffixes[i] != null;
        }
        return p;
    }

    /** The requests with each row's suffix appended to its target. */
    public List<ScoreRequest> extend(List<ScoreRequest> requests) {
        if (!any()) {
            return requests;
        }
        List<ScoreRequest> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            ScoreRequest r = requests.get(i);
            ActionSuffix s = suffixes[i];
            if (s == null) {
                out.add(r);
                continue;
            }
            int n = r.target().length;
            int[] target = java.util.Arrays.copyOf(r.target(), n + s.tokens().length);
            System.arraycopy(s.tokens(), 0, target, n, s.tokens().length);
            int[][] allowed = null;
            if (r.allowed() != null || s.allowed() != null) {
                allowed = new int[target.length][];
                for (int j = 0; j < n; j++) {
                    allowed[j] = r.allowed() == null ? null : r.allowed()[j];
                }
                for (int j = 0; j < s.tokens().length; j++) {
                    allowed[n + j] = s.allowed() == null ? null : s.allowed()[j];
                }
            }
            // the action keeps its sampling temperature; the suffix (the verdict) is read at temperature 1
            out.add(new ScoreRequest(r.context(), target, allowed, r.temperature(), n));
        }
        return out;
    }

    /** The action part of scores computed on {@link #extend}ed requests: [B, T_action] with the action mask. */
    public Scores actionScores(NDManager scope, Scores full) {
        if (!any()) {
            return full;
        }
        int b = actionLengths.length;
        int t = 0;
        for (int n : actionLengths) {
            t = Math.max(t, n);
        }
        float[] mask = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < actionLengths[i]; j++) {
                mask[i * t + j] = 1f;
            }
        }
        NDArray m = scope.create(mask, new Shape(b, t));
        NDIndex cols = new NDIndex(":, 0:" + t);
        return new Scores(full.logProbs().get(cols).mul(m), full.entropy().get(cols).mul(m), m, full.hidden());
    }

    /** log-probability of each row's last suffix token, [B] (0 for rows without suffix), with gradients. */
    public NDArray lastLogProb(NDManager scope, Scores full) {
        int b = actionLengths.length;
        if (!any()) {
            return scope.zeros(new Shape(b));
        }
        long[] col = new long[b];
        float[] has = new float[b];
        for (int i = 0; i < b; i++) {
            if (suffixes[i] != null) {
                col[i] = actionLengths[i] + suffixes[i].tokens().length - 1L;
                has[i] = 1f;
            }
        }
        NDArray picked = full.logProbs().gather(scope.create(col, new Shape(b, 1)), 1).squeeze(1);
        return picked.mul(scope.create(has));
    }
}
