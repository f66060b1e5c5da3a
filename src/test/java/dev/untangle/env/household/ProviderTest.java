package dev.untangle.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The provider, its options, and the corpus. */
class ProviderTest {

    @Test
    void providerIsRegisteredAndReadsOptions() {
        assertTrue(Environments.known().contains("household"));
        EnvironmentSuite suite = Environments.create("household",
                Map.of("grammar", "old", "scene_size", "tiny", "max_steps", "7", "train_size", "99"));
        HouseholdSuite h = assertInstanceOf(HouseholdSuite.class, suite);
        assertEquals(new HouseholdOptions(Grammar.OLD, SceneSize.TINY, 7, 99), h.options());
        assertEquals(List.of("oracle", "searcher"), suite.experts());
        assertEquals(6, suite.taskTypes().size());
        try (TextEnvironment env = suite.create()) {
            env.reset("L0", 0);
            StepResult r = null;
            for (int i = 0; i < 7; i++) {
                r = env.step("wait");
            }
            assertTrue(r.done());
        }
    }

    @Test
    void badOptionsNameTheOption() {
        for (Map.Entry<String, String> bad : List.of(Map.entry("grammar", "newest"), Map.entry("scene_size", "huge"),
                Map.entry("max_steps", "0"), Map.entry("max_steps", "many"), Map.entry("train_size", "-3"),
                Map.entry("colour", "red"))) {
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> Environments.create("household", Map.of(bad.getKey(), bad.getValue())));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    @Test
    void corpusCoversEveryWordOfRandomEpisodesAndExperts() {
        Set<String> vocab = words(String.join("\n", Suites.standard().corpus()));
        Set<String> seen = new HashSet<>();
        SplittableRandom rng = new SplittableRandom(5);
        for (Grammar g : Grammar.values()) {
            for (SceneSize size : SceneSize.values()) {
                HouseholdSuite suite = Suites.get(g, size);
                for (String split : Suites.SPLITS) {
                    for (int id = 0; id < 12; id++) {
                        try (TextEnvironment env = suite.create()) {
                            Reset reset = env.reset(split, id);
                            seen.addAll(words(reset.observation() + " " + reset.admissible()));
                            List<String> adm = reset.admissible();
                            for (int i = 0; i < 50; i++) {
                                StepResult r = env.step(adm.get(rng.nextInt(adm.size())));
                                seen.addAll(words(r.observation() + " " + r.admissible()));
                                adm = r.admissible();
                                if (r.done()) {
                                    break;
                                }
                            }
                        }
                    }
                }
            }
        }
        seen.removeAll(vocab);
        assertEquals(Set.of(), seen);
        assertEquals(Suites.standard().corpus(), new HouseholdSuite(HouseholdOptions.defaults()).corpus());
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.split("[\\s,.!\\[\\]=:()-]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
