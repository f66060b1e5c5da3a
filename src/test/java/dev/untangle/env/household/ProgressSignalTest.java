package dev.untangle.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The household world's progress signal (docs/ALGORITHMS.md "GCD labels", {@code progress}): the oracle's steps
 * never lose progress and add up to Phi(won) - Phi(start); a random agent's moves, opens and looks are neutral
 * (unless one wins: walking to the lit lamp with the object in hand completes a look task),
 * taking an object of another class than the goal's loses exactly one, and the signal telescopes over any
 * episode.
 */
class ProgressSignalTest {

    @Test
    void oracleStepsNeverLoseProgressAndSumToTheGoalsPotential() {
        HouseholdSuite suite = Suites.get(Grammar.NEW, SceneSize.TINY);
        assertTrue(suite.reportsProgress());
        for (String split : List.of("L0", "L2")) {
            for (int id = 0; id < 134; id++) {
                try (HouseholdEnvironment env = (HouseholdEnvironment) suite.create()) {
                    Reset reset = env.reset(split, id);
                    assertTrue(env.reportsProgress());
                    int start = env.potential();
                    Expert oracle = suite.expert("oracle").orElseThrow();
                    oracle.begin(env, reset);
                    String obs = reset.observation();
                    double sum = 0;
                    boolean positive = false;
                    StepResult r = null;
                    while (r == null || !r.done()) {
                        r = env.step(oracle.next(env, obs));
                        obs = r.observation();
                        assertTrue(r.progress() >= 0, split + "/" + id + ": the oracle lost progress with "
                                + r.progress());
                        positive |= r.progress() > 0;
                        sum += r.progress();
                    }
                    assertTrue(r.won() && positive, split + "/" + id);
                    assertEquals(HouseholdEnvironment.PHI_WON - start, sum, 1e-9, split + "/" + id);
                }
            }
        }
    }

    @Property(tries = 60)
    void wrongObjectsLoseProgressAndNavigationIsNeutral(@ForAll @IntRange(min = 0, max = 133) int id,
                                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        HouseholdSuite suite = Suites.get(Grammar.NEW, SceneSize.TINY);
        World world = suite.world("L0", id);
        String goalObject = world.cat.name(world.objCls);
        Random rng = new Random(seed);
        try (HouseholdEnvironment env = (HouseholdEnvironment) suite.create()) {
            env.reset("L0", id);
            int phi = env.potential();
            double sum = 0;
            for (int k = 0; k < 30 && !env.isDone(); k++) {
                List<String> adm = env.admissible();
                String cmd = adm.get(rng.nextInt(adm.size()));
                boolean emptyHanded = env.admissible().stream().noneMatch(c -> c.startsWith("put ")
                        || c.startsWith("move "));
                StepResult r = env.step(cmd);
                sum += r.progress();
                if (!r.won() && (cmd.startsWith("go to") || cmd.startsWith("open") || cmd.startsWith("close")
                        || cmd.startsWith("examine") || cmd.equals("look") || cmd.equals("inventory"))) {
                    assertEquals(0.0, r.progress(), cmd);
                }
                if (cmd.startsWith("take ") && emptyHanded && !r.won()
                        && !cmd.split(" ")[1].equals(goalObject)) {
                    assertEquals(-1.0, r.progress(), cmd + " (goal object " + goalObject + ")");
                }
            }
            assertEquals(env.potential() - phi, sum, 1e-9, "progress telescopes");
        }
    }

    @Test
    void anInvalidCommandIsNeutral() {
        HouseholdSuite suite = Suites.get(Grammar.NEW, SceneSize.TINY);
        try (TextEnvironment env = suite.create()) {
            env.reset("L0", 0);
            StepResult r = env.step("dance with the fridge");
            assertFalse(r.valid());
            assertEquals(0.0, r.progress());
        }
    }
}
