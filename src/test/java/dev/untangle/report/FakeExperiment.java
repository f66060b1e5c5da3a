package dev.untangle.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds a small synthetic experiment directory for tests: seeds 0-2 of {@code sft}, {@code grpo} and
 * {@code grpo+gcd} (seed 2 of grpo+gcd still running), one unreadable run, and hostile text (a script tag
 * and ampersands) in a task type, a config value, a command and experiment.json.
 *
 * <p>{@link #write} also writes what current versions record: per-task outcomes and seconds of every
 * evaluation, a periodic {@code iter-000020} evaluation, and {@code time/*} metrics ({@link #ITERATION_S} per
 * RL iteration, {@link #SFT_EPOCH_S} per SFT epoch, {@link #EVAL_S} per final/sft evaluation of a split).
 * Task t of a split is won by a policy of success rate p when its difficulty rank (a fixed permutation per
 * split, shared by all methods and seeds) is below round(40 p), so a better policy wins a superset of the
 * tasks; task 39 of seed-1/grpo is an environment failure. {@link #writeLegacy} writes the old format without
 * any of these. RL runs log {@code adv/frac_zero_std_groups}: grpo 1 on every 4th iteration (0, 4, ...) and 0.25
 * otherwise, grpo+gcd 1 on every 8th and 0.5 otherwise.
 */
public final class FakeExperiment {

    /** Text injected wherever a run can carry text. */
    public static final String EVIL = "<script>alert(1)</script> & \"q\" 'a'";
    /** An injected task type name. */
    public static final String EVIL_TYPE = "heat<script>alert(1)</script>&cool";

    private FakeExperiment() {
    }

    /** Wall seconds of every RL iteration. */
    public static final double ITERATION_S = 1.5;
    /** Wall seconds of every SFT epoch (10 epochs). */
    public static final double SFT_EPOCH_S = 3.0;
    /** Wall seconds of each split's sft or final evaluation. */
    public static final double EVAL_S = 2.0;
    /** Evaluated tasks per split. */
    public static final int TASKS = 40;

    /** Writes the experiment under {@code out}, in the current format. */
    public static void write(Path out) throws IOException {
        write(out, true);
    }

    /** Writes the experiment under {@code out} without task outcomes, evaluation seconds or time metrics. */
    public static void writeLegacy(Path out) throws IOException {
        write(out, false);
    }

    private static void write(Path out, boolean current) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve(ExperimentLayout.EXPERIMENT),
                "{\"command\": [\"untangle\", \"experiment\", \"--out\", \"x & y\"], \"preset\": \"quick\","
                        + " \"note\": " + quote(EVIL) + "}");
        String[] methods = {"sft", "grpo", "grpo+gcd"};
        for (int seed = 0; seed < 3; seed++) {
            for (String method : methods) {
                boolean running = seed == 2 && method.equals("grpo+gcd");
                writeRun(out.resolve(ExperimentLayout.runDir(seed, method)), method, seed, running, current);
            }
        }
        Path broken = out.resolve("seed-1/gigpo");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve(ExperimentLayout.RUN), "{not json " + EVIL);
    }

    /** When seed 0's runs started; seed k's start 100 k seconds later and last 75.5 s. */
    static final java.time.Instant RUNS_START = java.time.Instant.parse("2026-01-01T00:00:00Z");

    private static void writeRun(Path dir, String method, int seed, boolean running, boolean current)
            throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(seed * 31L + method.hashCode());
        double skill = switch (method) {
            case "sft" -> 0.3;
            case "grpo" -> 0.5;
            default -> 0.6;
        } + 0.05 * seed;
        Files.writeString(dir.resolve(ExperimentLayout.CONFIG),
                "seed: " + seed + "\nalgorithm:\n  name: " + method + "\nenv:\n  goal: \"" + EVIL.replace("\"", "\\\"")
                        + "\"\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(ExperimentLayout.RUN), "{\"method\": \"" + method + "\", \"seed\": " + seed
                + ", \"status\": \"" + (running ? "running" : "finished") + "\", \"command\": "
                + quote("untangle train --config c.yaml seed=" + seed + " --out a&b " + EVIL)
                + ", \"iterations\": " + (method.equals("sft") ? 0 : 40) + ", \"wall_seconds\": 75.5, \"git_commit\": \"abc123\""
                + ", \"started_at\": \"" + RUNS_START.plusSeconds(100L * seed) + "\""          // a seed's runs side by side,
                + ", \"finished_at\": \"" + RUNS_START.plusSeconds(100L * seed).plusMillis(75_500) + "\"}"); // 24.5 s apart
        int iterations = method.equals("sft") ? 10 : 40;
        try (JsonlMetricsSink sink = JsonlMetricsSink.create(dir.resolve(ExperimentLayout.METRICS))) {
            for (int it = 0; it < iterations; it++) {
                Map<String, Double> m = new LinkedHashMap<>();
                double p = Math.min(1, skill * (0.5 + 0.5 * it / (double) iterations));
                m.put(MetricKeys.ROLLOUT_SUCCESS, p + 0.05 * rng.nextDouble());
                m.put("loss/policy", rng.nextDouble());
                if (it % 5 == 0 || it == iterations - 1) {
                    m.put(MetricKeys.evalSuccess("L0"), p);
                    m.put(MetricKeys.evalSuccess("L1"), p * 0.8);
                    m.put(MetricKeys.evalSuccess("L2"), p * 0.6);
                }
                if (!method.equals("sft") && it % 10 == 0) {
                    m.put(MetricKeys.COUPLING_INDEX, method.endsWith("+gcd") ? 0.1 : 0.4 + 0.01 * it);
                    m.put(MetricKeys.COUPLING_HARMFUL_RATE, method.endsWith("+gcd") ? 0.05 : 0.3);
                    m.put(MetricKeys.COUPLING_GOODBAD_COSINE, method.endsWith("+gcd") ? 0.2 : 0.8);
                }
                if (method.endsWith("+gcd")) {
                    m.put(MetricKeys.GCD_ACCURACY, 0.5 + 0.01 * it);
                }
                if (method.equals("grpo")) {                  // every group uniform on every 4th iteration
                    m.put(MetricKeys.ADV_FRAC_ZERO_STD_GROUPS, it % 4 == 0 ? 1.0 : 0.25);
                } else if (method.equals("grpo+gcd")) {       // on every 8th
                    m.put(MetricKeys.ADV_FRAC_ZERO_STD_GROUPS, it % 8 == 0 ? 1.0 : 0.5);
                }
                m.put("time/iteration", it == 3 ? Double.NaN : 1.5);
                if (current && method.equals("sft")) {
                    m.put(MetricKeys.TIME_SFT_EPOCH, SFT_EPOCH_S);
                } else if (current) {
                    m.put(MetricKeys.TIME_ROLLOUT, 0.8);
                    m.put(MetricKeys.TIME_ADVANTAGE, 0.05);
                    m.put(MetricKeys.TIME_DIAGNOSTICS, it % 10 == 0 ? 0.1 : 0.0);
                    m.put(MetricKeys.TIME_UPDATE, 0.4);
                    m.put(MetricKeys.TIME_CHECKPOINT, 0.05);
                    m.put(MetricKeys.TIME_EVAL, 0.0);
                    m.put(MetricKeys.TIME_ITERATION, ITERATION_S);
                }
                sink.record(it, m);
            }
        }
        if (!running) {
            StringBuilder eval = new StringBuilder("{\"checkpoints\": {");
            String[] cps = current && !method.equals("sft") ? new String[] {"sft", "iter-000020", "final"}
                    : new String[] {"sft", "final"};
            for (int c = 0; c < cps.length; c++) {
                double s = cps[c].equals("sft") ? 0.3 : cps[c].startsWith("iter-") ? (0.3 + skill) / 2 : skill;
                eval.append(c == 0 ? "" : ", ").append('"').append(cps[c]).append("\": {");
                String[] splits = {"L0", "L1", "L2"};
                for (int k = 0; k < splits.length; k++) {
                    double rate = s * (1 - 0.2 * k);
                    eval.append(k == 0 ? "" : ", ").append('"').append(splits[k]).append("\": {\"success_rate\": ")
                            .append(fmt(rate)).append(", \"episodes\": 40, ");
                    if (current) {
                        eval.append("\"task_outcomes\": ").append(outcomes(splits[k], rate,
                                seed == 1 && method.equals("grpo") && cps[c].equals("final"))).append(", ");
                        if (!cps[c].startsWith("iter-")) {
                            eval.append("\"seconds\": ").append(fmt(EVAL_S)).append(", ");
                        }
                    }
                    eval.append("\"by_type\": {\"pick\": {\"success_rate\": ")
                            .append(fmt(Math.min(1, rate * 1.2))).append(", \"episodes\": 20}, ")
                            .append(quote(EVIL_TYPE)).append(": {\"success_rate\": ").append(fmt(rate * 0.8))
                            .append(", \"episodes\": 20}}}");
                }
                eval.append('}');
            }
            eval.append("}}");
            Files.writeString(dir.resolve(ExperimentLayout.EVAL), eval.toString());
        }
    }

    /** Outcomes of a policy of success rate {@code rate} on the split's 40 tasks (see the class comment). */
    public static String outcomes(String split, double rate, boolean failLast) {
        int[] rank = rank(split);
        int wins = (int) Math.round(TASKS * rate);
        StringBuilder sb = new StringBuilder("[");
        for (int t = 0; t < TASKS; t++) {
            int o = failLast && t == TASKS - 1 ? -1 : rank[t] < wins ? 1 : 0;
            sb.append(t == 0 ? "" : ", ").append(o);
        }
        return sb.append(']').toString();
    }

    /** A fixed permutation of 0..39 per split: the difficulty rank of each task. */
    public static int[] rank(String split) {
        int[] r = new int[TASKS];
        for (int i = 0; i < TASKS; i++) {
            r[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(split.hashCode());
        for (int i = TASKS - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int x = r[i];
            r[i] = r[j];
            r[j] = x;
        }
        return r;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
