package dev.untangle.rl.trajectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The episodes of one iteration, grouped by task.
 *
 * @param episodes   every episode, ids dense from 0
 * @param tokens     action tokens generated while collecting
 * @param seconds    wall time of the collection
 */
public record Rollouts(List<Episode> episodes, long tokens, double seconds) {

    /** Copies the list and checks that ids are dense. */
    public Rollouts {
        episodes = List.copyOf(episodes);
        for (int i = 0; i < episodes.size(); i++) {
            if (episodes.get(i).id() != i) {
                throw new IllegalArgumentException("episode ids must be 0..n-1 in order; episode " + i
                        + " has id " + episodes.get(i).id());
            }
        }
    }

    /** Every collected step of every episode that the environment did not fail, in episode order. */
    public List<CollectedStep> steps() {
        List<CollectedStep> out = new ArrayList<>();
        for (Episode e : episodes) {
            if (!e.failed()) {
                out.addAll(e.steps());
            }
        }
        return out;
    }

    /**
     * Rollout statistics over episodes the environment did not fail ({@code rollout/} metrics).
     *
     * @param reward the reward whose mean return is reported ({@code rollout/reward})
     */
    public Map<String, Double> stats(RewardFunction reward) {
        int n = 0;
        int failed = 0;
        double won = 0;
        double sumReturn = 0;
        double steps = 0;
        double valid = 0;
        double decisions = 0;
        for (Episode e : episodes) {
            if (e.failed()) {
                failed++;
                continue;
            }
            n++;
            won += e.won() ? 1 : 0;
            sumReturn += reward.episodeReturn(e);
            steps += e.steps().size();
            decisions += e.steps().size();
            valid += e.steps().size() - e.invalidSteps();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rollout/success_rate", n == 0 ? Double.NaN : won / n);
        m.put("rollout/reward", n == 0 ? Double.NaN : sumReturn / n);
        m.put("rollout/episode_steps", n == 0 ? Double.NaN : steps / n);
        m.put("rollout/valid_action_ratio", decisions == 0 ? Double.NaN : valid / decisions);
        m.put("rollout/episodes", (double) n);
        m.put("rollout/env_failures", (double) failed);
        m.put("rollout/tokens_per_s", seconds > 0 ? tokens / seconds : Double.NaN);
        return m;
    }
}
