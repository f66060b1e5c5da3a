package dev.untangle.rl;

import dev.untangle.config.ModelConfig;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import dev.untangle.policy.TransformerConfig;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.policy.WordTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code model.kind: transformer}: the built-in decoder-only transformer, whose vocabulary is built from the
 * suite's corpus (or, when the suite cannot enumerate its text, from the first observations and commands of its
 * training tasks), then frozen.
 */
final class TransformerKind implements ModelKind {

    @Override
    public String name() {
        return "transformer";
    }

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
                .optGoalCopy(m.goalCopy())
                .build();
        return TransformerPolicy.create(model, ModelPolicyFactory.prompt(config.prompt()), tokenizer, config.seed());
    }

    @Override
    public boolean holds(Path dir) {
        return Files.isRegularFile(dir.resolve(TransformerPolicy.MODEL_FILE));
    }

    @Override
    public Policy load(Path dir) {
        return TransformerPolicy.load(dir);
    }
}
