package dev.untangle.env.science;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The corpus declares every word the world prints or accepts, except temperatures beyond 0..100. */
class ScienceCorpusTest {

    private static final ScienceSuite SUITE = ScienceExpertsTest.SUITE;

    @Test
    void corpusCoversEveryWordOfRandomEpisodesAndExperts() {
        Set<String> vocab = words(String.join("\n", SUITE.corpus()));
        Set<String> seen = new HashSet<>();
        SplittableRandom rng = new SplittableRandom(11);
        for (String split : List.of("train", "L0", "L1", "L2")) {
            for (int id = 0; id < 60; id++) {
                try (TextEnvironment env = SUITE.create()) {
                    Reset reset = env.reset(split, id);
                    seen.addAll(words(reset.observation() + " " + reset.admissible()));
                    List<String> adm = reset.admissible();
                    for (int i = 0; i < 60; i++) {
                        StepResult r = env.step(adm.get(rng.nextInt(adm.size())));
                        seen.addAll(words(r.observation() + " " + r.admissible()));
                        adm = r.admissible();
                        if (r.done()) {
                            break;
                        }
                    }
                    for (String name : SUITE.experts()) {
                        Expert e = SUITE.expert(name).orElseThrow();
                        Reset again = env.reset(split, id);
                        e.begin(env, again);
                        String obs = again.observation();
                        for (StepResult r = null; r == null || !r.done(); ) {
                            String c = e.next(env, obs);
                            r = env.step(c);
                            obs = r.observation();
                            seen.addAll(words(c + " " + obs + " " + r.admissible()));
                        }
                    }
                }
            }
        }
        seen.removeAll(vocab);
        seen.removeIf(w -> w.matches("\\d+"));
        assertEquals(Set.of(), seen);
        assertEquals(SUITE.corpus(), new ScienceSuite(ScienceOptions.defaults()).corpus());
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
