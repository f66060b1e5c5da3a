package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import org.junit.jupiter.api.Test;

/** Every built-in preset resolves to a training configuration, and each says what it is for. */
class BuiltInPresetsTest {

    @Test
    void everyBuiltInPresetResolves() {
        for (String name : Preset.BUILT_IN) {
            Preset p = Preset.load(name);
            TrainConfig cfg = TrainConfig.read(ConfigTree.parse(p.trainYaml(), name));
            assertTrue(cfg.algorithm().iterations() > 0, name);
            assertTrue(p.seeds() >= 1, name);
        }
    }

    /** Issue 25 item 18: the quick preset's numbers mean nothing, and it says so wherever it is run. */
    @Test
    void theQuickPresetSaysItIsASmokeTest() {
        Preset quick = Preset.load("quick");
        assertTrue(quick.purpose().startsWith("a smoke test"), quick.purpose());
        assertTrue(quick.purpose().contains("mean nothing"), quick.purpose());
        assertEquals("", Preset.parse("seed: 1\n", "plain").purpose(), "a preset without a purpose says nothing");
    }
}
