package dev.untangle.env.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Splits, determinism, failure by a wrong focus, bad input, and the provider. */
class ScienceSuiteTest {

    private static final ScienceSuite SUITE = ScienceExpertsTest.SUITE;

    @Test
    void theProviderBuildsTheSuiteByNameAndChecksItsOptions() {
        EnvironmentSuite s = Environments.create("science", Map.of("max_steps", "40"));
        assertEquals("science", s.name());
        assertTrue(Environments.known().contains("science"));
        assertTrue(s.reportsProgress());
        assertEquals(List.of("oracle", "searcher"), s.experts());
        assertEquals(13, s.taskTypes().size());
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> Environments.create("science", Map.of("grammar", "new")));
        assertEquals("unknown science option 'grammar'; known: [max_steps, train_size]", e.getMessage());
        e = assertThrows(EnvironmentException.class, () -> Environments.create("science", Map.of("max_steps", "x")));
        assertEquals("science option max_steps: 'x' is not an integer", e.getMessage());
        e = assertThrows(EnvironmentException.class,
                () -> Environments.create("science", Map.of("train_size", "99999999")));
        assertTrue(e.getMessage().startsWith("science option train_size must be at most "), e.getMessage());
    }

    @Test
    void splitsHaveTheirDocumentedSizesTypesAndKeys() {
        assertEquals(List.of("train", "L0", "L1", "L2"), SUITE.splits().stream().map(x -> x.name()).toList());
        assertEquals(List.of(3000, 300, 300, 300), SUITE.splits().stream().map(x -> x.size()).toList());
        ScienceSplits splits = new ScienceSplits(3000);
        Set<String> trainVariations = new HashSet<>();
        for (int id = 0; id < 3000; id++) {
            SceneGenerator.Variation v = splits.variation("train", id);
            assertFalse(v.type().heldOut(v.key()), "train uses seen keys only");
            assertFalse(ScienceSplits.inL0(v));
            assertTrue(trainVariations.add(v.type() + "/" + v.number()), "train variations are distinct");
        }
        for (int id = 0; id < 300; id++) {
            SceneGenerator.Variation l0 = splits.variation("L0", id);
            assertTrue(ScienceSplits.inL0(l0) && !l0.type().heldOut(l0.key()));
            assertFalse(trainVariations.contains(l0.type() + "/" + l0.number()), "L0 variations are unseen");
            SceneGenerator.Variation l1 = splits.variation("L1", id);
            assertTrue(l1.type().heldOut(l1.key()), "L1 uses held-out keys only");
            assertTrue(ScienceSplits.TRAIN_TYPES.contains(l1.type()));
            assertTrue(ScienceSplits.L2_TYPES.contains(splits.variation("L2", id).type()));
        }
    }

    @Test
    void heldOutObjectsNeverAppearInTrainOrL0Scenes() {
        Set<TaskType> checked = Set.of(TaskType.BOIL, TaskType.MELT, TaskType.USE_THERMOMETER, TaskType.POWER,
                TaskType.CONDUCTIVITY, TaskType.GROW_PLANT);
        int scenes = 0;
        for (String split : List.of("train", "L0")) {
            for (int id = 0; id < SUITE.split(split).size(); id++) {
                Scene scene = SUITE.scene(split, id);
                if (!checked.contains(scene.type)) {
                    continue;
                }
                scenes++;
                for (int k = 0; k < scene.type.keys().size(); k++) {
                    if (!scene.type.heldOut(k)) {
                        continue;
                    }
                    String key = scene.type.keys().get(k);
                    for (int i = 0; i < scene.n; i++) {
                        for (String name : scene.names[i]) {
                            assertFalse(name.equals(key) || name.startsWith(key + " "),
                                    split + "/" + id + " shows held-out " + key + " as " + name);
                        }
                    }
                }
            }
        }
        assertEquals(1980, scenes);
    }

    @Test
    void aTaskIsTheSameEveryTimeAndTasksDiffer() {
        Set<String> observations = new HashSet<>();
        for (String split : List.of("train", "L0", "L1", "L2")) {
            for (int id = 0; id < 40; id++) {
                List<String> a = transcript(split, id);
                List<String> b = transcript(split, id);
                assertEquals(a, b, split + "/" + id);
                assertEquals(SUITE.task(split, id), SUITE.task(split, id));
                observations.add(a.get(0));
            }
        }
        assertTrue(observations.size() > 150, "tasks differ: " + observations.size() + " distinct of 160");
    }

    private static List<String> transcript(String split, int id) {
        List<String> out = new ArrayList<>();
        try (TextEnvironment env = SUITE.create()) {
            Reset r = env.reset(split, id);
            Expert e = SUITE.expert("searcher").orElseThrow();
            e.begin(env, r);
            out.add(r.observation() + r.admissible());
            String obs = r.observation();
            for (StepResult s = null; s == null || !s.done(); ) {
                s = env.step(e.next(env, obs));
                obs = s.observation();
                out.add(obs + s.admissible() + s.reward() + ((ScienceEnvironment) env).snapshot());
            }
        }
        return out;
    }

    @Test
    void aWrongFocusFailsEveryTaskType() {
        Set<String> typesChecked = new HashSet<>();
        for (String split : List.of("train", "L2")) {
            for (int id = 0; id < 300 && typesChecked.size() < 13; id++) {
                ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
                Reset reset = env.reset(split, id);
                Scene scene = env.world().scene();
                // the agent's own location always holds something visible that no first focus goal accepts:
                // find one by its name, and check it is really wrong for this task
                String wrong = null;
                for (String c : reset.admissible()) {
                    if (c.startsWith("focus on ")) {
                        int x = env.parser().resolve(c.substring(9));
                        Goal.Focus first = (Goal.Focus) Goals.ordered(scene.type)[0];
                        if (!first.accepts(scene, x)) {
                            wrong = c;
                            break;
                        }
                    }
                }
                if (wrong == null) {
                    continue;
                }
                env.step("look around");
                int before = env.score();
                StepResult r = env.step(wrong);
                assertTrue(r.done(), wrong);
                assertFalse(r.won());
                assertTrue(env.isFailed());
                assertEquals(0, env.score());
                assertEquals(-before / 100.0, r.reward(), 1e-12, "the episode's rewards sum to its score, 0");
                typesChecked.add(scene.type.id());
                assertThrows(EnvironmentException.class, () -> env.step("look around"));
            }
        }
        assertEquals(13, typesChecked.size(), "every type checked: " + typesChecked);
    }

    @Test
    void aFocusOnSomethingNewWhileTheTaskWaitsForOtherWorkFails() {
        ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
        int id = 0;
        while (!SUITE.taskType("train", id).equals("power-component")) {
            id++;
        }
        env.reset("train", id);
        Expert oracle = SUITE.expert("oracle").orElseThrow();
        oracle.begin(env, env.reset("train", id));
        String obs = "";
        int before = 0;
        while (env.score() < 50) {
            obs = env.step(oracle.next(env, obs)).observation();
            before = env.score();
        }
        String part = env.world().name(env.world().scene().target);
        StepResult again = env.step("focus on " + part);
        assertTrue(again.valid() && !again.done(), "focusing the same thing again is harmless");
        StepResult r = env.step("focus on battery");
        assertTrue(r.done() && env.isFailed());
        assertEquals(-before / 100.0, r.reward(), 1e-9, "the failing step takes back the score");
    }

    @Test
    void badInputGetsClearErrors() {
        TextEnvironment env = SUITE.create();
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> env.step("look around"));
        assertEquals("science: step before reset; call reset(split, taskId) first", e.getMessage());
        e = assertThrows(EnvironmentException.class, () -> env.reset("test", 0));
        assertEquals("unknown split 'test' for environment science; known splits: [train, L0, L1, L2]", e.getMessage());
        e = assertThrows(EnvironmentException.class, () -> env.reset("L1", 300));
        assertEquals("task id 300 is outside split L1 of science (valid: 0..299)", e.getMessage());
        assertThrows(EnvironmentException.class, () -> SUITE.task("L2", -1));
        env.reset("train", 0);
        e = assertThrows(EnvironmentException.class, () -> env.step("look ".repeat(100)));
        assertEquals("science: a command of 500 characters is longer than the limit of 300", e.getMessage());
        assertEquals(0, env.steps(), "a rejected command is no step");
        ScienceEnvironment limited = (ScienceEnvironment) new ScienceSuite(new ScienceOptions(3, 3000)).create();
        limited.reset("train", 0);
        limited.step("wait1");
        limited.step("wait1");
        assertTrue(limited.step("wait1").done(), "the step limit ends the episode");
        e = assertThrows(EnvironmentException.class, () -> limited.step("wait1"));
        assertTrue(e.getMessage().endsWith("(step limit 3 reached); reset to play again"), e.getMessage());
    }

    @Test
    void stepResultsReportTheScoreChangeAsRewardAndProgress() {
        ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
        Reset reset = env.reset("train", 5);
        Expert e = SUITE.expert("oracle").orElseThrow();
        e.begin(env, reset);
        String obs = reset.observation();
        int prev = 0;
        for (StepResult r = null; r == null || !r.done(); ) {
            r = env.step(e.next(env, obs));
            obs = r.observation();
            assertEquals((env.score() - prev) / 100.0, r.reward(), 1e-12);
            assertEquals(r.reward(), r.progress(), 1e-12);
            assertEquals(env.score() - prev, r.rawReward(), 1e-12);
            prev = env.score();
        }
        assertEquals(100, prev);
        assertNotEquals(0, reset.admissible().size());
    }
}
