package dev.untangle.rl;

import dev.untangle.rl.advantage.AdvantageEstimator;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.Rollouts;
import dev.untangle.rl.trajectory.StepSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Dynamic sampling (DAPO, Yu et al. 2025; verl's {@code filter_groups}; docs/ALGORITHMS.md "Dynamic sampling"):
 * a task group whose every advantage is zero (all episodes with the same return, and for GiGPO no step signal
 * either) gives the policy gradient nothing, so the iteration draws further groups of new tasks until it holds
 * {@code rollout.groups} groups that carry signal, or until {@code rollout.max_draws} draws were made, and trains
 * on the groups kept.
 * <pre>
 * signal(g) = exists step t of group g with A_t != 0      (the estimator's own advantages)
 * draw k = 1..max_draws: play rollout.groups new tasks, keep groups with signal(g) in draw order,
 *                        stop once rollout.groups are kept (later groups of that draw are unused)
 * </pre>
 * The estimators are group-local (GRPO's and GiGPO's groups never span two task groups), so the advantages the
 * loop estimates again on the kept batch equal those that chose it. Every draw uses the run's one random source,
 * so a resumed run draws exactly what an uninterrupted one draws.
 */
public final class DynamicSampling {

    /**
     * One iteration's episodes after filtering.
     *
     * @param train   the kept groups, renumbered densely (episode ids and group ids from 0, in draw order): what
     *                the loop estimates advantages on and trains with
     * @param drawn   every episode played this iteration, renumbered densely: the on-policy statistics
     *                ({@code rollout/}) describe these
     * @param metrics {@code filter/} metrics
     */
    public record Batch(Rollouts train, Rollouts drawn, Map<String, Double> metrics) {
    }

    private final int groups;
    private final int maxDraws;
    private final AdvantageEstimator estimator;

    /**
     * Creates the filter.
     *
     * @param groups    task groups with signal wanted per iteration
     * @param maxDraws  most draws of {@code groups} tasks in one iteration (the first included), at least 1
     * @param estimator the run's advantage estimator (decides which groups carry signal)
     */
    public DynamicSampling(int groups, int maxDraws, AdvantageEstimator estimator) {
        if (groups < 1 || maxDraws < 1) {
            throw new IllegalArgumentException("groups and maxDraws must be >= 1, got " + groups + ", " + maxDraws);
        }
        this.groups = groups;
        this.maxDraws = maxDraws;
        this.estimator = estimator;
    }

    /**
     * Draws until {@code groups} groups with signal are kept or {@code maxDraws} draws were made.
     *
     * @param draw plays one draw: given the task ids already drawn this iteration (which it must add its own
     *             ids to), returns the episodes of {@code groups} new task groups, group ids 0..groups-1
     * @return the kept and the drawn episodes with the {@code filter/} metrics
     */
    public Batch collect(Function<Set<Integer>, Rollouts> draw) {
        Set<Integer> usedTasks = new HashSet<>();
        List<Episode> kept = new ArrayList<>();
        List<Episode> drawn = new ArrayList<>();
        long tokens = 0;
        double seconds = 0;
        int draws = 0;
        int groupsDrawn = 0;
        int groupsKept = 0;
        int groupsDropped = 0;
        int groupsUnused = 0;
        while (groupsKept < groups && draws < maxDraws) {
            Rollouts r = draw.apply(usedTasks);
            draws++;
            tokens += r.tokens();
            seconds += r.seconds();
            Set<Integer> withSignal = groupsWithSignal(estimator.estimate(r.episodes()));
            for (List<Episode> group : byGroup(r.episodes()).values()) {
                int drawnGroup = groupsDrawn++;
                for (Episode e : group) {
                    drawn.add(e.withIds(drawn.size(), drawnGroup));
                }
                if (!withSignal.contains(group.get(0).groupId())) {
                    groupsDropped++;
                } else if (groupsKept < groups) {
                    for (Episode e : group) {
                        kept.add(e.withIds(kept.size(), groupsKept));
                    }
                    groupsKept++;
                } else {
                    groupsUnused++;
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("filter/draws", (double) draws);
        m.put("filter/groups_drawn", (double) groupsDrawn);
        m.put("filter/groups_kept", (double) groupsKept);
        m.put("filter/groups_dropped", (double) groupsDropped);
        m.put("filter/groups_unused", (double) groupsUnused);
        m.put("filter/bound_hit", groupsKept < groups ? 1.0 : 0.0);
        return new Batch(new Rollouts(kept, tokens, seconds), new Rollouts(drawn, tokens, seconds), m);
    }

    /** The group ids with at least one non-zero advantage. */
    static Set<Integer> groupsWithSignal(Advantages advantages) {
        Set<Integer> out = new HashSet<>();
        for (StepSample s : advantages.samples()) {
            if (s.advantage() != 0) {
                out.add(s.groupId());
            }
        }
        return out;
    }

    /** Episodes by group id, in group id order. */
    private static Map<Integer, List<Episode>> byGroup(List<Episode> episodes) {
        Map<Integer, List<Episode>> out = new TreeMap<>();
        for (Episode e : episodes) {
            out.computeIfAbsent(e.groupId(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }
}
