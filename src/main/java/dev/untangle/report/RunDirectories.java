package dev.untangle.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads run directories and experiment directories laid out as docs/OUTPUTS.md describes:
 * {@code DIR/seed-<k>/<method-dir>/{run.json, config.yaml, metrics.jsonl, eval.json}}, or a lone run
 * directory (one holding {@code run.json} itself). A run directory that cannot be read is reported as a
 * problem line rather than failing the whole experiment.
 */
public final class RunDirectories {

    /** Longest config text kept per run. */
    public static final int MAX_CONFIG_CHARS = 64 * 1024;
    /** Longest text kept per {@code run.json} or {@code experiment.json} field. */
    public static final int MAX_FIELD_CHARS = 4 * 1024;
    /** Largest JSON file read ({@code run.json}, {@code eval.json}, {@code experiment.json}). */
    public static final long MAX_JSON_BYTES = 16L << 20;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunDirectories() {
    }

    /**
     * Reads an experiment directory (or a lone run directory).
     *
     * @param dir        the directory
     * @param metricKeys which metric keys to keep from each {@code metrics.jsonl}
     * @throws IOException when {@code dir} is not a readable directory
     */
    public static ExperimentData readExperiment(Path dir, Predicate<String> metricKeys) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        List<RunData> runs = new ArrayList<>();
        List<ExperimentData.Problem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, String> experiment = new LinkedHashMap<>();
        Path expFile = dir.resolve(ExperimentLayout.EXPERIMENT);
        if (Files.isRegularFile(expFile)) {
            try {
                experiment.putAll(fieldsAsText(readJson(expFile, ExperimentLayout.EXPERIMENT)));
            } catch (IOException e) {
                problems.add(new ExperimentData.Problem(".", e.getMessage()));
            }
        }
        if (Files.isRegularFile(dir.resolve(ExperimentLayout.RUN))) {
            try {
                runs.add(readRun(dir, ".", metricKeys, warnings::add));
            } catch (IOException e) {
                problems.add(new ExperimentData.Problem(".", e.getMessage()));
            }
        } else {
            for (Path seedDir : list(dir)) {
                int seed = ExperimentLayout.seedOf(seedDir.getFileName().toString());
                if (seed < 0 || !Files.isDirectory(seedDir)) {
                    continue;
                }
                for (Path runDir : list(seedDir)) {
                    if (!Files.isDirectory(runDir)) {
                        continue;
                    }
                    String rel = seedDir.getFileName() + "/" + runDir.getFileName();
                    String method = ExperimentLayout.methodOf(runDir.getFileName().toString());
                    if (method == null) {
                        problems.add(new ExperimentData.Problem(rel, rel + ": directory name is not a method name; skipped"));
                        continue;
                    }
                    if (!Files.isRegularFile(runDir.resolve(ExperimentLayout.RUN))) {
                        problems.add(new ExperimentData.Problem(rel, rel + ": no " + ExperimentLayout.RUN
                                + " (run not started?); skipped"));
                        continue;
                    }
                    try {
                        List<String> notes = new ArrayList<>();
                        RunData run = readRun(runDir, rel, metricKeys, notes::add);
                        if (!run.info().method().equals(method) || run.info().seed() != seed) {
                            problems.add(new ExperimentData.Problem(rel, rel + ": " + ExperimentLayout.RUN
                                    + " says method '" + Html.bounded(run.info().method(), 60) + "' seed "
                                    + run.info().seed() + ", which does not match its directory; skipped"));
                            continue;
                        }
                        runs.add(run);
                        warnings.addAll(notes);
                    } catch (IOException e) {
                        problems.add(new ExperimentData.Problem(rel, e.getMessage()));
                    }
                }
            }
        }
        runs.sort(Comparator.comparing((RunData r) -> r.info().method(), ExperimentLayout.METHOD_ORDER)
                .thenComparingInt(r -> r.info().seed()));
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
        String location = dir.normalize().toString();
        return new ExperimentData(name, experiment, runs, problems, warnings,
                location.isEmpty() ? "." : Html.bounded(location, MAX_FIELD_CHARS));
    }

    /**
     * Reads one run directory.
     *
     * @param dir        the run directory
     * @param relDir     its name relative to the experiment directory (for messages and the report)
     * @param metricKeys which metric keys to keep
     * @throws IOException with a one-line message naming the file when something cannot be read
     */
    public static RunData readRun(Path dir, String relDir, Predicate<String> metricKeys) throws IOException {
        return readRun(dir, relDir, metricKeys, note -> { });
    }

    /**
     * As {@link #readRun(Path, String, Predicate)}, and reports what was read with a problem worth saying (a
     * metrics file whose last line is cut short) to {@code warnings}, one line each starting with the file's
     * name relative to the experiment directory.
     */
    public static RunData readRun(Path dir, String relDir, Predicate<String> metricKeys,
                                  java.util.function.Consumer<String> warnings) throws IOException {
        Path runFile = dir.resolve(ExperimentLayout.RUN);
        String runWhere = relDir + "/" + ExperimentLayout.RUN;
        RunInfo info = parseRunInfo(readJson(runFile, runWhere), runWhere);
        String config = "";
        Path configFile = dir.resolve(ExperimentLayout.CONFIG);
        if (Files.isRegularFile(configFile)) {
            config = readBounded(configFile, MAX_CONFIG_CHARS);
        }
        List<MetricsRecord> metrics = List.of();
        Path metricsFile = dir.resolve(ExperimentLayout.METRICS);
        if (Files.isRegularFile(metricsFile)) {
            try {
                String where = relDir + "/" + ExperimentLayout.METRICS;
                metrics = JsonlMetricsSink.read(metricsFile, metricKeys, note -> warnings.accept(where + ": " + note));
            } catch (IOException e) {
                throw new IOException(relDir + "/" + ExperimentLayout.METRICS + ": " + e.getMessage(), e);
            }
        }
        List<MetricsRecord> sftMetrics = List.of();
        Path sftMetricsFile = dir.resolve(ExperimentLayout.SFT_METRICS);
        if (Files.isRegularFile(sftMetricsFile)) {
            try {
                String where = relDir + "/" + ExperimentLayout.SFT_METRICS;
                sftMetrics = JsonlMetricsSink.read(sftMetricsFile, metricKeys, note -> warnings.accept(where + ": " + note));
            } catch (IOException e) {
                throw new IOException(relDir + "/" + ExperimentLayout.SFT_METRICS + ": " + e.getMessage(), e);
            }
        }
        EvalResults eval = EvalResults.empty();
        Path evalFile = dir.resolve(ExperimentLayout.EVAL);
        if (Files.isRegularFile(evalFile)) {
            String evalWhere = relDir + "/" + ExperimentLayout.EVAL;
            eval = parseEval(readJson(evalFile, evalWhere), evalWhere);
        }
        return new RunData(relDir, info, config, metrics, eval, sftMetrics);
    }

    /**
     * Parses {@code run.json}: {@code method} (string), {@code seed} (integer) and {@code status} (string)
     * are required; {@code command}, {@code iterations}, {@code wall_seconds} optional; other fields kept as
     * text.
     *
     * @param where file name for messages
     */
    public static RunInfo parseRunInfo(JsonNode n, String where) throws IOException {
        if (n == null || !n.isObject()) {
            throw new IOException(where + ": expected a JSON object");
        }
        if (!n.path("method").isTextual() || !ExperimentLayout.isMethod(n.get("method").asText())) {
            throw new IOException(where + ": 'method' must be a method name like grpo+gcd");
        }
        if (!n.path("seed").isIntegralNumber() || n.get("seed").asLong() < 0 || n.get("seed").asLong() > 999_999_999) {
            throw new IOException(where + ": 'seed' must be an integer in [0, 999999999]");
        }
        if (!n.path("status").isTextual()) {
            throw new IOException(where + ": 'status' must be a string (finished, running, failed)");
        }
        String command = "";
        JsonNode c = n.path("command");
        if (c.isTextual()) {
            command = c.asText();
        } else if (c.isArray()) {
            List<String> parts = new ArrayList<>();
            c.forEach(p -> parts.add(p.asText()));
            command = String.join(" ", parts);
        }
        long iterations = n.path("iterations").isIntegralNumber() ? n.get("iterations").asLong() : -1;
        double wall = n.path("wall_seconds").isNumber() ? n.get("wall_seconds").asDouble() : Double.NaN;
        Map<String, String> extra = fieldsAsText(n);
        for (String k : List.of("method", "seed", "status", "command", "iterations", "wall_seconds")) {
            extra.remove(k);
        }
        return new RunInfo(n.get("method").asText(), n.get("seed").asInt(), Html.bounded(n.get("status").asText(), 40),
                Html.bounded(command, MAX_FIELD_CHARS), iterations, wall, extra);
    }

    /**
     * Parses {@code eval.json}: {@code {"checkpoints": {name: {split: {"success_rate", "episodes",
     * "by_type": {type: {"success_rate", "episodes"}}, "task_outcomes": [1, 0, -1, ...], "seconds"}}}}}.
     * Non-object entries are rejected; a missing {@code by_type} is empty, missing {@code task_outcomes} an
     * empty list (entries other than 1, 0, -1 are rejected), a missing or invalid {@code seconds} or
     * {@code mean_env_return} NaN.
     *
     * @param where file name for messages
     */
    public static EvalResults parseEval(JsonNode n, String where) throws IOException {
        if (n == null || !n.path("checkpoints").isObject()) {
            throw new IOException(where + ": expected an object with a 'checkpoints' object");
        }
        Map<String, Map<String, EvalResults.SplitEval>> checkpoints = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> cp : n.get("checkpoints").properties()) {
            String cpWhere = where + ": checkpoints." + Html.bounded(cp.getKey(), 60);
            if (!cp.getValue().isObject()) {
                throw new IOException(cpWhere + ": expected an object of splits");
            }
            Map<String, EvalResults.SplitEval> splits = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> s : cp.getValue().properties()) {
                String sWhere = cpWhere + "." + Html.bounded(s.getKey(), 60);
                JsonNode sv = s.getValue();
                double rate = rate(sv, sWhere);
                Map<String, EvalResults.TypeEval> types = new LinkedHashMap<>();
                if (sv.path("by_type").isObject()) {
                    for (Map.Entry<String, JsonNode> t : sv.get("by_type").properties()) {
                        String tWhere = sWhere + ".by_type." + Html.bounded(t.getKey(), 60);
                        types.put(t.getKey(), new EvalResults.TypeEval(rate(t.getValue(), tWhere),
                                t.getValue().path("episodes").asLong(0)));
                    }
                }
                JsonNode ret = sv.path("mean_env_return");
                splits.put(s.getKey(), new EvalResults.SplitEval(rate, sv.path("episodes").asLong(0), types,
                        outcomes(sv.path("task_outcomes"), sWhere), seconds(sv.path("seconds")),
                        ret.isNumber() && Double.isFinite(ret.asDouble()) ? ret.asDouble() : Double.NaN));
            }
            checkpoints.put(cp.getKey(), splits);
        }
        return new EvalResults(checkpoints);
    }

    /**
     * The optional {@code task_outcomes} array: absent gives an empty list; otherwise every entry must be 1
     * (won), 0 (lost) or -1 (environment failure).
     */
    private static List<Integer> outcomes(JsonNode n, String where) throws IOException {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw new IOException(where + ".task_outcomes: expected an array of 1, 0 or -1");
        }
        List<Integer> out = new ArrayList<>(n.size());
        for (JsonNode v : n) {
            if (!v.isIntegralNumber() || v.asLong() < -1 || v.asLong() > 1) {
                throw new IOException(where + ".task_outcomes[" + out.size() + "]: expected 1, 0 or -1, got "
                        + Html.bounded(v.toString(), 40));
            }
            out.add(v.asInt());
        }
        return out;
    }

    /** The optional {@code seconds} of an evaluation: a finite non-negative number, otherwise NaN. */
    private static double seconds(JsonNode n) {
        return n.isNumber() && Double.isFinite(n.asDouble()) && n.asDouble() >= 0 ? n.asDouble() : Double.NaN;
    }

    /**
     * Writes {@code run.json} atomically (temporary file, then move) in the schema {@link #parseRunInfo}
     * reads: {@code method, seed, status, command}, then {@code iterations} and {@code wall_seconds} when
     * known, then the extra fields as strings.
     */
    public static void writeRunInfo(Path runDir, RunInfo info) throws IOException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("method", info.method());
        n.put("seed", info.seed());
        n.put("status", info.status());
        n.put("command", info.command());
        if (info.iterations() >= 0) {
            n.put("iterations", info.iterations());
        }
        if (Double.isFinite(info.wallSeconds())) {
            n.put("wall_seconds", info.wallSeconds());
        }
        info.extra().forEach(n::put);
        writeJson(runDir.resolve(ExperimentLayout.RUN), n);
    }

    /** Writes {@code eval.json} atomically in the schema {@link #parseEval} reads. */
    public static void writeEval(Path runDir, EvalResults eval) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode cps = root.putObject("checkpoints");
        eval.checkpoints().forEach((cp, splits) -> {
            ObjectNode c = cps.putObject(cp);
            splits.forEach((split, ev) -> {
                ObjectNode s = c.putObject(split);
                s.put("success_rate", ev.successRate());
                s.put("episodes", ev.episodes());
                ObjectNode types = s.putObject("by_type");
                ev.byType().forEach((t, te) -> {
                    ObjectNode tn = types.putObject(t);
                    tn.put("success_rate", te.successRate());
                    tn.put("episodes", te.episodes());
                });
                if (ev.hasTaskOutcomes()) {
                    ArrayNode outcomes = s.putArray("task_outcomes");
                    ev.taskOutcomes().forEach(outcomes::add);
                }
                if (Double.isFinite(ev.seconds())) {
                    s.put("seconds", ev.seconds());
                }
                if (Double.isFinite(ev.meanEnvReturn())) {
                    s.put("mean_env_return", ev.meanEnvReturn());
                }
            });
        });
        writeJson(runDir.resolve(ExperimentLayout.EVAL), root);
    }

    private static void writeJson(Path file, JsonNode node) throws IOException {
        dev.untangle.rl.RunDirectory.replace(file, (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
                + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static double rate(JsonNode n, String where) throws IOException {
        if (!n.isObject() || !n.path("success_rate").isNumber()) {
            throw new IOException(where + ": expected an object with a numeric 'success_rate'");
        }
        double r = n.get("success_rate").asDouble();
        if (!(r >= 0 && r <= 1)) {
            throw new IOException(where + ": success_rate " + r + " is outside [0, 1]");
        }
        return r;
    }

    private static JsonNode readJson(Path file, String where) throws IOException {
        long size = Files.size(file);
        if (size > MAX_JSON_BYTES) {
            throw new IOException(where + ": " + size + " bytes is larger than the " + MAX_JSON_BYTES + "-byte limit");
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(where + ": not valid JSON (" + Html.bounded(e.getOriginalMessage(), 200) + ")", e);
        }
    }

    private static Map<String, String> fieldsAsText(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || !n.isObject()) {
            return out;
        }
        n.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String text = v.isValueNode() ? v.asText() : v.toString();
            if (v.isArray() && v.size() > 0 && allText(v)) {
                List<String> parts = new ArrayList<>();
                v.forEach(p -> parts.add(p.asText()));
                text = String.join(" ", parts);
            }
            out.put(Html.bounded(e.getKey(), 100), Html.bounded(text, MAX_FIELD_CHARS));
        });
        return out;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode p : array) {
            if (!p.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String readBounded(Path file, int maxChars) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(maxChars * 4 + 4);
            String s = new String(head, StandardCharsets.UTF_8);
            return Html.bounded(s, maxChars);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
