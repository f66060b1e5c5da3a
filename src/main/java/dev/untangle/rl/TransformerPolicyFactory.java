package dev.untangle.rl;

import dev.untangle.config.ModelConfig;
import dev.untangle.config.PromptOptions;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.TextEnvironment;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.TransformerConfig;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in transformer policy: the vocabulary is built from the suite's corpus (or, when the suite
 * cannot enumerate its text, from the first observations and commands of its training tasks), then frozen.
 */
public final class TransformerPolicyFactory implements PolicyFactory {

    /** Training tasks whose reset text and commands seed the vocabulary when the suite has no corpus. */
    private static final int VOCAB_PROBE_TASKS = 200;

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        WordTokenizer tokenizer = WordTokenizer.build(vocabularyText(suite, config.env().trainSplit()));
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

    private static List<String> vocabularyText(EnvironmentSuite suite, String split) {
        if (!suite.corpus().isEmpty()) {
            return suite.corpus();
        }
        List<String> texts = new ArrayList<>();
        int n = Math.min(VOCAB_PROBE_TASKS, suite.split(split).size());
        try (TextEnvironment env = suite.create()) {
            for (int id = 0; id < n; id++) {
                Reset r = env.reset(split, id);
                texts.add(r.task().goal());
                texts.add(r.observation());
                texts.addAll(r.admissible());
            }
        }
        return texts;
    }
}
