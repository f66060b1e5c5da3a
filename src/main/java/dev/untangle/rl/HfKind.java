package dev.untangle.rl;

import dev.untangle.config.ModelConfig;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import dev.untangle.policy.hf.HfPolicy;
import dev.untangle.policy.hf.Tuning;
import java.nio.file.Path;

/**
 * {@code model.kind: hf}: a pretrained Hugging Face decoder from {@code model.path}, with fresh LoRA adapters
 * ({@code model.lora.*}, seeded by the run's seed) or every weight trainable ({@code model.tuning: full}).
 */
final class HfKind implements ModelKind {

    @Override
    public String name() {
        return "hf";
    }

    @Override
    public Policy create(TrainConfig config, EnvironmentSuite suite) {
        ModelConfig m = config.model();
        Tuning tuning = switch (m.tuning()) {
            case FULL -> Tuning.full();
            case LORA -> Tuning.lora(m.lora().rank(), m.lora().alpha(), m.lora().targets(), config.seed());
        };
        return HfPolicy.load(new HfPolicy.Options(Path.of(m.path()), tuning,
                ModelPolicyFactory.prompt(config.prompt()), m.contextLength(), m.instruction()));
    }

    @Override
    public boolean holds(Path dir) {
        return HfPolicy.isSaved(dir);
    }

    @Override
    public Policy load(Path dir) {
        return HfPolicy.loadSaved(dir);
    }
}
