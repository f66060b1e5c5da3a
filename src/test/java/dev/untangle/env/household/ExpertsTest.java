package dev.untangle.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.StepResult;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ExpertsTest {

    @Test
    void bothExpertsSolveEveryEvaluationTaskAndManyTrainTasks() {
        HouseholdSuite suite = Suites.standard();
        for (String split : Suites.SPLITS) {
            int n = split.equals("train") ? 300 : suite.split(split).size();
            Set<String> types = new TreeSet<>();
            for (int id = 0; id < n; id++) {
                for (String expert : suite.experts()) {
                    StepResult r = Suites.play(suite, suite.expert(expert).orElseThrow(), split, id);
                    assertTrue(r.won(), expert + " failed " + split + "/" + id);
                    assertEquals(1.0, r.reward());
                }
                types.add(suite.task(split, id).taskType());
            }
            Set<String> expected = new TreeSet<>();
            for (TaskType t : split.equals("L2") ? EnumSet.of(TaskType.COOL, TaskType.PICK_TWO)
                    : EnumSet.of(TaskType.PICK, TaskType.LOOK, TaskType.CLEAN, TaskType.HEAT)) {
                expected.add(t.id());
            }
            assertEquals(expected, types, "task types of " + split);
        }
    }

    @Property(tries = 80)
    void bothExpertsSolveTasksAtEverySizeAndGrammar(@ForAll("splits") String split,
                                                     @ForAll @IntRange(min = 0, max = 133) int id,
                                                     @ForAll Grammar grammar, @ForAll SceneSize size) {
        HouseholdSuite suite = Suites.get(grammar, size);
        for (String expert : suite.experts()) {
            StepResult r = Suites.play(suite, suite.expert(expert).orElseThrow(), split, id);
            assertTrue(r.won(), expert + " failed " + split + "/" + id + " " + grammar + " " + size);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> splits() {
        return net.jqwik.api.Arbitraries.of(Suites.SPLITS);
    }

    @Test
    void oraclePlansAreNeverLongerThanTheSearchersEpisodes() {
        HouseholdSuite suite = Suites.standard();
        for (int id = 0; id < 134; id++) {
            int oracle = steps(suite, "oracle", id);
            int searcher = steps(suite, "searcher", id);
            assertTrue(oracle <= searcher, "L2/" + id + ": oracle " + oracle + " > searcher " + searcher);
            assertTrue(oracle <= 12, "L2/" + id + ": oracle needs " + oracle + " steps");
        }
    }

    private static int steps(HouseholdSuite suite, String expert, int id) {
        try (var env = suite.create()) {
            var reset = env.reset("L2", id);
            var e = suite.expert(expert).orElseThrow();
            e.begin(env, reset);
            String obs = reset.observation();
            boolean done = false;
            while (!done) {
                var r = env.step(e.next(env, obs));
                obs = r.observation();
                done = r.done();
            }
            return env.steps();
        }
    }
}
