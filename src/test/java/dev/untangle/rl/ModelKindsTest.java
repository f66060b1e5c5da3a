package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigException;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model kinds are registered by name like estimators: {@code model.kind} picks one, an unknown name lists them. */
class ModelKindsTest {

    @Test
    void kindsAreFoundByTheirName() {
        assertEquals(new TreeSet<>(List.of("hf", "transformer")), ModelKinds.known());
        for (String name : ModelKinds.known()) {
            assertEquals(name, ModelKinds.get(name).name());
        }
    }

    @Test
    void anUnknownKindNamesTheKeyAndTheKnownKinds() {
        ConfigException e = assertThrows(ConfigException.class, () -> ModelKinds.get("gpt"));
        assertEquals("model.kind: unknown model kind 'gpt'; known: [hf, transformer]", e.getMessage());
        TrainConfig cfg = TrainConfig.read(ConfigTree.empty().withOverrides(List.of("model.kind=gpt")));
        EnvironmentSuite suite = Environments.create("household", cfg.env().options());
        ConfigException early = assertThrows(ConfigException.class, () -> GrpoLoop.validate(cfg, suite));
        assertTrue(early.getMessage().startsWith("model.kind: unknown model kind 'gpt'"), early.getMessage());
    }

    @Test
    void aDirectoryNoKindHoldsIsReportedByTheBuiltInLoader(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelKinds.load(dir));
        assertTrue(e.getMessage().contains("is not a policy checkpoint (no model.json)"), e.getMessage());
    }
}
