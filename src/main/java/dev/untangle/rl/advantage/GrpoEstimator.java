package dev.untangle.rl.advantage;

import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GRPO (ALGORITHMS.md "GRPO advantage"): the episode return R ({@link dev.untangle.rl.trajectory.RewardFunction};
 * by default the outcome reward {@code 1[won] - invalidPenalty * n_invalid}) is normalised within each task group,
 * and every action of an episode gets that episode's advantage.
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
            for (CollectedStep s : ep.steps()) {
                out.add(new StepSample(s, new StepTargets(stepReward[s.stepIndex()], ep.won(), episodeAdv[e], 0,
                        episodeAdv[e], -1)));
            }
        }
        Map<String, Double> stats = Advantages.summary(out);
        stats.put("adv/frac_zero_std_groups", GroupNorm.fractionConstant(episodeReturn, groupIds));
        return new Advantages(out, stats);
    }
}
