package dev.untangle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped training configs parse completely, and bad values name their key. */
class TrainConfigFilesTest {

    @Test
    void defaultAndQuickConfigsParseWithoutUnknownKeys() {
        TrainConfig d = TrainConfig.read(ConfigTree.load(Path.of("configs/default.yaml")));
        assertEquals("household", d.env().name());
        assertEquals("grpo", d.algorithm().advantage());
        assertEquals(false, d.model().goalCopy());
        assertEquals(true, TrainConfig.read(ConfigTree.load(Path.of("configs/default.yaml"))
                .withOverrides(List.of("model.goal_copy=true"))).model().goalCopy());
        TrainConfig q = TrainConfig.read(ConfigTree.load(Path.of("configs/quick.yaml")));
        assertEquals("tiny", q.env().options().get("scene_size"));
        assertEquals(List.of("L0", "L1", "L2"), q.eval().splits());
    }

    /**
     * Every shipped remote config parses, builds its suite (no request is made before the first reset) and
     * passes the up-front checks: its splits exist and no cold start asks for an expert remote worlds lack.
     */
    @Test
    void theAgentGymConfigsAreComplete() {
        for (String flavour : dev.untangle.env.remote.Flavour.names()) {
            Path file = Path.of("configs/agentgym-" + flavour + ".yaml");
            TrainConfig c = TrainConfig.read(ConfigTree.load(file));
            assertEquals("agentgym:" + flavour, c.env().name(), file.toString());
            var suite = dev.untangle.env.Environments.create(c.env().name(), c.env().options());
            dev.untangle.rl.GrpoLoop.validate(c, suite);
            assertTrue(!c.sft().enabled(), file + ": remote environments have no expert");
        }
    }

    /** The checks before any work name what the environment cannot serve. */
    @Test
    void splitsAndTheExpertAreCheckedBeforeAnyWork() {
        var suite = dev.untangle.env.Environments.create("household", java.util.Map.of("scene_size", "tiny"));
        ConfigException e = assertThrows(ConfigException.class, () -> dev.untangle.rl.GrpoLoop.validate(
                TrainConfig.read(ConfigTree.empty().withOverrides(List.of("eval.splits=[L0, L9]"))), suite));
        assertTrue(e.getMessage().startsWith("eval.splits: unknown split 'L9'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> dev.untangle.rl.GrpoLoop.validate(
                TrainConfig.read(ConfigTree.empty().withOverrides(List.of("sft.expert=nobody"))), suite));
        assertTrue(e.getMessage().startsWith("sft.expert: environment household has no expert 'nobody'"),
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> dev.untangle.rl.GrpoLoop.validate(
                TrainConfig.read(ConfigTree.empty().withOverrides(List.of("algorithm.advantage=ppo"))), suite));
        assertTrue(e.getMessage().startsWith("algorithm.advantage: unknown estimator 'ppo'"), e.getMessage());
        var remote = dev.untangle.env.Environments.create("agentgym:textcraft",
                java.util.Map.of("urls", "http://127.0.0.1:9"));
        e = assertThrows(ConfigException.class, () -> dev.untangle.rl.GrpoLoop.validate(TrainConfig.read(
                ConfigTree.load(Path.of("configs/quick.yaml")).withOverrides(List.of("env.name=agentgym:textcraft",
                        "eval.splits=[train]"))), remote));
        assertTrue(e.getMessage().startsWith("sft.expert:"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> TrainConfig.read(
                ConfigTree.empty().withOverrides(List.of("rollout.group_size=1"))));
        assertTrue(e.getMessage().startsWith("rollout.group_size: must be >= 2"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> TrainConfig.read(
                ConfigTree.empty().withOverrides(List.of("algorithm.aggregation=sum"))));
        assertTrue(e.getMessage().startsWith("algorithm.aggregation: must be one of"), e.getMessage());
        for (String[] bad : new String[][] {
            {"model.positions=alibi", "model.positions: must be learned or rope"},
            {"model.rope_theta=1", "model.rope_theta: must be > 1"},
            {"sft.dagger_rounds=-1", "sft.dagger_rounds: must be >= 0"},
            {"sft.dagger_epochs=0", "sft.dagger_epochs: must be >= 1"}}) {
            e = assertThrows(ConfigException.class, () -> TrainConfig.read(
                    ConfigTree.empty().withOverrides(List.of(bad[0]))));
            assertTrue(e.getMessage().startsWith(bad[1]), e.getMessage());
        }
        e = assertThrows(ConfigException.class, () -> TrainConfig.read(ConfigTree.empty().withOverrides(
                List.of("model.positions=rope", "model.width=30", "model.heads=2"))));
        assertTrue(e.getMessage().startsWith("model.heads: rotary positions need an even head width"), e.getMessage());
    }
}
