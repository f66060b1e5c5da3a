package dev.untangle.rl.advantage;

import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GiGPO (Group-in-Group Policy Optimization; ALGORITHMS.md "GiGPO advantage"):
 * <pre>
 * A_E = GroupNorm(R, group)                       episode advantage (paper Eq. 3)
 * anchor = (group, observation text)              anchor-state groups (Eq. 6)
 * A_S = GroupNorm(G_t, anchor), G_t = sum_k gamma^k r_{t+k}   step advantage (Eq. 7)
 * A   = A_E + w A_S                               (Eq. 8)
 * </pre>
 */
public final class GigpoEstimator implements AdvantageEstimator {

    private final AdvantageSettings settings;

    /** Creates the estimator. */
    public GigpoEstimator(AdvantageSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "gigpo";
    }

    @Override
    public Advantages estimate(List<Episode> episodes) {
        List<Episode> kept = episodes.stream().filter(e -> !e.failed()).toList();
        double[] episodeReturn = EpisodeAdvantage.returns(kept, settings.reward());        // R
        int[] groupIds = EpisodeAdvantage.groupIds(kept);
        double[] episodeAdv = settings.normalize(episodeReturn, groupIds);   // A_E (G1)

        List<CollectedStep> steps = new ArrayList<>();
        List<Integer> stepEpisode = new ArrayList<>();
        List<Double> stepReturn = new ArrayList<>();
        List<Double> stepReward = new ArrayList<>();
        for (int e = 0; e < kept.size(); e++) {
            double[] r = settings.reward().stepRewards(kept.get(e));     // r_t
            double[] g = EpisodeAdvantage.discountedReturns(r, settings.gamma());                  // G_t
            for (CollectedStep s : kept.get(e).steps()) {
                steps.add(s);
                stepEpisode.add(e);
                stepReturn.add(g[s.stepIndex()]);
                stepReward.add(r[s.stepIndex()]);
            }
        }
        int[] anchorIds = anchorGroups(steps);                                                     // (G2)
        double[] returns = stepReturn.stream().mapToDouble(Double::doubleValue).toArray();
        double[] stepAdv = settings.normalize(returns, anchorIds);          // A_S (G3)

        List<StepSample> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            int e = stepEpisode.get(i);
            double a = episodeAdv[e] + settings.stepWeight() * stepAdv[i];                          // A = A_E + w A_S
            out.add(new StepSample(steps.get(i), new StepTargets(stepReward.get(i), kept.get(e).won(),
                    episodeAdv[e], stepAdv[i], a, anchorIds[i])));
        }
        Map<String, Double> stats = Advantages.summary(out);
        stats.put("adv/frac_zero_std_groups", GroupNorm.fractionConstant(episodeReturn, groupIds));
        stats.putAll(anchorStats(anchorIds));
        return new Advantages(out, stats);
    }

    /**
     * Anchor-state groups: steps of the same task group whose anchor observation text is identical share an
     * id; ids are dense, in first-appearance order.
     */
    public static int[] anchorGroups(List<CollectedStep> steps) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[steps.size()];
        for (int i = 0; i < out.length; i++) {
            CollectedStep s = steps.get(i);
            String key = s.groupId() + "\u0000" + s.anchorObservation();
            out[i] = ids.computeIfAbsent(key, k -> ids.size());
        }
        return out;
    }

    private static Map<String, Double> anchorStats(int[] anchorIds) {
        Map<Integer, List<Integer>> groups = GroupNorm.groups(anchorIds);
        int shared = 0;
        int inShared = 0;
        for (List<Integer> members : groups.values()) {
            if (members.size() >= 2) {
                shared++;
                inShared += members.size();
            }
        }
        Map<String, Double> m = new HashMap<>();
        m.put("adv/anchor_groups", (double) groups.size());
        m.put("adv/anchor_group_size_mean", groups.isEmpty() ? Double.NaN : (double) anchorIds.length / groups.size());
        m.put("adv/frac_steps_in_shared_anchors", anchorIds.length == 0 ? Double.NaN
                : (double) inShared / anchorIds.length);
        m.put("adv/shared_anchor_groups", (double) shared);
        return m;
    }
}
