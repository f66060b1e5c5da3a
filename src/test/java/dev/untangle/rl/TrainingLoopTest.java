package dev.untangle.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.report.JsonlMetricsSink;
import dev.untangle.config.ConfigTree;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop on the tiny world: it learns, resumes exactly, and survives environment failures. */
class TrainingLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TrainConfig config(String... extra) {
        List<String> o = new ArrayList<>(List.of(
                "seed=3", "env.name=tiny", "sft.enabled=false",
                "rollout.group_size=4", "rollout.groups=4", "rollout.max_steps=4", "rollout.decoding=constrained",
                "rollout.max_action_tokens=3",
                "algorithm.iterations=12", "algorithm.minibatch_size=32", "algorithm.epochs=2",
                "algorithm.normalization=mean_std",
                "optim.lr=0.1", "optim.warmup_steps=0", "optim.max_grad_norm=5",
                "eval.splits=[L0]", "eval.episodes=9", "eval.max_steps=4", "checkpoint.every=2", "checkpoint.keep=2"));
        o.addAll(List.of(extra));
        return TrainConfig.read(ConfigTree.empty().withOverrides(o));
    }

    static GrpoLoop.Result train(TrainConfig cfg, EnvironmentSuite suite, Path dir, boolean resume,
                                 List<GrpoLoop.IterationListener> listeners) {
        return train(cfg, suite, new TinyFactory(), dir, resume, listeners);
    }

    /** A run of {@code factory}'s policies into {@code dir} with plain JSONL metrics. */
    static GrpoLoop.Result train(TrainConfig cfg, EnvironmentSuite suite, PolicyFactory factory, Path dir,
                                 boolean resume, List<GrpoLoop.IterationListener> listeners) {
        GrpoLoop.SinkFactory sinks = new GrpoLoop.SinkFactory() {
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
        return new GrpoLoop(cfg, suite, factory, new RunDirectory(dir), sinks, Progress.none(), listeners)
                .run(resume);
    }

    static List<JsonNode> metrics(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(RunDirectory.METRICS))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void grpoLearnsTheTinyWorld(@TempDir Path dir) throws Exception {
        GrpoLoop.Result r = train(config(), new TinyWorld(), dir, false, List.of());
        List<JsonNode> m = metrics(dir);
        assertEquals(12, m.size());
        double first = m.get(0).get("rollout/success_rate").asDouble();
        double last = (m.get(10).get("rollout/success_rate").asDouble() + m.get(11).get("rollout/success_rate").asDouble()) / 2;
        assertTrue(first < 0.5, "a random policy should rarely win, got " + first);
        assertTrue(last > 0.8, "GRPO should learn the world, rollout success " + last);
        assertEquals(1.0, r.finalEval().get("L0").successRate(), 1e-9);
        JsonNode eval = JSON.readTree(dir.resolve(RunDirectory.EVAL).toFile());
        assertEquals(9, eval.at("/checkpoints/final/L0/episodes").asInt());
        assertTrue(eval.at("/checkpoints/final/L0/by_type/door/success_rate").isNumber());
        assertTrue(Files.exists(r.finalCheckpoint().resolve("policy/tiny.bin")));
        assertEquals(2, new RunDirectory(dir).iterationCheckpoints().size());   // keep = 2
    }

    @Test
    void gigpoWithKlAndEntropyAlsoLearns(@TempDir Path dir) throws Exception {
        train(config("algorithm.advantage=gigpo", "algorithm.kl_coef=0.01", "algorithm.entropy_coef=0.001",
                "algorithm.aggregation=seq-mean-token-mean"), new TinyWorld(), dir, false, List.of());
        List<JsonNode> m = metrics(dir);
        assertTrue(m.get(11).get("rollout/success_rate").asDouble() > 0.8);
        assertTrue(m.get(11).get("loss/kl").asDouble() > 0);
        assertTrue(m.get(0).get("adv/frac_steps_in_shared_anchors").asDouble() > 0);
    }

    @Test
    void sftColdStartLearnsFromTheExpert(@TempDir Path dir) throws Exception {
        GrpoLoop.Result r = train(config("sft.enabled=true", "sft.epochs=15", "sft.batch_size=9", "sft.lr=0.1",
                "algorithm.iterations=0"), new TinyWorld(), dir, false, List.of());
        JsonNode eval = JSON.readTree(dir.resolve(RunDirectory.EVAL).toFile());
        assertEquals(1.0, eval.at("/checkpoints/sft/L0/success_rate").asDouble(), 1e-9);
        assertEquals(1.0, r.finalEval().get("L0").successRate(), 1e-9);
        assertTrue(Files.exists(dir.resolve(RunDirectory.SFT_METRICS)));
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("algorithm.iterations=5", "algorithm.kl_coef=0.05");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        train(cfg, new TinyWorld(), a, false, List.of());
        GrpoLoop.IterationListener crash = (it, policy, reference, optimizer, adv) -> {
            if (it == 3) {
                throw new IllegalStateException("simulated crash");
            }
            return Map.of();
        };
        assertThrows(IllegalStateException.class, () -> train(cfg, new TinyWorld(), b, false, List.of(crash)));
        assertEquals(3, metrics(b).size());                 // iterations 0..2 logged, 2 checkpointed
        train(cfg, new TinyWorld(), b, true, List.of());
        List<JsonNode> ma = metrics(a);
        List<JsonNode> mb = metrics(b);
        assertEquals(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); i++) {
            Iterator<String> keys = ma.get(i).fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (k.startsWith("time/") || k.endsWith("tokens_per_s")) {
                    continue;
                }
                assertEquals(ma.get(i).get(k), mb.get(i).get(k), "iteration " + i + " key " + k);
            }
        }
        assertTrue(Files.readString(a.resolve("checkpoints/final/policy/tiny.bin").toAbsolutePath(),
                java.nio.charset.StandardCharsets.ISO_8859_1).equals(Files.readString(
                b.resolve("checkpoints/final/policy/tiny.bin"), java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    /**
     * A kill while iteration k's metrics line is written, where iteration k + 1 is a checkpoint and evaluation
     * point: the resumed run has every line and evaluation of the uninterrupted one, no gap (the checkpoint is
     * written only after the line).
     */
    @Test
    void aKillAtAMetricsLineLeavesNoGapAfterResume(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("algorithm.iterations=6", "checkpoint.every=2", "eval.every=2");
        Path a = tmp.resolve("a");
        train(cfg, new TinyWorld(), a, false, List.of());
        for (long killAt : new long[] {1, 3}) {
            Path b = tmp.resolve("b" + killAt);
            GrpoLoop.SinkFactory killing = new GrpoLoop.SinkFactory() {
                @Override
                public MetricsSink metrics(boolean resumed, long iteration) {
                    MetricsSink file = JsonlMetricsSink.create(b.resolve(RunDirectory.METRICS));
                    return new MetricsSink() {
                        @Override
                        public void record(long it, Map<String, Double> scalars) {
                            if (it == killAt) {
                                throw new IllegalStateException("simulated kill at line " + it);
                            }
                            file.record(it, scalars);
                        }

                        @Override
                        public void flush() {
                            file.flush();
                        }

                        @Override
                        public void close() {
                            file.close();
                        }
                    };
                }

                @Override
                public MetricsSink sftMetrics() {
                    return MetricsSink.none();
                }
            };
            assertThrows(IllegalStateException.class, () -> new GrpoLoop(cfg, new TinyWorld(), new TinyFactory(),
                    new RunDirectory(b), killing, Progress.none(), List.of()).run(false));
            train(cfg, new TinyWorld(), b, true, List.of());
            List<JsonNode> ma = metrics(a);
            List<JsonNode> mb = metrics(b);
            assertEquals(ma.size(), mb.size(), "kill at " + killAt);
            for (int i = 0; i < ma.size(); i++) {
                assertEquals(i, mb.get(i).get("iteration").asInt(), "kill at " + killAt + ": lines " + mb);
                assertEquals(ma.get(i).get("loss/total"), mb.get(i).get("loss/total"), "iteration " + i);
                assertEquals(ma.get(i).get("rollout/success_rate"), mb.get(i).get("rollout/success_rate"));
            }
            JsonNode ea = JSON.readTree(a.resolve("eval.json").toFile()).get("checkpoints");
            JsonNode eb = JSON.readTree(b.resolve("eval.json").toFile()).get("checkpoints");
            assertEquals(fieldNames(ea), fieldNames(eb), "kill at " + killAt);
        }
    }

    /** Field names of a JSON object, in order. */
    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void environmentFailuresAreExcludedFromAdvantagesAndLogged(@TempDir Path dir) throws Exception {
        // train tasks 0..3 of 9 fail on their first step
        Set<String> failing = Set.of("train/0", "train/1", "train/2", "train/3");
        List<String> seen = new ArrayList<>();
        GrpoLoop.IterationListener inspect = (it, policy, reference, optimizer, adv) -> {
            adv.samples().forEach(s -> seen.add(s.taskKey()));
            return Map.of();
        };
        train(config("algorithm.iterations=2"), new TinyWorld(Set.of(0, 1, 2, 3)), dir, false, List.of(inspect));
        List<JsonNode> m = metrics(dir);
        double failures = m.get(0).get("rollout/env_failures").asDouble();
        double episodes = m.get(0).get("rollout/episodes").asDouble();
        assertEquals(16, failures + episodes, 1e-9);
        assertTrue(m.stream().anyMatch(n -> n.get("rollout/env_failures").asDouble() > 0));
        assertTrue(!seen.isEmpty() && seen.stream().noneMatch(failing::contains),
                "no step of a failed episode reaches the advantages: " + seen);
        List<String> log = Files.readAllLines(dir.resolve(RunDirectory.ENV_FAILURES));
        assertEquals(m.stream().mapToDouble(n -> n.get("rollout/env_failures").asDouble()).sum(), log.size(), 1e-9);
        JsonNode first = JSON.readTree(log.get(0));
        assertTrue(failing.contains("train/" + first.get("task_id").asInt()), first.toString());
        assertTrue(first.get("error").asText().contains("failed on purpose"), first.toString());
    }

    /** The environment fails every episode (a server down): nothing is trained and the run stops, naming why. */
    @Test
    void anEnvironmentThatFailsEveryEpisodeStopsTheRun(@TempDir Path dir) throws Exception {
        Set<Integer> all = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8);
        dev.untangle.env.EnvironmentException e = assertThrows(dev.untangle.env.EnvironmentException.class,
                () -> train(config("algorithm.iterations=3", "rollout.max_failed_attempts=2"), new TinyWorld(all), dir,
                        false, List.of()));
        assertTrue(e.getMessage().contains("2 attempts in a row (rollout.max_failed_attempts)")
                && e.getMessage().contains("failed on purpose") && e.getMessage().contains(RunDirectory.ENV_FAILURES),
                e.getMessage());
        assertTrue(!Files.exists(dir.resolve(RunDirectory.METRICS)) || metrics(dir).isEmpty(),
                "an attempt whose episodes all failed is not a trained iteration");
        assertEquals(2 * 16, Files.readAllLines(dir.resolve(RunDirectory.ENV_FAILURES)).size());
    }

    /**
     * A run that stops while its SFT policy is being evaluated keeps the SFT checkpoint (it is saved before the
     * evaluation); the resumed run evaluates that policy and goes on exactly as an uninterrupted run.
     */
    @Test
    void aCrashWhileEvaluatingSftKeepsTheColdStart(@TempDir Path tmp) throws Exception {
        TrainConfig cfg = config("sft.enabled=true", "sft.epochs=3", "sft.batch_size=9", "algorithm.iterations=2");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        train(cfg, new TinyWorld(), a, false, List.of());
        EnvironmentSuite failingEval = new FailingSplit(new TinyWorld(), "L0");
        assertThrows(IllegalStateException.class, () -> train(cfg, failingEval, b, false, List.of()));
        assertTrue(Files.exists(b.resolve("checkpoints/sft").resolve(TrainingState.FILE)),
                "the SFT checkpoint exists although its evaluation failed");
        train(cfg, new TinyWorld(), b, true, List.of());
        JsonNode ea = JSON.readTree(a.resolve(RunDirectory.EVAL).toFile());
        JsonNode eb = JSON.readTree(b.resolve(RunDirectory.EVAL).toFile());
        assertEquals(ea.at("/checkpoints/sft/L0/task_outcomes"), eb.at("/checkpoints/sft/L0/task_outcomes"));
        assertEquals(ea.at("/checkpoints/final/L0/task_outcomes"), eb.at("/checkpoints/final/L0/task_outcomes"));
        assertEquals(metrics(a).size(), metrics(b).size());
    }

    /**
     * A suite whose split {@code failing} cannot be read once the expert has been asked for demonstrations: the
     * run's checks of its splits pass, the evaluation after SFT crashes.
     */
    private static final class FailingSplit implements EnvironmentSuite {
        private final EnvironmentSuite inner;
        private final String failing;
        private boolean demonstrated;

        FailingSplit(EnvironmentSuite inner, String failing) {
            this.inner = inner;
            this.failing = failing;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<dev.untangle.env.SplitInfo> splits() {
            return inner.splits();
        }

        @Override
        public dev.untangle.env.SplitInfo split(String name) {
            if (demonstrated && name.equals(failing)) {
                throw new IllegalStateException("simulated crash while evaluating " + name);
            }
            return inner.split(name);
        }

        @Override
        public dev.untangle.env.TaskSpec task(String split, int taskId) {
            return inner.task(split, taskId);
        }

        @Override
        public boolean reportsProgress() {
            return inner.reportsProgress();
        }

        @Override
        public List<String> taskTypes() {
            return inner.taskTypes();
        }

        @Override
        public dev.untangle.env.TextEnvironment create() {
            return inner.create();
        }

        @Override
        public java.util.Optional<dev.untangle.env.Expert> expert(String name) {
            demonstrated = true;
            return inner.expert(name);
        }

        @Override
        public List<String> corpus() {
            return inner.corpus();
        }

        @Override
        public boolean closedVocabulary() {
            return inner.closedVocabulary();
        }

        @Override
        public List<String> experts() {
            return inner.experts();
        }
    }
}
