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
import dev.untangle.policy.hf.HfPolicy;
import dev.untangle.policy.hf.Tuning;
import java.nio.file.Path;
import java.util.List;

/**
 * The policy the {@code model} section names. {@code kind: transformer}: the built-in transformer, whose vocabulary
 * is built from the suite's corpus (or, when the suite cannot enumerate its text, from the first observations and
 * commands of its training tasks), then frozen. {@code kind: hf}: a pretrained Hugging Face decoder from
 * {@code model.path}, with LoRA adapters ({@code model.lora.*}) or full fine-tuning. Saved policies of either kind
 * load back by what their directory holds.
 */
public final class ModelPolicyFactory implements PolicyFactory {

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        if (config.model().kind().equals("hf")) {
            return hf(config);
        }
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
                .optGoalCopy(m.goalCopy())
                .build();
        return TransformerPolicy.create(model, prompt(config.prompt()), tokenizer, config.seed());
    }

    /** A pretrained decoder: fresh adapters (seeded by the run's seed) or every weight trainable. */
    private static Policy hf(TrainConfig config) {
        ModelConfig m = config.model();
        Tuning tuning = m.tuning().equals("full") ? Tuning.full()
                : Tuning.lora(m.lora().rank(), m.lora().alpha(), m.lora().targets(), config.seed());
        return HfPolicy.load(new HfPolicy.Options(Path.of(m.path()), tuning, prompt(config.prompt()),
                m.contextLength(), m.instruction()));
    }

    @Override
    public Policy load(Path dir) {
        return HfPolicy.isSaved(dir) ? HfPolicy.loadSaved(dir) : TransformerPolicy.load(dir);
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
