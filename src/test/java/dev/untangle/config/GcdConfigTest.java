package dev.untangle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults and validation of the {@code algorithm.gcd} options that decide where the verdict is read. */
class GcdConfigTest {

    private static GcdConfig read(String... overrides) {
        return GcdConfig.read(ConfigTree.empty().withOverrides(List.of(overrides)));
    }

    @Test
    void theVerdictIsReadAtTheActionEndByDefault() {
        GcdConfig c = read();
        assertEquals("action_end", c.verdictAt().configName());
        assertEquals("", c.verdictQuery());                       // no <ask>, no query words
        GcdConfig q = read("algorithm.gcd.verdict_at=query", "algorithm.gcd.query=Was that wise?");
        assertEquals("Was that wise?", q.verdictQuery());
    }

    @Test
    void anUnknownPositionNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("algorithm.gcd.verdict_at=middle"));
        assertEquals("algorithm.gcd.verdict_at", e.key());
        assertTrue(e.getMessage().contains("action_end"), e.getMessage());
    }
}
