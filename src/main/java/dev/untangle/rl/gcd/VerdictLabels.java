package dev.untangle.rl.gcd;

import dev.untangle.config.GcdConfig;
import dev.untangle.config.GcdConfig.LabelSource;
import dev.untangle.config.GcdConfig.Selection;
import dev.untangle.rl.trajectory.StepSample;

/**
 * The verdict label of a step sample (docs/ALGORITHMS.md "GCD labels"): +1 ({@code good}), -1 ({@code bad}) or
 * 0 (not a GCD sample), and whether its task is held out of GCD training.
 */
public final class VerdictLabels {

    private VerdictLabels() {
    }

    /**
     * The label value v the sign is read from: A ({@code advantage}), +1 / -1 for a won / lost episode
     * ({@code outcome}), A_S ({@code step}) or the environment's progress Phi(s') - Phi(s) ({@code progress}; 0
     * when the environment gave none, so such a step gets no label).
     */
    public static double value(StepSample s, LabelSource labelSource) {
        return switch (labelSource) {
            case ADVANTAGE -> s.advantage();
            case OUTCOME -> s.episodeWon() ? 1.0 : -1.0;
            case STEP -> s.stepAdvantage();
            case PROGRESS -> Double.isNaN(s.progress()) ? 0 : s.progress();
        };
    }

    /**
     * y = sign(v) when |v| &gt; margin and the sample passes the selection ({@code mixed_anchors}: an anchor
     * group exists and A_S != 0), else 0.
     */
    public static int label(StepSample s, GcdConfig c) {
        if (c.selection() == Selection.MIXED_ANCHORS && (s.anchorId() < 0 || s.stepAdvantage() == 0)) {
            return 0;
        }
        double v = value(s, c.labelSource());
        if (!(Math.abs(v) > c.margin())) {
            return 0;
        }
        return v > 0 ? 1 : -1;
    }

    /**
     * Whether the task {@code taskKey} is held out of GCD training: u(seed, taskKey) &lt; heldoutFraction with u a
     * uniform draw seeded by the key, so the same tasks stay held out for the whole run.
     */
    public static boolean heldOut(String taskKey, GcdConfig c) {
        if (c.heldoutFraction() == 0) {
            return false;
        }
        long z = c.seed() * 0x9E3779B97F4A7C15L + taskKey.hashCode();      // SplitMix64 finaliser of (seed, key)
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 < c.heldoutFraction();
    }
}
