package dev.untangle.cli;

import dev.untangle.config.RolloutConfig.DecodingMode;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.eval.EvalResult;
import dev.untangle.eval.Evaluator;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.rl.GrpoLoop;
import dev.untangle.rl.PolicyFactory;
import dev.untangle.rl.RunDirectory;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code untangle eval}: success of a saved policy on a split, overall and per task type. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint (DIR/policy) or a run directory (its final checkpoint) on a split.")
public final class EvalCommand implements Callable<Integer> {

    private final PolicyFactory factory;

    @Spec
    CommandSpec spec;

    @Mixin
    SavedRunOptions run = new SavedRunOptions();

    @Option(names = "--split", required = true, paramLabel = "S", description = "split, for example L0")
    String split;

    @Option(names = "--episodes", paramLabel = "N",
            description = "tasks to play, the first N ids of the split (0: all; default: the run's eval.episodes)")
    Integer episodes;

    @Option(names = "--sampled", description = "sample at the run's rollout temperature (default: as the run "
            + "evaluated, eval.greedy)")
    boolean sampled;

    @Option(names = "--greedy", description = "take the most likely tokens (default: as the run evaluated)")
    boolean greedy;

    @Option(names = "--seed", description = "seed of sampled decoding (default: the seed the run's own evaluation "
            + "of this split used)")
    Long seed;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--transcripts", paramLabel = "FILE",
            description = "also write every episode (observations, actions, outcome) as JSON lines to FILE")
    java.nio.file.Path transcripts;

    /** Creates the command with the policy implementation to load. */
    public EvalCommand(PolicyFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() {
        if (episodes != null && episodes < 0) {
            throw new UserError("--episodes must be >= 0, got " + episodes);
        }
        if (sampled && greedy) {
            throw new UserError("--sampled and --greedy exclude each other");
        }
        RunDirectory.SavedPolicy saved = run.saved();
        TrainConfig cfg = run.config(saved);
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        suite.split(split);
        // by default exactly the run's own evaluation of this split: its episodes, decoding and seed
        int n = episodes != null ? episodes : cfg.eval().episodes();
        boolean isGreedy = greedy || (!sampled && cfg.eval().greedy());
        int index = cfg.eval().splits().indexOf(split);
        long s = seed != null ? seed : GrpoLoop.evalSeed(cfg, index < 0 ? cfg.eval().splits().size() : index);
        Decoding decoding = new Decoding(cfg.rollout().decoding() == DecodingMode.CONSTRAINED, isGreedy,
                cfg.rollout().temperature(), cfg.rollout().maxActionTokens());
        EvalResult r;
        try (Policy policy = factory.load(saved.policyDir())) {
            Evaluator evaluator = new Evaluator(suite, cfg.eval().maxSteps(), cfg.rollout().episodesPerIteration());
            long t0 = System.nanoTime();
            java.util.List<dev.untangle.eval.PlayedEpisode> played = evaluator.play(policy, split, n, decoding, s);
            if (transcripts != null) {                      // also when nothing was played: they hold the errors
                dev.untangle.eval.Transcripts.write(transcripts, played);
            }
            Evaluator.requirePlayed(split, played);         // a server that is down: an error, not success NaN
            r = Evaluator.summarize(split, isGreedy ? "greedy" : "sampled", played, suite.taskTypes())
                    .withSeconds((System.nanoTime() - t0) / 1e9);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r.toJson());
        } else {
            out.printf(Locale.ROOT, "%s: success %.3f over %d episodes (%s), mean steps %.2f, valid actions %.3f, "
                    + "mean environment return %.3f%n", r.split(), r.successRate(), r.episodes(), r.mode(),
                    r.meanSteps(), r.validActionRatio(), r.meanEnvReturn());
            boolean asRun = episodes == null && !sampled && !greedy && seed == null && index >= 0;
            out.printf("  settings: %s episodes, %s%s%s%n", n == 0 ? "all" : Integer.toString(n), r.mode(),
                    isGreedy ? "" : ", seed " + s, asRun ? " (the run's own evaluation of " + split + ")" : "");
            for (Map.Entry<String, EvalResult.TypeResult> e : r.byType().entrySet()) {
                out.printf("  %-28s %.3f (%d)%n", e.getKey(), e.getValue().successRate(), e.getValue().episodes());
            }
            out.flush();
        }
        return 0;
    }
}
