package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.policy.Policy;
import dev.untangle.rl.GrpoLoop;
import dev.untangle.rl.ModelPolicyFactory;
import dev.untangle.rl.PolicyUpdater;
import dev.untangle.rl.Progress;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.loss.LossAggregation;
import dev.untangle.rl.loss.LossTerms;
import dev.untangle.rl.trajectory.StepSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost of each diagnostic on the built-in transformer and the household world (docs/BENCHMARKS.md,
 * "Diagnostics"). Off by default; run with
 * {@code mvn -o -q test -Dtest=DiagnosticsBenchmarkTest -Duntangle.bench=true}. Prints timings; asserts only
 * that the measurements were made.
 */
@EnabledIfSystemProperty(named = "untangle.bench", matches = "true",
        disabledReason = "an opt-in benchmark: run it with -Duntangle.bench=true")
class DiagnosticsBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPEATS = 1;

    static TrainConfig config(String... extra) {
        List<String> o = new ArrayList<>(List.of("sft.enabled=false", "rollout.decoding=free", "rollout.groups=4",
                "algorithm.iterations=2", "eval.splits=[L0]", "eval.episodes=1", "checkpoint.every=0"));
        o.addAll(List.of(extra));
        return TrainConfig.read(ConfigTree.load(Path.of("configs/default.yaml")).withOverrides(o));
    }

    @Test
    void costOfEachDiagnostic(@TempDir Path dir) throws Exception {
        TrainConfig cfg = config();
        EnvironmentSuite suite = Environments.create(cfg.env().name(), cfg.env().options());
        try (Policy policy = new ModelPolicyFactory().create(cfg, suite)) {
            List<StepSample> batch = ProbeSet.play(suite, policy, cfg, cfg.env().trainSplit(), 4, new Random(1));
            List<StepSample> s64 = batch.subList(0, 64);
            double tokens = s64.stream().mapToDouble(s -> s.promptTokens().length + s.actionLength()).sum() / 64;
            System.out.printf(Locale.ROOT, "model: %d parameters; 64 samples, %.1f tokens each on average%n",
                    policy.parameterCount(), tokens);
            PolicyUpdater step = new PolicyUpdater(LossTerms.active(cfg.algorithm()),
                    LossAggregation.of(cfg.algorithm().aggregation()), 1, 64, cfg.optim().maxGradNorm());
            double[][] train = new double[2][REPEATS + 1];
            double[][] exact = new double[2][REPEATS + 1];
            double[][] sketch = new double[2][REPEATS + 1];
            try (Policy copy = policy.copy(); AdamW opt = new AdamW(copy.parameters(), cfg.optim())) {
                for (int r = 0; r <= REPEATS; r++) {                    // r = 0 warms up
                    int rep = r;
                    time(train, r, () -> step.update(copy, null, s64, opt, new Random(rep)));
                    time(exact, r, () -> {
                        try (PerSampleGradients.Result g = PerSampleGradients.compute(policy,
                                PolicyUpdater.requests(s64), null)) {
                            g.gradients().cosines();
                        }
                    });
                    time(sketch, r, () -> {
                        try (PerSampleGradients.Result g = PerSampleGradients.compute(policy,
                                PolicyUpdater.requests(s64), new GradientSketch(256, 1))) {
                            g.gradients().cosines();
                        }
                    });
                }
            }
            System.out.printf(Locale.ROOT, "median of %d, wall s / process CPU s: batched training step on 64 samples "
                            + "%.3f / %.3f; exact per-sample gradients + cosines %.3f / %.3f (%.2fx / %.2fx); sketch k=256 "
                            + "%.3f / %.3f (%.2fx / %.2fx)%n", REPEATS, median(train[0]), median(train[1]),
                    median(exact[0]), median(exact[1]), median(exact[0]) / median(train[0]),
                    median(exact[1]) / median(train[1]), median(sketch[0]), median(sketch[1]),
                    median(sketch[0]) / median(train[0]), median(sketch[1]) / median(train[1]));
        }

        // --- in the training loop: every iteration measured, to read the overhead per measurement ----------
        Path run = dir.resolve("run");
        TrainConfig loopCfg = config("diagnostics.every=1");
        new GrpoLoop(loopCfg, suite, new ModelPolicyFactory(), new RunDirectory(run), CouplingDiagnosticsTest.sinks(run),
                Progress.none(), List.of(new DiagnosticsListener(loopCfg, suite, new RunDirectory(run)))).run(false);
        List<String> lines = Files.readAllLines(run.resolve(RunDirectory.METRICS));
        double diag = 0;
        double rest = 0;
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            System.out.println("iteration " + n.get("iteration") + ": " + timeKeys(n));
            if (n.get("iteration").asInt() > 0) {                                // iteration 0 also collects probes
                diag += n.get("time/diagnostics_s").asDouble();
                rest += n.get("time/iteration_s").asDouble() - n.get("time/diagnostics_s").asDouble();
            }
        }
        System.out.printf(Locale.ROOT, "per measurement %.2f s against %.2f s of training per iteration: overhead at "
                + "every=10 %.1f%%, at every=1 %.1f%%%n", diag / (lines.size() - 1), rest / (lines.size() - 1),
                100 * diag / (10 * rest), 100 * diag / rest);
        assertTrue(lines.size() == 2 && lines.get(0).contains("coupling/probe_samples"));
    }

    private static String timeKeys(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        n.fieldNames().forEachRemaining(k -> {
            if (k.startsWith("time/") || k.equals("coupling/probe_samples") || k.equals("coupling/index")
                    || k.equals("coupling/harmful_rate") || k.equals("coupling/goodbad_cosine")
                    || k.equals("rollout/episode_steps")) {
                sb.append(String.format(Locale.ROOT, "%s=%.3f ", k, n.get(k).asDouble()));
            }
        });
        return sb.toString();
    }

    /** Records wall seconds in {@code out[0][r]} and process CPU seconds (all threads, native included) in out[1][r]. */
    private static void time(double[][] out, int r, Runnable work) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        work.run();
        out[0][r] = (System.nanoTime() - t) / 1e9;
        out[1][r] = (os.getProcessCpuTime() - cpu) / 1e9;
    }

    private static double median(double[] withWarmup) {
        double[] v = Arrays.copyOfRange(withWarmup, 1, withWarmup.length);
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
