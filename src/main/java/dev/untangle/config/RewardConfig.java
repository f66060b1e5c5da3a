package dev.untangle.config;

import java.util.Objects;

/**
 * What the RL estimators count as reward (docs/ALGORITHMS.md "Reward").
 *
 * @param kind    {@code success}: 1 on the winning step, 0 elsewhere (the default: outcome reward, the paper's);
 *                {@code env}: each step's reward as the environment reports it (the graded scores of
 *                ScienceWorld, WebShop and BabyAI, normalised as docs/ENVIRONMENTS.md says)
 * @param shaping beta of the progress shaping term {@code beta * progress_t} added to every step's reward, where
 *                the environment reports a progress signal (potential-based: it telescopes to
 *                {@code beta * (Phi(end) - Phi(start))}); 0 turns it off
 */
public record RewardConfig(Kind kind, double shaping) {

    /** What the base reward of a step is ({@code reward.kind}). */
    public enum Kind implements ConfigChoice {
        /** 1 on the winning step, 0 elsewhere. */
        SUCCESS,
        /** The environment's own (possibly graded) reward. */
        ENV
    }

    /** Checks the values. */
    public RewardConfig {
        Objects.requireNonNull(kind, "kind");
        if (!(shaping >= 0) || Double.isInfinite(shaping)) {
            throw new ConfigException("reward.shaping", "must be a finite number >= 0, got " + shaping);
        }
    }

    /** Reads the {@code reward} section. */
    public static RewardConfig read(ConfigTree t) {
        return new RewardConfig(
                t.getEnum("reward.kind", Kind.SUCCESS, Kind.class), // success | env
                t.getDouble("reward.shaping", 0.0));           // beta of the progress shaping, 0 = off
    }
}
