package dev.untangle.rl;

import dev.untangle.config.PromptOptions;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.HistoryMode;
import dev.untangle.policy.Policy;
import dev.untangle.policy.PromptConfig;
import java.nio.file.Path;

/**
 * The policy the {@code model} section names, built by the kind registered under {@code model.kind}
 * ({@link ModelKinds}); saved policies of any kind load back by what their directory holds. Also turns the
 * {@code prompt} section into the policy's own {@link PromptConfig}.
 */
public final class ModelPolicyFactory implements PolicyFactory {

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        return ModelKinds.get(config.model().kind()).create(config, suite);
    }

    @Override
    public Policy load(Path dir) {
        return ModelKinds.load(dir);
    }

    /** The policy's prompt configuration from the {@code prompt} section. */
    public static PromptConfig prompt(PromptOptions p) {
        return PromptConfig.builder()
                .optHistory(switch (p.history()) {
                    case WINDOW -> HistoryMode.WINDOW;
                    case FULL -> HistoryMode.FULL;
                })
                .optWindow(p.window())
                .optShowAdmissible(p.admissible())
                .optMaxPromptTokens(p.maxTokens())
                .optMaxTextTokens(p.maxTextTokens())
                .optGoalEachTurn(p.goalEachTurn())
                .build();
    }
}
