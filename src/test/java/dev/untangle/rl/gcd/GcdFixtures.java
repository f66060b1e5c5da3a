package dev.untangle.rl.gcd;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.GcdConfig;
import dev.untangle.policy.AgentContext;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.TransformerConfig;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.util.ArrayList;
import java.util.List;

/** Hand-built step samples, GCD configs and a tiny transformer for GCD tests. */
final class GcdFixtures {

    static final List<String> COLORS = List.of("red", "blue", "green");

    private GcdFixtures() {
    }

    /** GCD options with overrides such as {@code balance=none} (keys below {@code algorithm.gcd.}). */
    static GcdConfig config(String... overrides) {
        List<String> o = new ArrayList<>(List.of("algorithm.gcd.enabled=true", "algorithm.gcd.heldout_fraction=0"));
        for (String s : overrides) {
            o.add("algorithm.gcd." + s);
        }
        return GcdConfig.read(ConfigTree.empty().withOverrides(o));
    }

    /** A sample with the given label sources. */
    static StepSample sample(String task, double advantage, boolean won, double stepAdvantage, int anchor) {
        return new StepSample(new CollectedStep(0, 0, 0, task, "type", "o", new int[] {3}, new int[] {4, 2},
                new float[] {-1f, -1f}, null, 1.0, true, Double.NaN, 0),
                new StepTargets(0, won, advantage - stepAdvantage, stepAdvantage, advantage, anchor));
    }

    /** A tiny causal transformer over the door world's words (window history, context 48). */
    static TransformerPolicy tinyTransformer(long seed) {
        WordTokenizer tok = WordTokenizer.build(List.of("red blue green door key open take",
                "Is this action good or bad?", "Your last choice looked bad; choose a better action.",
                "open the door"));
        TransformerConfig model = TransformerConfig.builder().setVocabSize(tok.vocabSize()).optContextLength(48)
                .optLayers(1).optWidth(32).optHeads(2).build();
        return TransformerPolicy.create(model, PromptConfig.builder().optWindow(1).optMaxPromptTokens(40).build(),
                tok, seed);
    }

    /** The context of the door state of colour {@code c}. */
    static AgentContext door(String c) {
        return new AgentContext("open the door", List.of(), c + " door", List.of());
    }
}
