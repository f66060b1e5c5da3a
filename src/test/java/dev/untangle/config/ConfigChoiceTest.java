package dev.untangle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration choices are parsed once into enums, with the config's own words and its error messages. */
class ConfigChoiceTest {

    private static TrainConfig read(String... overrides) {
        return TrainConfig.read(ConfigTree.empty().withOverrides(List.of(overrides)));
    }

    @Test
    void choicesParseIntoTheirConstantsAndKeepTheirConfigNames() {
        TrainConfig c = read("prompt.history=full", "prompt.admissible=false", "model.tuning=full",
                "rollout.decoding=free", "algorithm.aggregation=seq-mean-token-mean", "algorithm.kl_estimator=k1",
                "algorithm.normalization=mean", "algorithm.std=sample", "algorithm.gcd.selection=mixed_anchors",
                "algorithm.advantage=gigpo", "algorithm.gcd.enabled=true");
        assertEquals(PromptOptions.History.FULL, c.prompt().history());
        assertEquals(ModelConfig.Tuning.FULL, c.model().tuning());
        assertEquals(RolloutConfig.DecodingMode.FREE, c.rollout().decoding());
        assertEquals(AlgorithmConfig.Aggregation.SEQ_MEAN_TOKEN_MEAN, c.algorithm().aggregation());
        assertEquals(AlgorithmConfig.KlEstimator.K1, c.algorithm().klEstimator());
        assertEquals(AlgorithmConfig.Normalization.MEAN, c.algorithm().normalization());
        assertEquals(AlgorithmConfig.StdDivisor.SAMPLE, c.algorithm().std());
        assertEquals(GcdConfig.Selection.MIXED_ANCHORS, c.algorithm().gcd().selection());
        assertEquals(List.of("token-mean", "seq-mean-token-mean"),
                ConfigChoice.names(AlgorithmConfig.Aggregation.class));
        assertEquals("mixed_anchors", c.algorithm().gcd().selection().configName());
    }

    @Test
    void aBadValueNamesTheKeyAndTheAllowedWords() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("prompt.history=all"));
        assertTrue(e.getMessage().startsWith("prompt.history: must be one of [window, full], got 'all'"),
                e.getMessage());
        ConfigException parsed = assertThrows(ConfigException.class,
                () -> ConfigChoice.parse(GcdConfig.VerdictAt.class, "algorithm.gcd.verdict_at", "end"));
        assertEquals("algorithm.gcd.verdict_at: must be one of [query, action_end], got 'end'", parsed.getMessage());
    }
}
