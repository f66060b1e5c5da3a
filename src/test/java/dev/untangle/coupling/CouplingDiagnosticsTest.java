package dev.untangle.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.policy.Policy;
import dev.untangle.report.JsonlMetricsSink;
import dev.untangle.rl.GrpoLoop;
import dev.untangle.rl.MetricsSink;
import dev.untangle.rl.Progress;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.TinyFactory;
import dev.untangle.rl.TinyPolicyAccess;
import dev.untangle.rl.TinyWorld;
import dev.untangle.rl.loss.AdamW;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostics on the tiny world: first-order dynamics, the probe set, and the training hook. */
class CouplingDiagnosticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TrainConfig config(String... extra) {
        List<String> o = new ArrayList<>(List.of(
                "seed=5", "env.name=tiny", "sft.enabled=false",
                "rollout.group_size=4", "rollout.groups=4", "rollout.max_steps=4", "rollout.decoding=constrained",
                "rollout.max_action_tokens=3", "algorithm.iterations=3", "algorithm.minibatch_size=16",
                "algorithm.epochs=1", "algorithm.normalization=mean_std", "optim.lr=0.1", "optim.warmup_steps=0",
                "eval.splits=[L0]", "eval.episodes=3", "eval.max_steps=4", "checkpoint.every=0",
                "diagnostics.probe_groups=6", "diagnostics.probe_samples=24", "diagnostics.similar_threshold=0.3",
                "diagnostics.probe_folds=2"));
        o.addAll(List.of(extra));
        return TrainConfig.read(ConfigTree.empty().withOverrides(o));
    }

    @Test
    void predictedAndMeasuredChangesAgreeToFirstOrderForASmallStep() {
        TrainConfig cfg = config("optim.lr=1e-4", "optim.max_grad_norm=0");
        try (Policy policy = TinyPolicyAccess.create(3)) {
            ProbeSet probes = ProbeSet.collect(new TinyWorld(), policy, cfg, "L0", 6, 24, 1);
            ProbeSet batch = ProbeSet.collect(new TinyWorld(), policy, cfg, "train", 9, 16, 2);
            assertTrue(!batch.samples().isEmpty(), "update samples with A != 0");
            assertTrue(probes.samples().size() >= 8, "probe steps with A != 0: " + probes.samples().size());
            float[] before = policy.parameters().get(0).getArray().toFloatArray();
            DiagnosticsReport r;
            try (AdamW optimizer = new AdamW(policy.parameters(), cfg.optim())) {
                r = new CouplingDiagnostics(cfg).measure(policy, null, optimizer, probes.samples(), batch.samples(), 4);
                assertEquals(0, optimizer.steps());                                   // the run's optimiser untouched
            }
            assertEquals(before[5], policy.parameters().get(0).getArray().toFloatArray()[5], 0.0); // policy untouched
            assertNotNull(r.dynamics());
            assertTrue(r.dynamics().correlation() > 0.999, "correlation " + r.dynamics().correlation());
            double maxMeasured = 0;
            for (double m : r.measured()) {
                maxMeasured = Math.max(maxMeasured, Math.abs(m));
            }
            assertTrue(maxMeasured > 1e-5, "the step must move the probes");
            for (int k = 0; k < r.samples(); k++) {
                assertEquals(r.measured().get(k), r.predicted().get(k), 0.02 * maxMeasured + 1e-6, "probe " + k);
            }
            assertEquals(r.dynamics().harmfulRate(), r.dynamics().harmfulRatePredicted(), 0.1);
            assertEquals(r.samples(), r.advantages().size());
            assertTrue(Double.isFinite(r.coupling().couplingIndex()), "similar opposite-sign pairs must exist");
            assertEquals(r.pairCosines().similarOpposite(), r.coupling().couplingIndex(), 1e-12);
            assertTrue(r.textSimilarity().pairs() > 0);
        }
    }

    @Test
    void theProbeSetRoundTripsThroughItsFile(@TempDir Path dir) {
        TrainConfig cfg = config();
        try (Policy policy = TinyPolicyAccess.create(4)) {
            ProbeSet p = ProbeSet.collect(new TinyWorld(), policy, cfg, "L0", 4, 10, 9);
            assertTrue(p.samples().stream().allMatch(s -> s.advantage() != 0));
            assertTrue(p.samples().size() <= 10);
            Path file = dir.resolve(ProbeSet.FILE);
            p.save(file);
            ProbeSet q = ProbeSet.load(file);
            assertEquals(p.samples().size(), q.samples().size());
            for (int i = 0; i < p.samples().size(); i++) {
                assertEquals(p.samples().get(i).advantage(), q.samples().get(i).advantage(), 0.0);
                assertEquals(p.samples().get(i).anchorObservation(), q.samples().get(i).anchorObservation());
                assertTrue(java.util.Arrays.equals(p.samples().get(i).promptTokens(), q.samples().get(i).promptTokens()));
            }
            assertEquals(p.advantages().length, ProbeSet.collect(new TinyWorld(), policy, cfg, "L0", 4, 10, 9)
                    .advantages().length);                                              // seeded
        }
    }

    @Test
    void theTrainingHookLogsCouplingMetricsAndDoesNotChangeTraining(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("diagnostics.every=2", "algorithm.kl_coef=0.05");
        Path plain = tmp.resolve("plain");
        Path diag = tmp.resolve("diag");
        train(cfg, plain, List.of());
        train(cfg, diag, List.of(new DiagnosticsListener(cfg, new TinyWorld(), new RunDirectory(diag))));
        List<JsonNode> a = metrics(plain);
        List<JsonNode> b = metrics(diag);
        assertEquals(3, b.size());
        for (int i = 0; i < a.size(); i++) {
            Iterator<String> keys = a.get(i).fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!k.startsWith("time/") && !k.endsWith("tokens_per_s")) {
                    assertEquals(a.get(i).get(k), b.get(i).get(k), "iteration " + i + " key " + k);
                }
            }
        }
        for (String k : List.of("coupling/index", "coupling/harmful_rate", "coupling/goodbad_cosine")) {
            assertTrue(b.get(0).has(k) && b.get(2).has(k), k);
            assertTrue(!b.get(1).has(k), "iteration 1 is not measured: " + k);
        }
        assertTrue(b.get(0).get("coupling/harmful_rate").isNumber());
        assertTrue(Files.exists(diag.resolve(ProbeSet.FILE)));
        assertTrue(Files.exists(diag.resolve("diagnostics/iter-000002.json")));
        assertTrue(b.get(0).has("time/coupling_probe_collection_s") && !b.get(2).has("time/coupling_probe_collection_s"));
    }

    /** Plain JSONL sinks in {@code dir} (a fresh run). */
    static GrpoLoop.SinkFactory sinks(Path dir) {
        return new GrpoLoop.SinkFactory() {
            @Override
            public MetricsSink metrics(boolean resumed, long iteration) {
                return resumed ? JsonlMetricsSink.resume(dir.resolve(RunDirectory.METRICS), iteration)
                        : JsonlMetricsSink.create(dir.resolve(RunDirectory.METRICS));
            }

            @Override
            public MetricsSink sftMetrics() {
                return JsonlMetricsSink.create(dir.resolve(RunDirectory.SFT_METRICS));
            }
        };
    }

    private static void train(TrainConfig cfg, Path dir, List<GrpoLoop.IterationListener> listeners) {
        new GrpoLoop(cfg, new TinyWorld(), new TinyFactory(), new RunDirectory(dir), sinks(dir),
                Progress.none(), listeners).run(false);
    }

    private static List<JsonNode> metrics(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunDirectory.METRICS))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
