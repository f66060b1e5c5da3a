package dev.untangle.rl;

import dev.untangle.config.PromptOptions.History;
import dev.untangle.config.SftConfig;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.policy.ScoreRequest;
import dev.untangle.rl.gcd.CriticData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SFT cold start of a run, top to bottom (docs/ALGORITHMS.md "SFT cold start", "Cold start with critic data",
 * "DAgger rounds"): the expert's demonstrations, the GCD critic examples when {@code sft.critic_data} is on,
 * behaviour cloning on both, then {@code sft.dagger_rounds} rounds in which the policy plays, the expert labels
 * the states it reached and training goes on over the aggregate.
 */
final class ColdStart {

    private static final Logger LOG = LoggerFactory.getLogger(ColdStart.class);
    /** Mixed into the run's seed for the cold start's own random source (minibatch order, DAgger sampling). */
    private static final long SFT_SEED_SALT = 0x5f7_5eedL;

    private final TrainConfig cfg;
    private final EnvironmentSuite suite;
    private final Progress progress;
    private final boolean fullHistory;

    ColdStart(TrainConfig cfg, EnvironmentSuite suite, Progress progress) {
        this.cfg = cfg;
        this.suite = suite;
        this.progress = progress;
        this.fullHistory = cfg.prompt().history() == History.FULL;
    }

    /**
     * Trains {@code policy} in place.
     *
     * @param decoding   how the policy plays in the DAgger rounds (the evaluation's decoding)
     * @param sftMetrics receives one record per epoch, DAgger epochs continuing the count
     */
    void train(Policy policy, Decoding decoding, MetricsSink sftMetrics) {
        SftConfig s = cfg.sft();
        SftTrainer sft = new SftTrainer(s, cfg.optim(), cfg.rollout().maxSteps());
        Dagger dagger = s.daggerRounds() > 0 ? new Dagger(suite, s.expert(), cfg.rollout().maxSteps()) : null;
        List<List<ScoreRequest>> demos = new ArrayList<>();
        for (List<ScoreRequest> episode : sft.demonstrationEpisodes(suite, cfg.env().trainSplit(), policy)) {
            add(demos, episode);
        }
        if (s.critic().enabled()) {                                                    // GCD cold start
            CriticData.Result critic = new CriticData(suite, s.expert(), s.critic(), cfg.rollout().maxSteps())
                    .build(cfg.env().trainSplit(), s.critic().taskCount(s.tasks()), policy,
                            cfg.algorithm().gcd().verdictQuery());
            LOG.info("SFT critic data: {} good, {} bad, {} progressing negatives skipped", critic.good(),
                    critic.bad(), critic.skipped());
            demos.addAll(critic.units(fullHistory));                                    // shared rows
        }
        Random rng = new Random(cfg.seed() ^ SFT_SEED_SALT);
        sft.train(policy, demos, rng, sftMetrics, progress);                            // behaviour cloning
        if (dagger == null) {
            return;
        }
        String split = cfg.env().trainSplit();
        int size = suite.split(split).size();
        int demonstrated = s.tasks() == 0 ? size : Math.min(size, s.tasks());
        int n = s.daggerTasks() == 0 ? demonstrated : s.daggerTasks();
        int epoch = s.epochs();
        for (int round = 1; round <= s.daggerRounds(); round++) {                       // DAgger
            Dagger.Round r = dagger.collect(policy, Dagger.roundTasks(split, size, demonstrated, n, round),
                    decoding, rng);
            r.episodes().forEach(episode -> add(demos, episode));
            LOG.info(String.format(Locale.ROOT, "DAgger round %d/%d: the policy won %d of %d episodes; the expert "
                    + "relabelled %d states, agreeing with the policy on %.1f%%", round, s.daggerRounds(), r.won(),
                    r.episodes().size(), r.steps(), 100.0 * r.agreed() / Math.max(1, r.steps())));
            sft.train(policy, demos, s.daggerEpochs(), epoch, "dagger " + round, rng, sftMetrics, progress);
            epoch += s.daggerEpochs();
        }
    }

    /** An episode as minibatch units: whole (one packed pass) in the full history mode, else step by step. */
    private void add(List<List<ScoreRequest>> demos, List<ScoreRequest> episode) {
        if (fullHistory) {
            demos.add(episode);
        } else {
            demos.addAll(Minibatches.singletons(episode));
        }
    }

}
