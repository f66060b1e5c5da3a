package dev.untangle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

    private static final String YAML = """
            seed: 7
            algorithm:
              name: grpo
              group_size: 8
              clip: {low: 0.2, high: 0.28}
            env:
              urls: [http://127.0.0.1:1, http://127.0.0.1:2]
            """;

    @Test
    void readsNestedKeysWithDefaults() {
        ConfigTree t = ConfigTree.parse(YAML, "test.yaml");
        assertEquals(7, t.getInt("seed", 0));
        assertEquals("grpo", t.getChoice("algorithm.name", "gigpo", List.of("grpo", "gigpo")));
        assertEquals(8, t.getInt("algorithm.group_size", 4));
        assertEquals(0.28, t.getDouble("algorithm.clip.high", 0.2));
        assertEquals(0.2, t.getDouble("algorithm.clip.low", 0.1));
        assertEquals(List.of("http://127.0.0.1:1", "http://127.0.0.1:2"), t.getList("env.urls", List.of()));
        assertTrue(t.getBoolean("missing.flag", true));
        t.rejectUnknown();
        assertEquals(true, t.resolved().get("missing.flag"));
        assertTrue(t.resolvedYaml().contains("group_size: 8"));
    }

    @Test
    void overridesWinAndParseLists() {
        ConfigTree t = ConfigTree.parse(YAML, "test.yaml")
                .withOverrides(List.of("algorithm.group_size=16", "env.urls=[a, b, c]", "new.key=x"));
        assertEquals(16, t.getInt("algorithm.group_size", 4));
        assertEquals(List.of("a", "b", "c"), t.getList("env.urls", List.of()));
        assertEquals("x", t.getString("new.key", "y"));
    }

    @Test
    void unknownKeyIsRejectedWithItsLineAndASuggestion() {
        ConfigTree t = ConfigTree.parse("algorithm:\n  group_sise: 8\n", "cfg.yaml");
        t.getInt("algorithm.group_size", 4);
        ConfigException e = assertThrows(ConfigException.class, t::rejectUnknown);
        assertEquals("algorithm.group_sise", e.key());
        assertTrue(e.getMessage().contains("cfg.yaml:2"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'algorithm.group_size'"), e.getMessage());
    }

    @Test
    void badValuesNameTheKeyAndOrigin() {
        ConfigTree t = ConfigTree.parse("optim:\n  lr: fast\n", "cfg.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> t.getDouble("optim.lr", 1e-3));
        assertTrue(e.getMessage().startsWith("optim.lr:"), e.getMessage());
        assertTrue(e.getMessage().contains("cfg.yaml:2"), e.getMessage());
        ConfigTree o = ConfigTree.empty().withOverrides(List.of("x=maybe"));
        ConfigException b = assertThrows(ConfigException.class, () -> o.getBoolean("x", false));
        assertTrue(b.getMessage().contains("override 'x=maybe'"), b.getMessage());
        assertThrows(ConfigException.class, () -> o.getChoice("x", "a", List.of("a", "b")));
    }

    @Test
    void invalidYamlNamesFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigTree.parse("a: 1\nb: [1, 2\nc: 3\n", "broken.yaml"));
        assertTrue(e.getMessage().startsWith("broken.yaml:"), e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigTree.parse("a: 1\na: 2\n", "dup.yaml"));
        assertThrows(ConfigException.class, () -> ConfigTree.parse("- 1\n- 2\n", "list.yaml"));
        assertThrows(ConfigException.class, () -> ConfigTree.empty().withOverrides(List.of("novalue")));
    }

    @Test
    void sectionReturnsRawValuesAndMarksThemRead() {
        ConfigTree t = ConfigTree.parse(YAML, "test.yaml");
        assertEquals("http://127.0.0.1:1,http://127.0.0.1:2", t.section("env").get("urls"));
        assertFalse(t.section("nothing").containsKey("x"));
    }
}
