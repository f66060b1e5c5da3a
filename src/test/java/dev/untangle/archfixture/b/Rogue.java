package dev.untangle.archfixture.b;

import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import dev.untangle.policy.TransformerPolicy;
import dev.untangle.rl.ModelKind;
import dev.untangle.rl.advantage.AdvantageEstimator;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.advantage.GrpoEstimator;
import dev.untangle.rl.loss.EntropyBonus;
import dev.untangle.rl.loss.LossTerm;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/** Fixture: reaches an estimator, a loss term, a model kind and a policy without their registries. */
public final class Rogue {

    private Rogue() {
    }

    /** An estimator by constructor reference instead of {@code AdvantageEstimators}. */
    public static Function<AdvantageSettings, AdvantageEstimator> estimator() {
        return GrpoEstimator::new;
    }

    /** A loss term by constructor call instead of {@code LossTerms}. */
    public static Supplier<LossTerm> lossTerm() {
        return () -> new EntropyBonus(0.01);
    }

    /** A policy loaded by its class instead of {@code ModelKinds}. */
    public static Function<Path, TransformerPolicy> loader() {
        return TransformerPolicy::load;
    }

    /** A model kind of its own, outside {@code ModelKinds}. */
    public static ModelKind modelKind() {
        return new ModelKind() {
            @Override
            public String name() {
                return "rogue";
            }

            @Override
            public Policy create(TrainConfig config, EnvironmentSuite suite) {
                throw new UnsupportedOperationException("fixture");
            }

            @Override
            public boolean holds(Path dir) {
                return false;
            }

            @Override
            public Policy load(Path dir) {
                throw new UnsupportedOperationException("fixture");
            }
        };
    }
}
