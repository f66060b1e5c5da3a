package dev.untangle.rl.advantage;

import dev.untangle.rl.Episode;
import dev.untangle.rl.StepSample;
import java.util.List;

/** Per-episode quantities shared by the estimators (ALGORITHMS.md "Reward"). */
final class EpisodeAdvantage {

    private EpisodeAdvantage() {
    }

    /** R of each episode: {@code 1[won] - invalidPenalty * n_invalid}. */
    static double[] returns(List<Episode> episodes, double invalidPenalty) {
        double[] r = new double[episodes.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = episodes.get(i).outcomeReward(invalidPenalty);
        }
        return r;
    }

    /** Group id of each episode. */
    static int[] groupIds(List<Episode> episodes) {
        int[] g = new int[episodes.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = episodes.get(i).groupId();
        }
        return g;
    }

    /**
     * Step rewards r_t: {@code -invalidPenalty} on an invalid step, plus 1 on the last step of a won episode;
     * their sum is the episode's R.
     */
    static double[] stepRewards(Episode e, double invalidPenalty) {
        List<StepSample> steps = e.steps();
        double[] r = new double[steps.size()];
        for (int t = 0; t < r.length; t++) {
            r[t] = steps.get(t).valid() ? 0 : -invalidPenalty;
        }
        if (e.won() && r.length > 0) {
            r[r.length - 1] += 1.0;
        }
        return r;
    }

    /** Discounted returns G_t = r_t + gamma G_{t+1}. */
    static double[] discountedReturns(double[] r, double gamma) {
        double[] g = new double[r.length];
        double acc = 0;
        for (int t = r.length - 1; t >= 0; t--) {
            acc = r[t] + gamma * acc;
            g[t] = acc;
        }
        return g;
    }
}
