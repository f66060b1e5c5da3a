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
        TrainConfig q = TrainConfig.read(ConfigTree.load(Path.of("configs/quick.yaml")));
        assertEquals("tiny", q.env().options().get("scene_size"));
        assertEquals(List.of("L0", "L1", "L2"), q.eval().splits());
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
