package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.advantage.GigpoEstimator;
import dev.untangle.rl.advantage.GrpoEstimator;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Episode;
import dev.untangle.rl.trajectory.Rollouts;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic sampling on hand-built groups, the task sampler's exclusion, and the loop with the filter on. */
class DynamicSamplingTest {

    private static final AdvantageSettings SETTINGS = new AdvantageSettings(true, false, 0.0, 0.9, 1.0);

    /** A group of {@code outcomes.length} one-step episodes with these outcomes. */
    private static List<Episode> group(int group, boolean... outcomes) {
        List<Episode> out = new ArrayList<>();
        for (boolean won : outcomes) {
            out.add(Episodes.of(0, group, won, List.of("room " + group)));
        }
        return out;
    }

    /** A draw of the given groups, episode ids dense, group ids 0..n-1, task ids {@code firstTask + g}. */
    @SafeVarargs
    private static Rollouts draw(List<Episode>... groups) {
        List<Episode> eps = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            for (Episode e : groups[g]) {
                eps.add(new Episode(eps.size(), g, e.task(), e.steps(), e.won(), e.environmentError()));
            }
        }
        return new Rollouts(eps, 10, 0.5);
    }

    /** Plays the queued draws in order, recording the task ids each was offered to exclude. */
    private static Function<Set<Integer>, Rollouts> scripted(Deque<Rollouts> draws, List<Set<Integer>> seen) {
        return used -> {
            seen.add(new HashSet<>(used));
            Rollouts r = draws.removeFirst();
            for (Episode e : r.episodes()) {
                used.add(100 * seen.size() + e.groupId());
            }
            return r;
        };
    }

    @Test
    void allEqualGroupsAreDroppedAndTheKeptOnesRenumbered() {
        Deque<Rollouts> queue = new ArrayDeque<>(List.of(
                draw(group(0, true, true, true), group(1, true, false, false), group(2, false, false, false)),
                draw(group(0, false, false, false), group(1, false, true, true), group(2, true, false, true))));
        List<Set<Integer>> seen = new ArrayList<>();
        DynamicSampling.Batch b = new DynamicSampling(3, 4, new GrpoEstimator(SETTINGS))
                .collect(scripted(queue, seen));

        // draw 1 keeps its mixed group 1; draw 2 keeps its groups 1 and 2, which meets the target of 3
        assertEquals(2, seen.size());
        assertTrue(seen.get(0).isEmpty());
        assertEquals(3, seen.get(1).size(), "the second draw is told the first draw's task ids");
        Map<String, Double> m = b.metrics();
        assertEquals(2.0, m.get("filter/draws"));
        assertEquals(6.0, m.get("filter/groups_drawn"));
        assertEquals(3.0, m.get("filter/groups_kept"));
        assertEquals(3.0, m.get("filter/groups_dropped"));
        assertEquals(0.0, m.get("filter/groups_unused"));
        assertEquals(0.0, m.get("filter/bound_hit"));
        assertEquals(List.of(true, false, false), outcomes(b.train(), 0));
        assertEquals(List.of(false, true, true), outcomes(b.train(), 1));
        assertEquals(List.of(true, false, true), outcomes(b.train(), 2));
        for (int i = 0; i < b.train().episodes().size(); i++) {
            Episode e = b.train().episodes().get(i);
            assertEquals(i, e.id());
            assertEquals(i / 3, e.groupId());
            for (CollectedStep s : e.steps()) {
                assertEquals(i, s.episodeId());
                assertEquals(i / 3, s.groupId());
            }
        }
        assertEquals(18, b.drawn().episodes().size(), "the on-policy statistics see every drawn episode");
        assertEquals(20, b.drawn().tokens());
    }

    private static List<Boolean> outcomes(Rollouts r, int group) {
        return r.episodes().stream().filter(e -> e.groupId() == group).map(Episode::won).toList();
    }

    @Test
    void theTargetIsMetAndSurplusGroupsAreCountedUnused() {
        Deque<Rollouts> queue = new ArrayDeque<>(List.of(
                draw(group(0, true, true), group(1, true, false)),
                draw(group(0, false, true), group(1, true, false), group(2, false, true))));
        DynamicSampling.Batch b = new DynamicSampling(3, 4, new GrpoEstimator(SETTINGS))
                .collect(scripted(queue, new ArrayList<>()));
        Map<String, Double> m = b.metrics();
        assertEquals(2.0, m.get("filter/draws"));
        assertEquals(3.0, m.get("filter/groups_kept"));
        assertEquals(1.0, m.get("filter/groups_dropped"));
        assertEquals(1.0, m.get("filter/groups_unused"));
        assertEquals(0.0, m.get("filter/bound_hit"));
        assertEquals(6, b.train().episodes().size());
        Advantages adv = new GrpoEstimator(SETTINGS).estimate(b.train().episodes());
        assertEquals(3, DynamicSampling.groupsWithSignal(adv).size(), "every kept group carries signal");
        assertEquals(0.0, adv.stats().get("adv/frac_zero_std_groups"));
    }

    @Test
    void theBoundOnDrawsIsRespected() {
        Deque<Rollouts> queue = new ArrayDeque<>();
        for (int i = 0; i < 5; i++) {
            queue.add(draw(group(0, true, true), group(1, false, false)));
        }
        DynamicSampling.Batch b = new DynamicSampling(2, 3, new GrpoEstimator(SETTINGS))
                .collect(scripted(queue, new ArrayList<>()));
        assertEquals(2, queue.size(), "three draws of five were made");
        assertEquals(3.0, b.metrics().get("filter/draws"));
        assertEquals(0.0, b.metrics().get("filter/groups_kept"));
        assertEquals(6.0, b.metrics().get("filter/groups_dropped"));
        assertEquals(1.0, b.metrics().get("filter/bound_hit"));
        assertTrue(b.train().episodes().isEmpty());
        assertEquals(12, b.drawn().episodes().size());
    }

    @Test
    void gigpoKeepsAnAllWinningGroupWhoseStepsDiffer() {
        // both episodes win, so A_E = 0; the shared anchor "hall" is 1 step from the goal in one, 2 in the other
        Episode fast = Episodes.of(0, 0, true, List.of("hall"));
        Episode slow = Episodes.of(1, 0, true, List.of("porch", "hall", "hall"));
        Rollouts r = new Rollouts(List.of(fast, slow), 0, 0);
        assertEquals(0.0, new DynamicSampling(1, 1, new GrpoEstimator(SETTINGS))
                .collect(used -> r).metrics().get("filter/groups_kept"));
        assertEquals(1.0, new DynamicSampling(1, 1, new GigpoEstimator(SETTINGS))
                .collect(used -> r).metrics().get("filter/groups_kept"));
    }

    @Test
    void environmentFailuresCarryNoSignal() {
        Episode failedA = Episodes.failed(0, 0);
        Episode failedB = Episodes.failed(1, 0);
        Rollouts r = new Rollouts(List.of(failedA, failedB), 0, 0);
        assertEquals(1.0, new DynamicSampling(1, 1, new GrpoEstimator(SETTINGS))
                .collect(used -> r).metrics().get("filter/groups_dropped"));
    }

    @Test
    void theSamplerAvoidsExcludedTasksAndDrawsAsBeforeWithoutThem() {
        TaskSampler sampler = new TaskSampler(20, 5);
        assertEquals(sampler.next(new Random(7)), sampler.next(new Random(7), Set.of()));
        Set<Integer> used = new HashSet<>();
        Random rng = new Random(7);
        for (int draw = 0; draw < 4; draw++) {
            List<Integer> ids = sampler.next(rng, used);
            assertEquals(5, new HashSet<>(ids).size());
            for (int id : ids) {
                assertTrue(used.add(id), "task " + id + " drawn twice in one iteration");
            }
        }
        assertEquals(20, used.size());
        // the split is exhausted: the exclusion is dropped rather than looping forever
        assertEquals(5, new HashSet<>(sampler.next(rng, used)).size());
    }

    @Test
    void theLoopTrainsOnlyOnGroupsWithSignalAndResumesExactly(@TempDir Path tmp) throws Exception {
        dev.untangle.config.TrainConfig cfg = TrainingLoopTest.config("algorithm.iterations=6",
                "rollout.filter_groups=true", "rollout.max_draws=3", "rollout.groups=2");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        TrainingLoopTest.train(cfg, new TinyWorld(), a, false, List.of());
        List<JsonNode> ma = TrainingLoopTest.metrics(a);
        assertEquals(6, ma.size());
        boolean redrew = false;
        for (JsonNode line : ma) {
            double kept = line.get("filter/groups_kept").asDouble();
            double drawn = line.get("filter/groups_drawn").asDouble();
            assertTrue(line.get("filter/draws").asDouble() <= 3, "bound of 3 draws");
            assertEquals(drawn, kept + line.get("filter/groups_dropped").asDouble()
                    + line.get("filter/groups_unused").asDouble());
            assertEquals(drawn * 4, line.get("rollout/episodes").asDouble(), "rollout/ counts every drawn episode");
            if (kept > 0) {
                assertEquals(0.0, line.get("adv/frac_zero_std_groups").asDouble(), "a kept group is never uniform");
            }
            redrew |= drawn > 2;
        }
        assertTrue(redrew, "some iteration needed a second draw");

        GrpoLoop.IterationListener crash = (it, policy, reference, optimizer, adv) -> {
            if (it == 3) {
                throw new IllegalStateException("simulated crash");
            }
            return Map.of();
        };
        try {
            TrainingLoopTest.train(cfg, new TinyWorld(), b, false, List.of(crash));
        } catch (IllegalStateException expected) {
            // crashed after iteration 2's checkpoint
        }
        TrainingLoopTest.train(cfg, new TinyWorld(), b, true, List.of());
        List<JsonNode> mb = TrainingLoopTest.metrics(b);
        assertEquals(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); i++) {
            var keys = ma.get(i).fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (k.startsWith("time/") || k.endsWith("tokens_per_s")) {
                    continue;
                }
                assertEquals(ma.get(i).get(k), mb.get(i).get(k), "iteration " + i + " key " + k);
            }
        }
    }
}
