package dev.untangle.rl.advantage;

import dev.untangle.rl.Episode;
import dev.untangle.rl.StepSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GRPO (ALGORITHMS.md "GRPO advantage"): the episode return R ({@link dev.untangle.rl.RewardFunction}; by default
 * the outcome reward {@code 1[won] - invalidPenalty * n_invalid}) is normalised within each task group, and every
 * action of an episode gets that episode's advantage.
 */
public final class GrpoEstimator implements AdvantageEstimator {

    private final AdvantageSettings settings;

    /** Creates the estimator. */
    public GrpoEstimator(AdvantageSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "grpo";
    }

    @Override
    public Advantages estimate(List<Episode> episodes) {
        List<Episode> kept = episodes.stream().filter(e -> !e.failed()).toList();
        double[] episodeReturn = EpisodeAdvantage.returns(kept, settings.reward());   // R
        int[] groupIds = EpisodeAdvantage.groupIds(kept);
        double[] episodeAdv = settings.normalize(episodeReturn, groupIds); // A_E
        List<StepSample> out = new ArrayList<>();
        for (int e = 0; e < kept.size(); e++) {
            Episode ep = kept.get(e);
            double[] stepReward = settings.reward().stepRewards(ep);
            for (StepSample s : ep.steps()) {
                out.add(s.withAdvantages(stepReward[s.stepIndex()], ep.won(), episodeAdv[e], 0, episodeAdv[e], -1));
            }
        }
        Map<String, Double> stats = Advantages.summary(out);
        stats.put("adv/frac_zero_std_groups", GroupNorm.fractionConstant(episodeReturn, groupIds));
        return new Advantages(out, stats);
    }
}
