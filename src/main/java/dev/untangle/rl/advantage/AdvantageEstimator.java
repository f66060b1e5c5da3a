package dev.untangle.rl.advantage;

import dev.untangle.rl.trajectory.Episode;
import java.util.List;

/**
 * A pure function from a batch of episodes to per-step advantages. Episodes that the environment failed are
 * excluded: they contribute neither samples nor group statistics.
 */
public interface AdvantageEstimator {

    /** The registered name. */
    String name();

    /**
     * Estimates advantages.
     *
     * @param episodes episodes of one iteration; {@link Episode#groupId()} marks episodes of the same task
     * @return the step samples of the non-failed episodes with advantages filled in, and statistics
     */
    Advantages estimate(List<Episode> episodes);
}
