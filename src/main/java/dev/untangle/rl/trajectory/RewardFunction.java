package dev.untangle.rl.trajectory;

import dev.untangle.config.RewardConfig;
import java.util.List;
import java.util.Objects;

/**
 * The per-step reward every estimator and the {@code rollout/reward} metric read (docs/ALGORITHMS.md "Reward"):
 * <pre>
 * base_t = 1[won and t = last]          reward.kind = success
 * base_t = envReward_t                  reward.kind = env (the environment's own, possibly graded, reward)
 * r_t    = base_t - p 1[invalid_t] + beta progress_t     (progress_t = 0 where the environment reports none)
 * R      = sum_t r_t
 * </pre>
 * with {@code p = algorithm.invalid_penalty} and {@code beta = reward.shaping}. Immutable.
 *
 * @param kind           {@code success} or {@code env}
 * @param invalidPenalty p
 * @param shaping        beta
 */
public record RewardFunction(RewardConfig.Kind kind, double invalidPenalty, double shaping) {

    /** Checks the kind. */
    public RewardFunction {
        Objects.requireNonNull(kind, "kind");
    }

    /** The outcome reward {@code 1[won] - p n_invalid}, without shaping. */
    public static RewardFunction success(double invalidPenalty) {
        return new RewardFunction(RewardConfig.Kind.SUCCESS, invalidPenalty, 0);
    }

    /** The reward of a configuration. */
    public static RewardFunction of(RewardConfig reward, double invalidPenalty) {
        return new RewardFunction(reward.kind(), invalidPenalty, reward.shaping());
    }

    /** The step rewards r_t of an episode; their sum is {@link #episodeReturn}. */
    public double[] stepRewards(Episode e) {
        List<CollectedStep> steps = e.steps();
        double[] r = new double[steps.size()];
        boolean env = kind == RewardConfig.Kind.ENV;
        for (int t = 0; t < r.length; t++) {
            CollectedStep s = steps.get(t);
            double base = env ? s.envReward() : 0;                                    // base_t (env)
            double progress = Double.isNaN(s.progress()) ? 0 : s.progress();
            r[t] = base - (s.valid() ? 0 : invalidPenalty) + shaping * progress;      // r_t
        }
        if (!env && e.won() && r.length > 0) {
            r[r.length - 1] += 1.0;                                                   // base_t (success)
        }
        return r;
    }

    /** The episode's return R = sum_t r_t. */
    public double episodeReturn(Episode e) {
        double sum = 0;
        for (double x : stepRewards(e)) {
            sum += x;
        }
        return sum;
    }
}
