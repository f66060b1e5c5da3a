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
    }
}
