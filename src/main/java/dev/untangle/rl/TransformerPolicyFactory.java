package dev.untangle.rl;

import dev.untangle.config.ModelConfig;
import dev.untangle.config.PromptOptions;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.TransformerConfig;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in transformer policy: the vocabulary is built from the suite's corpus (or, when the suite
 * cannot enumerate its text, from the first observations and commands of its training tasks), then frozen.
 */
public final class TransformerPolicyFactory implements PolicyFactory {

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        // the declared corpus only: a vocabulary read off served episodes would change with the server (issue 12)
        WordTokenizer tokenizer = WordTokenizer.build(suite.corpus(), !suite.closedVocabulary());
        ModelConfig m = config.model();
        TransformerConfig model = TransformerConfig.builder()
                .setVocabSize(tokenizer.vocabSize())
                .optContextLength(m.contextLength())
                .optLayers(m.layers())
                .optWidth(m.width())
                .optHeads(m.heads())
                .optMlpWidth(m.mlpWidth() == 0 ? 4 * m.width() : m.mlpWidth())
                .optDropout(m.dropout())
                .optPositions(TransformerConfig.Positions.parse(m.positions()))
                .optRopeTheta(m.ropeTheta())
                .optGoalMatch(m.goalMatch())
                .build();
        return TransformerPolicy.create(model, prompt(config.prompt()), tokenizer, config.seed());
    }

    @Override
    public Policy load(Path dir) {
        return TransformerPolicy.load(dir);
    }

    /** The policy's prompt configuration from the {@code prompt} section. */
    public static PromptConfig prompt(PromptOptions p) {
        return PromptConfig.builder()
                .optHistory(HistoryMode.parse(p.history()))
                .optWindow(p.window())
                .optShowAdmissible(p.admissible())
                .optMaxPromptTokens(p.maxTokens())
                .optMaxTextTokens(p.maxTextTokens())
                .optGoalEachTurn(p.goalEachTurn())
                .build();
    }
}
