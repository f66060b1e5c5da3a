package dev.untangle.rl.gcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.CriticDataConfig;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.rl.TinyPolicyAccess;
import dev.untangle.rl.TinyWorld;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Critic data on the tiny world: expert steps are good, non-progressing commands bad, progressing ones skipped. */
class CriticDataTest {

    private static CriticDataConfig config(String... o) {
        List<String> all = new java.util.ArrayList<>(List.of("sft.critic_data=true", "sft.critic_oracle=searcher"));
        all.addAll(List.of(o));
        return CriticDataConfig.read(ConfigTree.empty().withOverrides(all));
    }

    @Test
    void expertStepsAreGoodAndNonProgressingCommandsBad() {
        try (Policy policy = TinyPolicyAccess.create(1)) {
            CriticData data = new CriticData(new TinyWorld(), "searcher", config("sft.critic_negatives=3"), 4);
            CriticData.Result r = data.build("train", 3, policy, "open");
            // 3 tasks x 2 expert steps; every other admissible command leaves the state as it is (no progress)
            assertEquals(6, r.good());
            assertEquals(18, r.bad());
            assertEquals(0, r.skipped());
            assertEquals(24, r.examples().size());
            int good = policy.renderer().verdictToken(true);
            int bad = policy.renderer().verdictToken(false);
            for (int i = 0; i < r.items().size(); i++) {
                CriticData.Example e = r.items().get(i);
                ScoreRequest q = r.examples().get(i);
                assertEquals(e.good() ? good : bad, q.target()[0]);
                assertEquals(2, q.allowed()[0].length);
            }
            // the first state of task 0 ("red door"): the expert opens red; three other commands are bad
            assertEquals(4, r.items().stream().filter(e -> e.state() == 0).count());
            String expert = policy.tokenizer().decode(r.items().get(0).action());
            assertTrue(expert.startsWith("open red"), expert);
            // minibatch units: one per task (3 tasks x 8 examples), one per state (6 states x 4 examples)
            assertEquals(List.of(8, 8, 8), r.units(true).stream().map(List::size).toList());
            assertEquals(6, r.units(false).size());
            assertTrue(r.units(false).stream().allMatch(u -> u.size() == 4));
            assertEquals(r.examples().get(4), r.units(true).get(0).get(4), "units keep the build order");
            // deterministic for a seed
            assertEquals(r.items().get(2).action().length,
                    data.build("train", 3, policy, "open").items().get(2).action().length);
        }
    }

    @Test
    void distanceFollowsTheOracle() {
        CriticData data = new CriticData(new TinyWorld(), "searcher", config(), 4);
        try (var env = new TinyWorld().create()) {
            assertEquals(2, data.distance(env, "train", 4, List.of(), null));
            assertEquals(1, data.distance(env, "train", 4, List.of("open blue"), null));
            assertEquals(2, data.distance(env, "train", 4, List.of(), "open red"));        // wrong colour: no progress
            assertEquals(Integer.MAX_VALUE, data.distance(env, "train", 4, List.of(), "dance"));   // invalid
            assertEquals(0, data.distance(env, "train", 4, List.of("open blue"), "take blue"));    // wins
        }
    }

    @Test
    void criticTasksLimitTheExamplesToTheFirstSftTasks() {
        assertEquals(2000, config().taskCount(2000), "default: every SFT task");
        assertEquals(150, config("sft.critic_tasks=150").taskCount(2000));
        assertEquals(40, config("sft.critic_tasks=150").taskCount(40), "never more than the SFT tasks");
        assertEquals(150, config("sft.critic_tasks=150").taskCount(0), "SFT on the whole split");
        try (Policy policy = TinyPolicyAccess.create(1)) {
            CriticData data = new CriticData(new TinyWorld(), "searcher", config(), 4);
            int one = data.build("train", config("sft.critic_tasks=1").taskCount(3), policy, "open").examples().size();
            int three = data.build("train", 3, policy, "open").examples().size();
            assertTrue(one > 0 && one < three, one + " examples from one task, " + three + " from three");
        }
        ConfigException e = assertThrows(ConfigException.class, () -> config("sft.critic_tasks=-1"));
        assertEquals("sft.critic_tasks", e.key());
    }

    @Test
    void missingOracleNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new CriticData(new TinyWorld(), "searcher", config("sft.critic_oracle=oracle"), 4));
        assertEquals("sft.critic_oracle", e.key());
    }
}
