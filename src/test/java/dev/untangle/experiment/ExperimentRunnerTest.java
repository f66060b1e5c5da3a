package dev.untangle.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.config.ConfigException;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.MetricKeys;
import dev.untangle.report.TensorBoardEvent;
import dev.untangle.report.TensorBoardSink;
import dev.untangle.report.Xhtml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The quick preset end to end in test size on the household world with a micro transformer: two seeds, one
 * SFT each, GRPO and GRPO+GCD from it; every output exists and is well-formed; re-running skips finished
 * runs and continues an interrupted one to the same metrics.
 */
class ExperimentRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<script>alert('x')</script>&";

    /** The quick preset shrunk to test size (same sections and keys, smaller numbers). */
    static Preset testPreset() {
        return Preset.parse("""
                seed: 5
                env:
                  name: household
                  options: {scene_size: tiny, train_size: 24}
                model: {layers: 1, width: 16, heads: 2, context_length: 96}
                prompt: {history: window, window: 1, admissible: false, max_tokens: 80, max_text_tokens: 24}
                sft: {tasks: 4, epochs: 1, batch_size: 16, lr: 0.003}
                rollout: {group_size: 2, groups: 2, max_steps: 3, decoding: constrained, max_action_tokens: 6}
                algorithm: {iterations: 2, epochs: 1, minibatch_size: 16}
                optim: {warmup_steps: 0}
                eval: {splits: [L0, L1, L2], episodes: 2, every: 1, max_steps: 3}
                checkpoint: {every: 1, keep: 1}
                experiment:
                  purpose: "a test preset <b>whose numbers mean nothing</b>"
                  seeds: 2
                  methods: [grpo, grpo+gcd]
                  gcd_cold_start: shared
                  optional: {no_such_feature.every: 3}
                """, "test-preset");
    }

    static ExperimentRunner.Plan plan(Path out, List<String> overrides) {
        Preset p = testPreset();
        return new ExperimentRunner.Plan(p, overrides, Method.parseAll(p.methods()), p.seeds(), out,
                List.of("untangle", "experiment", "--out", HOSTILE));
    }

    @Test
    void quickPresetEndToEndThenResume(@TempDir Path out) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ExperimentRunner runner = new ExperimentRunner(new dev.untangle.rl.ModelPolicyFactory(), "untangle test",
                new PrintStream(progress, true, StandardCharsets.UTF_8), Bootstrap.DEFAULT.withResamples(200));
        ExperimentRunner.Outcome o = runner.run(plan(out, List.of()));

        // --- runs and progress ---------------------------------------------------------------------------
        assertEquals(6, o.runs().size());
        assertTrue(o.runs().stream().allMatch(r -> r.action().equals("ran")), o.runs().toString());
        assertEquals(List.of("no_such_feature.every=3"), o.skippedOptional());
        String shown = progress.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("run 1/6 seed-0 sft"), shown);
        assertTrue(shown.contains("run 6/6 seed-1 grpo+gcd"), shown);
        assertTrue(shown.contains("rl "), "the training progress bar is shown: " + shown);

        // --- run directories -------------------------------------------------------------------------------
        Set<String> trainSeeds = new HashSet<>();
        for (int k = 0; k < 2; k++) {
            for (String method : List.of("sft", "grpo", "grpo+gcd")) {
                Path dir = out.resolve(ExperimentLayout.runDir(k, method));
                JsonNode run = JSON.readTree(dir.resolve("run.json").toFile());
                assertEquals("finished", run.get("status").asText());
                assertEquals(method, run.get("method").asText());
                assertEquals(k, run.get("seed").asInt());
                for (String field : List.of("train_seed", "git_commit", "untangle_version", "java", "os",
                        "djl_version", "pytorch_version", "cpus", "allocator", "started_at", "finished_at")) {
                    assertTrue(run.hasNonNull(field), method + " run.json lacks " + field);
                }
                trainSeeds.add(run.get("train_seed").asText());
                String config = Files.readString(dir.resolve("config.yaml"));
                assertTrue(config.contains("seed: " + run.get("train_seed").asText()), config);
                JsonNode eval = JSON.readTree(dir.resolve("eval.json").toFile());
                for (String split : List.of("L0", "L1", "L2")) {
                    double s = eval.at("/checkpoints/final/" + split + "/success_rate").asDouble(-1);
                    assertTrue(s >= 0 && s <= 1, method + " " + split + " " + s);
                    assertTrue(eval.at("/checkpoints/sft/" + split + "/episodes").asInt() == 2, method + " sft eval");
                }
                List<Path> events = eventFiles(dir);
                assertEquals(1, events.size(), dir + " event files");
                List<TensorBoardEvent> ev = TensorBoardSink.read(events.get(0));   // framing and CRCs
                assertEquals(TensorBoardEvent.FILE_VERSION, ev.get(0).fileVersion());
                if (!method.equals("sft")) {
                    List<JsonNode> lines = jsonl(dir.resolve("metrics.jsonl"));
                    assertEquals(2, lines.size(), method + " metrics lines");
                    assertTrue(lines.get(0).has(MetricKeys.ROLLOUT_SUCCESS), lines.get(0).toString());
                    assertTrue(lines.get(0).has(MetricKeys.evalSuccess("L1")), lines.get(0).toString());
                    assertEquals(3, ev.size(), "file version and one event per iteration");
                    assertTrue(ev.get(1).scalars().containsKey(MetricKeys.ROLLOUT_SUCCESS));
                    assertEquals(1, ev.get(2).step());
                }
            }
        }
        assertEquals(2, trainSeeds.size(), "seeds differ between seed directories");

        // --- results.json ------------------------------------------------------------------------------------
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals("untangle.results/1", results.get("schema").asText());
        assertEquals(List.of("sft", "grpo", "grpo+gcd"), strings(results.get("methods")));
        assertEquals(List.of("L0", "L1", "L2"), strings(results.get("splits")));
        assertEquals(List.of(0, 1), ints(results.get("seeds")));
        for (String method : List.of("sft", "grpo", "grpo+gcd")) {
            for (String split : List.of("L0", "L1", "L2")) {
                JsonNode cell = results.at("/table/" + method + "/" + split);
                assertEquals(2, cell.at("/overall/n").asInt(), method + " " + split);
                assertEquals(4, cell.get("episodes").asInt());
                double mean = cell.at("/overall/mean").asDouble();
                assertTrue(cell.at("/overall/min").asDouble() <= mean && mean <= cell.at("/overall/max").asDouble());
                assertTrue(cell.at("/overall/ci_low").isNull(), "2 seeds: the range, no confidence interval");
            }
        }
        List<String> paired = new ArrayList<>();
        for (JsonNode d : results.get("paired_differences")) {
            assertEquals("grpo", d.get("baseline").asText());
            assertEquals(2, d.at("/difference/n").asInt());
            paired.add(d.get("method").asText() + " " + d.get("split").asText());
        }
        assertEquals(List.of("grpo+gcd L0", "grpo+gcd L1", "grpo+gcd L2"), paired);
        assertEquals(6, results.get("runs").size());

        // --- report.html ---------------------------------------------------------------------------------------
        String html = Files.readString(out.resolve("report.html"));
        Document doc = Xhtml.parse(html);
        Set<String> charts = new HashSet<>();
        for (Element svg : Xhtml.elements(doc, "svg")) {
            charts.add(svg.getAttribute("data-chart"));
        }
        for (String c : List.of("final-success", "success-l0", "success-l1", "success-l2", "rollout-success",
                "coupling-index", "coupling-harmful-rate", "coupling-goodbad-cosine", "gcd-accuracy")) {
            assertTrue(charts.contains(c), "chart " + c + " missing; found " + charts);
        }
        assertTrue(Xhtml.elements(doc, "script").isEmpty());
        assertFalse(html.contains(HOSTILE), "the command text reached the page unescaped");
        assertTrue(html.contains("&lt;script&gt;alert("), "the command is shown, escaped");
        JsonNode experiment = JSON.readTree(out.resolve("experiment.json").toFile());
        assertEquals(2, experiment.get("run_seeds").size());
        // the preset's purpose reaches experiment.json and the report's header, escaped (issue 25 item 18)
        assertEquals("a test preset <b>whose numbers mean nothing</b>", experiment.get("purpose").asText());
        List<Element> purpose = Xhtml.elements(doc, "p").stream()
                .filter(e -> "purpose".equals(e.getAttribute("data-note"))).toList();
        assertEquals(1, purpose.size(), "one purpose banner in the header");
        assertTrue(purpose.get(0).getTextContent().contains("<b>whose numbers mean nothing</b>"),
                purpose.get(0).getTextContent());

        // --- re-run: everything finished is skipped, nothing changes -----------------------------------------
        Path grpo = out.resolve(ExperimentLayout.runDir(1, "grpo"));
        String metricsBefore = Files.readString(grpo.resolve("metrics.jsonl"));
        ExperimentRunner.Outcome again = runner.run(plan(out, List.of()));
        assertTrue(again.runs().stream().allMatch(r -> r.action().equals("skipped")), again.runs().toString());
        assertEquals(metricsBefore, Files.readString(grpo.resolve("metrics.jsonl")));

        // --- an interrupted run (still "running", checkpoint after iteration 1) continues to the same metrics --
        ObjectNode run = (ObjectNode) JSON.readTree(grpo.resolve("run.json").toFile());
        run.put("status", "running");
        Files.writeString(grpo.resolve("run.json"), run.toString());
        List<JsonNode> before = jsonl(grpo.resolve("metrics.jsonl"));
        ExperimentRunner.Outcome resumed = runner.run(plan(out, List.of()));
        assertEquals(1, resumed.runs().stream().filter(r -> r.action().equals("resumed")).count());
        List<JsonNode> after = jsonl(grpo.resolve("metrics.jsonl"));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(withoutTimes(before.get(i)), withoutTimes(after.get(i)), "metrics line " + i);
        }
        assertEquals("finished", JSON.readTree(grpo.resolve("run.json").toFile()).get("status").asText());
        assertEquals("2", JSON.readTree(grpo.resolve("run.json").toFile()).get("attempts").asText());
        String earlier = JSON.readTree(grpo.resolve("run.json").toFile()).path(RunBook.EARLIER_ATTEMPTS).asText();
        assertTrue(earlier.startsWith("1: running, untangle experiment --out " + HOSTILE + " (untangle test, git "),
                "the attempt before is kept: " + earlier);

        // --- a finished run whose eval.json is damaged is run again, not dropped from results.json ---------
        JsonNode finalBefore = JSON.readTree(grpo.resolve("eval.json").toFile()).at("/checkpoints/final");
        Files.writeString(grpo.resolve("eval.json"), "{\"checkpoints\": {\"final\": ");
        ExperimentRunner.Outcome repaired = runner.run(plan(out, List.of()));
        assertEquals(1, repaired.runs().stream().filter(r -> !r.action().equals("skipped")).count(),
                repaired.runs().toString());
        JsonNode finalAfter = JSON.readTree(grpo.resolve("eval.json").toFile()).at("/checkpoints/final");
        for (JsonNode n : List.of(finalBefore, finalAfter)) {
            n.forEach(split -> ((ObjectNode) split).remove("seconds"));            // wall time differs, nothing else
        }
        assertEquals(finalBefore, finalAfter);
        assertTrue(Files.exists(grpo.resolve("eval.json.unreadable")));
        assertEquals(repaired.report().complete(), again.report().complete(), "every run is in the table again");

        // --- a changed configuration is refused rather than mixed into the same directory -----------------
        ConfigException e = assertThrows(ConfigException.class,
                () -> runner.run(plan(out, List.of("algorithm.iterations=3"))));
        assertTrue(e.getMessage().contains("seed-0/sft") || e.getMessage().contains("seed-0/grpo"), e.getMessage());
    }

    /**
     * {@code gcd_cold_start: critic} (the default): each seed trains a second cold start with critic data, the GCD
     * arm starts from it (weights and SFT evaluation), the baseline from the plain SFT; nothing is trained twice.
     */
    @Test
    void gcdArmsStartFromTheirOwnCriticDataColdStart(@TempDir Path out) throws Exception {
        String yaml = testPreset().trainYaml();
        Preset p = Preset.parse(yaml + "experiment: {seeds: 1, methods: [grpo, grpo+gcd]}\n", "critic-preset");
        assertEquals(Preset.COLD_START_CRITIC, p.gcdColdStart());
        ExperimentRunner runner = new ExperimentRunner(new dev.untangle.rl.ModelPolicyFactory(), "untangle test",
                null, Bootstrap.DEFAULT.withResamples(200));
        ExperimentRunner.Outcome o = runner.run(new ExperimentRunner.Plan(p, List.of(), Method.parseAll(p.methods()),
                1, out, List.of("untangle", "experiment")));
        assertEquals(List.of("seed-0/sft", "seed-0/sft-critic", "seed-0/grpo", "seed-0/grpo-gcd"),
                o.runs().stream().map(ExperimentRunner.RunRecord::dir).toList());
        Path sft = out.resolve("seed-0/sft");
        Path critic = out.resolve("seed-0/sft-critic");
        assertFalse(Files.readString(sft.resolve("config.yaml")).contains("critic_data: true"));
        assertTrue(Files.readString(critic.resolve("config.yaml")).contains("critic_data: true"));
        assertTrue(Files.readString(out.resolve("seed-0/grpo-gcd/config.yaml")).contains("critic_data: true"));
        assertFalse(Files.readString(out.resolve("seed-0/grpo/config.yaml")).contains("critic_data: true"));
        assertTrue(Files.readString(critic.resolve("metrics.jsonl")).contains("sft/loss"), "its SFT epochs are logged");
        for (String[] pair : new String[][] {{"seed-0/grpo", "seed-0/sft"}, {"seed-0/grpo-gcd", "seed-0/sft-critic"}}) {
            JsonNode armStart = JSON.readTree(out.resolve(pair[0]).resolve("eval.json").toFile()).at("/checkpoints/sft");
            JsonNode coldStart = JSON.readTree(out.resolve(pair[1]).resolve("eval.json").toFile()).at("/checkpoints/sft");
            assertEquals(coldStart, armStart, pair[0] + " starts from " + pair[1]);
            try (Stream<Path> files = Files.list(out.resolve(pair[1]).resolve("checkpoints/sft/policy"))) {
                for (Path f : files.toList()) {
                    assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(
                            out.resolve(pair[0]).resolve("checkpoints/sft/policy").resolve(f.getFileName()))),
                            pair[0] + " has " + pair[1] + "'s weights: " + f.getFileName());
                }
            }
        }
        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("sft", "sft+critic", "grpo", "grpo+gcd"), strings(results.get("methods")));
        assertEquals("critic", JSON.readTree(out.resolve("experiment.json").toFile()).get("gcd_cold_start").asText());
        ConfigException bad = assertThrows(ConfigException.class, () -> Preset.parse(
                "experiment: {gcd_cold_start: both}", "p.yaml"));
        assertTrue(bad.getMessage().startsWith("experiment.gcd_cold_start: must be critic or shared"), bad.getMessage());
    }

    @Test
    void unknownMethodsAndBadKeysAreNamed() {
        ConfigException m = assertThrows(ConfigException.class, () -> Method.parse("ppo+gcd"));
        assertTrue(m.getMessage().startsWith("experiment.methods: unknown method 'ppo+gcd'"), m.getMessage());
        assertEquals(List.of("algorithm.advantage=gigpo", "algorithm.gcd.enabled=true"),
                Method.parse("GiGPO+gcd").overrides());
        ConfigException k = assertThrows(ConfigException.class,
                () -> Preset.parse("experiment: {seeds: 2, colour: red}", "p.yaml"));
        assertEquals("experiment.colour", k.key());
        ConfigException s = assertThrows(ConfigException.class,
                () -> Preset.parse("experiment: {seeds: 0}", "p.yaml"));
        assertEquals("experiment.seeds", s.key());
    }

    @Test
    void optionalKeysAreProbed() {
        assertTrue(ExperimentRunner.knows("algorithm.iterations=3"));
        assertTrue(ExperimentRunner.knows("algorithm.iterations=-3"), "a bad value of a known key is not dropped");
        assertFalse(ExperimentRunner.knows("no_such_feature.every=3"));
        String a = resolvedYaml("optim.lr=0.001", "seed=3");
        String b = resolvedYaml("optim.lr=0.002", "seed=3");
        assertEquals("optim.lr: 0.001 -> 0.002", ExperimentRunner.configDifference(a, b));
        assertTrue(ExperimentRunner.knows("env.options.scene_size=tiny"), "a pass-through section's keys are known");
        assertTrue(ExperimentRunner.knows("sft.dagger_rounds=not-a-number"), "known key, bad value: kept, refused later");
        assertFalse(ExperimentRunner.knows("model.no_such_key=1"));
    }

    @Test
    void builtInPresetsReadAsTrainingConfigurations() throws Exception {
        for (String name : Preset.BUILT_IN) {
            Preset p = Preset.load(name);
            assertTrue(p.seeds() >= 1, name);
            Method.parseAll(p.methods());
            dev.untangle.config.TrainConfig.read(dev.untangle.config.ConfigTree.parse(p.trainYaml(), name));
        }
    }

    @Test
    void runSeedsAreSplitDeterministicallyAndDoNotDependOnTheCount() {
        long s0 = ExperimentRunner.runSeed(1, 0);
        long s1 = ExperimentRunner.runSeed(1, 1);
        assertEquals(s0, ExperimentRunner.runSeed(1, 0));
        assertTrue(s0 != s1 && s1 != ExperimentRunner.runSeed(1, 2));
        assertTrue(s0 != ExperimentRunner.runSeed(2, 0));
        assertTrue(s0 >= 0 && s0 < 1_000_000_000L);
    }

    private static JsonNode withoutTimes(JsonNode line) {
        ObjectNode copy = line.deepCopy();
        Iterator<String> it = copy.fieldNames();
        List<String> drop = new ArrayList<>();
        it.forEachRemaining(f -> {
            if (f.startsWith("time/") || f.endsWith("tokens_per_s")) {
                drop.add(f);
            }
        });
        copy.remove(drop);
        return copy;
    }

    private static List<Path> eventFiles(Path runDir) throws Exception {
        try (Stream<Path> s = Files.list(runDir.resolve("tensorboard"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
        }
    }

    private static List<JsonNode> jsonl(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static String resolvedYaml(String... overrides) {
        dev.untangle.config.ConfigTree t = dev.untangle.config.ConfigTree.empty().withOverrides(List.of(overrides));
        dev.untangle.config.TrainConfig.read(t);
        return t.resolvedYaml();
    }
}
