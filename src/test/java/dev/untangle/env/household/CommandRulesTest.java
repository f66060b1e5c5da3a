package dev.untangle.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random and invalid commands: never an exception, and an invalid command never changes the state. */
class CommandRulesTest {

    @Provide
    Arbitrary<String> splits() {
        return Arbitraries.of(Suites.SPLITS);
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> words = Arbitraries.of("go", "to", "take", "from", "move", "put", "in/on", "open",
                "close", "heat", "cool", "clean", "with", "use", "examine", "look", "inventory", "help", "apple",
                "1", "2", "cabinet", "countertop", "fridge", "desklamp", "mug", "nothing", "a", "", "  ");
        Arbitrary<String> phrases = words.list().ofMinSize(0).ofMaxSize(6).map(l -> String.join(" ", l));
        return Arbitraries.oneOf(phrases, Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().ascii().ofMaxLength(60));
    }

    @Property(tries = 150)
    void invalidCommandsChangeNothing(@ForAll("splits") String split, @ForAll @IntRange(min = 0, max = 133) int id,
                                      @ForAll @IntRange(min = 0, max = 20) int warmup, @ForAll long seed,
                                      @ForAll("junk") String command, @ForAll Grammar grammar) {
        HouseholdSuite suite = Suites.get(grammar, SceneSize.SMALL);
        try (HouseholdEnvironment env = (HouseholdEnvironment) suite.create()) {
            Reset reset = env.reset(split, id);
            List<String> adm = reset.admissible();
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < warmup && !env.isDone(); i++) {
                adm = env.step(adm.get(rng.nextInt(adm.size()))).admissible();
            }
            if (env.isDone() || adm.contains(command.strip())) {
                return;
            }
            String before = env.snapshot();
            int steps = env.steps();
            StepResult r = env.step(command);
            assertEquals("Nothing happens.", r.observation());
            assertFalse(r.valid());
            assertFalse(r.won());
            assertEquals(0.0, r.reward());
            assertEquals(before, env.snapshot());
            assertEquals(adm, r.admissible());
            assertEquals(steps + 1, env.steps());
        }
    }

    @Property(tries = 60)
    void randomAdmissibleCommandsAlwaysWorkUntilTheEnd(@ForAll("splits") String split,
                                                       @ForAll @IntRange(min = 0, max = 133) int id,
                                                       @ForAll long seed, @ForAll SceneSize size,
                                                       @ForAll Grammar grammar) {
        HouseholdSuite suite = Suites.get(grammar, size);
        try (HouseholdEnvironment env = (HouseholdEnvironment) suite.create()) {
            List<String> adm = env.reset(split, id).admissible();
            SplittableRandom rng = new SplittableRandom(seed);
            StepResult r = null;
            while (r == null || !r.done()) {
                assertTrue(adm.contains("look") && adm.contains("inventory"));
                assertEquals(grammar == Grammar.NEW, adm.contains("help"));
                assertEquals(adm.stream().sorted().distinct().toList(), adm, "sorted and distinct");
                String cmd = adm.get(rng.nextInt(adm.size()));
                String before = env.snapshot();
                r = env.step(cmd);
                assertTrue(r.valid(), cmd);
                assertNotEquals("Nothing happens.", r.observation(), cmd);
                boolean changes = cmd.startsWith("go to ") || cmd.startsWith("open ") || cmd.startsWith("close ")
                        || cmd.startsWith("take ") || cmd.startsWith("move ") || cmd.startsWith("put ")
                        || cmd.startsWith("use ");
                if (!changes && !cmd.startsWith("heat ") && !cmd.startsWith("cool ") && !cmd.startsWith("clean ")) {
                    assertEquals(before, env.snapshot(), "'" + cmd + "' only inspects");
                }
                adm = r.admissible();
            }
            assertTrue(r.won() || env.steps() == 50);
        }
    }

    @Property(tries = 40)
    void sameCommandsGiveSameObservations(@ForAll("splits") String split, @ForAll @IntRange(min = 0, max = 133) int id,
                                          @ForAll long seed) {
        HouseholdSuite fresh = new HouseholdSuite(HouseholdOptions.defaults().withSceneSize(SceneSize.SMALL));
        assertEquals(transcript(Suites.get(Grammar.NEW, SceneSize.SMALL), split, id, seed),
                transcript(fresh, split, id, seed));
    }

    private static List<String> transcript(HouseholdSuite suite, String split, int id, long seed) {
        List<String> out = new ArrayList<>();
        try (var env = suite.create()) {
            Reset reset = env.reset(split, id);
            out.add(reset.observation());
            out.add(reset.admissible().toString());
            List<String> adm = reset.admissible();
            SplittableRandom rng = new SplittableRandom(seed);
            for (int i = 0; i < 30; i++) {
                StepResult r = env.step(adm.get(rng.nextInt(adm.size())));
                out.add(r.observation());
                adm = r.admissible();
                if (r.done()) {
                    break;
                }
            }
        }
        return out;
    }
}
