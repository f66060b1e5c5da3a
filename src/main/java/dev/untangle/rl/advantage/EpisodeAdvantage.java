package dev.untangle.rl.advantage;

import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.RewardFunction;
import java.util.List;

/** Per-episode quantities shared by the estimators (ALGORITHMS.md "Reward"). */
final class EpisodeAdvantage {

    private EpisodeAdvantage() {
    }

    /** R of each episode ({@link RewardFunction#episodeReturn}). */
    static double[] returns(List<Episode> episodes, RewardFunction reward) {
        double[] r = new double[episodes.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = reward.episodeReturn(episodes.get(i));
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
