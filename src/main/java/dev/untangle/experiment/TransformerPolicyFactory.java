package dev.untangle.experiment;

import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptConfig;
import dev.untangle.policy.TransformerConfig;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import dev.untangle.rl.PolicyFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in policy: a {@link TransformerPolicy} shaped by the {@code model} and {@code prompt} sections,
 * with a word vocabulary built from the environment's corpus plus the GCD query and correction hint (so
 * that the verdict prompt has no unknown words). Weights are drawn from the run's seed.
 */
public final class TransformerPolicyFactory implements PolicyFactory {

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        List<String> texts = new ArrayList<>(suite.corpus());
        texts.add(config.algorithm().gcd().query());
        texts.add(config.algorithm().gcd().correction().hint());
        WordTokenizer tokenizer = WordTokenizer.build(texts);
        TransformerConfig model = TransformerConfig.builder()
                .setVocabSize(tokenizer.vocabSize())
                .optContextLength(config.model().contextLength())
                .optLayers(config.model().layers())
                .optWidth(config.model().width())
                .optHeads(config.model().heads())
                .optMlpWidth(config.model().mlpWidth() == 0 ? 4 * config.model().width() : config.model().mlpWidth())
                .optDropout(config.model().dropout())
                .build();
        PromptConfig prompt = PromptConfig.builder()
                .optHistory(HistoryMode.parse(config.prompt().history()))
                .optWindow(config.prompt().window())
                .optShowAdmissible(config.prompt().admissible())
                .optMaxPromptTokens(config.prompt().maxTokens())
                .optMaxTextTokens(config.prompt().maxTextTokens())
                .build();
        return TransformerPolicy.create(model, prompt, tokenizer, config.seed());
    }

    @Override
    public Policy load(Path dir) {
        return TransformerPolicy.load(dir);
    }
}
