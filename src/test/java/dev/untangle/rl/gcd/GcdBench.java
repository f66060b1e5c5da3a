package dev.untangle.rl.gcd;

import dev.untangle.config.ConfigTree;
import dev.untangle.config.RolloutConfig.DecodingMode;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.rl.PolicyUpdater;
import dev.untangle.rl.RolloutCollector;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.advantage.AdvantageEstimators;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.GcdLoss;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossTerm;
import dev.untangle.rl.loss.LossTerms;
import dev.untangle.rl.trajectory.StepSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The benchmark of GCD's extra training cost (docs/BENCHMARKS.md), not a test. Loads a checkpoint and
 * its run's configuration, collects one iteration of rollouts, labels every step by outcome (all rows get a
 * verdict: the most expensive case), then times one update pass over the same samples for: plain GRPO
 * ({@code ppo_clip}), GRPO + GCD with prefix sharing, GRPO + GCD with a separate classification forward,
 * interleaved for REPS rounds. Usage: {@code GcdBench CHECKPOINT_OR_RUN_DIR REPS}.
 */
final class GcdBench {

    private GcdBench() {
    }

    /** Runs the benchmark and prints one line per variant. */
    public static void main(String[] args) {
        RunDirectory.SavedPolicy saved = RunDirectory.locate(Path.of(args[0]));
        int reps = Integer.parseInt(args[1]);
        TrainConfig cfg = TrainConfig.read(ConfigTree.load(saved.configFile()));
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        try (Policy policy = new GcdExperiment.Transformers().load(saved.policyDir())) {
            Decoding sampling = new Decoding(cfg.rollout().decoding() == DecodingMode.CONSTRAINED, false,
                    cfg.rollout().temperature(), cfg.rollout().maxActionTokens());
            RolloutCollector collector = new RolloutCollector(new EpisodePlayer(suite, cfg.rollout().maxSteps(), 1),
                    cfg.env().trainSplit(), cfg.rollout().groupSize(), sampling);
            List<Integer> tasks = new ArrayList<>();
            for (int g = 0; g < cfg.rollout().groups(); g++) {
                tasks.add(g);
            }
            List<StepSample> samples = AdvantageEstimators.create(cfg.algorithm().advantage(),
                    AdvantageSettings.of(cfg)).estimate(collector.collect(policy, tasks, new Random(1))
                    .episodes()).samples();
            long tokens = 0;
            for (StepSample s : samples) {
                tokens += s.promptTokens().length + s.actionLength();
            }
            List<String> names = List.of("grpo", "grpo+gcd(at action end)", "grpo+gcd(shared prefix)",
                    "grpo+gcd(separate forward)");
            List<List<LossTerm>> variants = List.of(
                    List.of(LossTerms.create("ppo_clip", cfg.algorithm())),
                    List.of(LossTerms.create("ppo_clip", cfg.algorithm()), new GcdLoss(GcdFixtures.config(
                            "label_source=outcome", "share_prefix=true", "verdict_at=action_end"))),
                    List.of(LossTerms.create("ppo_clip", cfg.algorithm()), new GcdLoss(GcdFixtures.config(
                            "label_source=outcome", "share_prefix=true", "verdict_at=query"))),
                    List.of(LossTerms.create("ppo_clip", cfg.algorithm()), new GcdLoss(GcdFixtures.config(
                            "label_source=outcome", "share_prefix=false", "verdict_at=query"))));
            double[][] seconds = new double[variants.size()][reps];
            try (AdamW opt = new AdamW(policy.parameters(), cfg.optim())) {
                Random rng = new Random(2);
                for (int r = -1; r < reps; r++) {                      // r = -1: warm-up round, not timed
                    for (int v = 0; v < variants.size(); v++) {
                        PolicyUpdater u = new PolicyUpdater(variants.get(v), LossAggregation.of(
                                cfg.algorithm().aggregation()), 1, cfg.algorithm().minibatchSize(), 1.0);
                        long t0 = System.nanoTime();
                        u.update(policy, null, samples, opt, rng);
                        if (r >= 0) {
                            seconds[v][r] = (System.nanoTime() - t0) / 1e9;
                        }
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%d step samples, %d prompt+action tokens, minibatch %d, %d rounds%n",
                    samples.size(), tokens, cfg.algorithm().minibatchSize(), reps);
            double base = median(seconds[0]);
            for (int v = 0; v < variants.size(); v++) {
                double m = median(seconds[v]);
                System.out.printf(Locale.ROOT, "%-28s median %.3f s per pass (%.0f tokens/s), x%.2f of grpo%n",
                        names.get(v), m, tokens / m, m / base);
            }
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
