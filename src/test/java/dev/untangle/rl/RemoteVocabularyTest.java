package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 3: a remote world's vocabulary comes from what the flavour declares plus the character fallback,
 * never from a server's answers, so it can express every command and does not change between servers.
 */
class RemoteVocabularyTest {

    @Test
    void textcraftsVocabularyIsDeclaredStableAndExpressesEveryCommand() {
        // the config's server is never started: building the policy must not contact it
        TrainConfig cfg = TrainConfig.read(ConfigTree.load(Path.of("configs/agentgym-textcraft.yaml")));
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        assertFalse(suite.closedVocabulary());
        ModelPolicyFactory factory = new ModelPolicyFactory();
        try (TransformerPolicy a = (TransformerPolicy) factory.create(cfg, suite);
             TransformerPolicy b = (TransformerPolicy) factory.create(cfg, Environments.create(cfg.env().name(),
                     cfg.env().options()))) {
            WordTokenizer tok = a.tokenizer();
            assertEquals(tok, b.tokenizer(), "the same vocabulary for every server process");
            assertTrue(tok.charFallback());
            for (String command : new String[] {"get 9 emerald", "inventory", "get 1 oak log",
                    "craft 4 oak planks using 1 oak log", "craft 1 netherite pickaxe using 3 netherite ingot, 2 stick",
                    "craft 1 lodestone using 8 chiseled stone bricks, 1 netherite ingot"}) {
                int[] ids = tok.encode(command);
                for (int id : ids) {
                    assertTrue(id != tok.unkId(), command);
                }
                assertEquals(command, tok.decode(ids));
            }
            assertEquals(1, tok.encode("get").length, "declared command words are single tokens");
            assertEquals(1, tok.encode("inventory").length);
        }
    }

    @Test
    void theHouseholdWorldKeepsItsClosedVocabulary() {
        TrainConfig cfg = TrainConfig.read(ConfigTree.load(Path.of("configs/quick.yaml")));
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        assertTrue(suite.closedVocabulary());
        try (TransformerPolicy p = (TransformerPolicy) new ModelPolicyFactory().create(cfg, suite)) {
            assertFalse(p.tokenizer().charFallback());
            assertEquals(WordTokenizer.build(suite.corpus()), p.tokenizer());
        }
    }
}
