package dev.untangle.report;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * File and directory names of run and experiment directories (docs/OUTPUTS.md), and the
 * mapping between method names and directory names.
 *
 * <p>A method name is one or more lower-case words ({@code [a-z0-9_]+}) joined by {@code +}, for example
 * {@code grpo+gcd}. Its directory name replaces each {@code +} with {@code -} ({@code grpo-gcd}), which is
 * safe on every file system and in URLs; because words cannot contain {@code -}, the mapping is reversible.
 */
public final class ExperimentLayout {

    /** The resolved configuration of a run. */
    public static final String CONFIG = "config.yaml";
    /** Run identity and status (method, seed, status, command, ...). */
    public static final String RUN = "run.json";
    /** One JSON object per iteration. */
    public static final String METRICS = "metrics.jsonl";
    /** One JSON object per SFT epoch, when a run trains SFT before RL in the same directory. */
    public static final String SFT_METRICS = "sft_metrics.jsonl";
    /** The eval.json checkpoint of the SFT cold start (before any RL iteration). */
    public static final String SFT_CHECKPOINT = "sft";
    /** Prefix of the eval.json checkpoints of periodic evaluations: {@code iter-000010} after 10 iterations. */
    public static final String ITERATION_CHECKPOINT_PREFIX = "iter-";
    /** Directory (in an experiment directory) of the report's TensorBoard learning curves, one folder per method. */
    public static final String TENSORBOARD_CURVES = "tensorboard-curves";
    /** Evaluation results per checkpoint and split. */
    public static final String EVAL = "eval.json";
    /** Directory of the run's TensorBoard event files. */
    public static final String TENSORBOARD = "tensorboard";
    /** Directory (in an experiment directory) of the worker processes' logs, one file per run. */
    public static final String LOGS = "logs";
    /** Experiment-level description (command, preset, methods, seeds); optional. */
    public static final String EXPERIMENT = "experiment.json";
    /** Aggregated numbers of an experiment. */
    public static final String RESULTS = "results.json";
    /** The HTML report of an experiment. */
    public static final String REPORT = "report.html";
    /** Value of {@code run.json}'s {@code status} once a run has finished and written {@code eval.json}. */
    public static final String STATUS_FINISHED = "finished";
    /** The eval.json checkpoint the results table uses. */
    public static final String FINAL_CHECKPOINT = "final";
    /** Suffix of methods that add GCD to a baseline method. */
    public static final String GCD_SUFFIX = "+gcd";
    /** The methods of the paper's comparison (and the GCD arms' own cold start), in table order. */
    public static final List<String> STANDARD_METHODS = List.of("sft", "sft+critic", "grpo", "grpo+gcd", "gigpo",
            "gigpo+gcd");

    private static final Pattern METHOD = Pattern.compile("[a-z0-9_]+(\\+[a-z0-9_]+)*");
    private static final Pattern METHOD_DIR = Pattern.compile("[a-z0-9_]+(-[a-z0-9_]+)*");
    private static final Pattern SEED_DIR = Pattern.compile("seed-(0|[1-9][0-9]{0,8})");

    private ExperimentLayout() {
    }

    /** Whether {@code method} is a valid method name. */
    public static boolean isMethod(String method) {
        return method != null && METHOD.matcher(method).matches();
    }

    /**
     * The directory name of a method: {@code grpo+gcd -> grpo-gcd}.
     *
     * @throws IllegalArgumentException when {@code method} is not a valid method name
     */
    public static String dirName(String method) {
        if (!isMethod(method)) {
            throw new IllegalArgumentException("invalid method name '" + Html.bounded(method, 60)
                    + "': use lower-case words [a-z0-9_] joined by '+'");
        }
        return method.replace('+', '-');
    }

    /** The method a directory name stands for ({@code grpo-gcd -> grpo+gcd}), or {@code null} if none. */
    public static String methodOf(String dirName) {
        return dirName != null && METHOD_DIR.matcher(dirName).matches() ? dirName.replace('-', '+') : null;
    }

    /** The directory name of a seed: {@code seed-<k>}. */
    public static String seedDir(int seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        }
        return "seed-" + seed;
    }

    /** The seed of a {@code seed-<k>} directory name, or -1 if it is not one. */
    public static int seedOf(String dirName) {
        return dirName != null && SEED_DIR.matcher(dirName).matches() ? Integer.parseInt(dirName.substring(5)) : -1;
    }

    /** The run directory of a method and seed, relative to the experiment directory. */
    public static String runDir(int seed, String method) {
        return seedDir(seed) + "/" + dirName(method);
    }

    /**
     * The iterations done at a periodic checkpoint ({@code iter-000010 -> 10}), or -1 if {@code checkpoint} is
     * not one.
     */
    public static long iterationOf(String checkpoint) {
        if (checkpoint == null || !checkpoint.matches("iter-[0-9]{1,12}")) {
            return -1;
        }
        return Long.parseLong(checkpoint.substring(ITERATION_CHECKPOINT_PREFIX.length()));
    }

    /**
     * Whether {@code method} is a cold start rather than an RL method: {@code sft} or an SFT variant such as
     * {@code sft+critic} (a single evaluation at iteration 0, no RL iterations).
     */
    public static boolean isColdStart(String method) {
        return method != null && (method.equals(SFT_CHECKPOINT) || method.startsWith(SFT_CHECKPOINT + "+"));
    }

    /** The baseline of a {@code +gcd} method ({@code grpo+gcd -> grpo}), or {@code null} for other methods. */
    public static String baselineOf(String method) {
        if (method != null && method.endsWith(GCD_SUFFIX) && method.length() > GCD_SUFFIX.length()) {
            return method.substring(0, method.length() - GCD_SUFFIX.length());
        }
        return null;
    }

    /** Table order: the standard methods first in their order, then others alphabetically. */
    public static final Comparator<String> METHOD_ORDER = Comparator
            .comparingInt((String m) -> {
                int i = STANDARD_METHODS.indexOf(m);
                return i < 0 ? STANDARD_METHODS.size() : i;
            })
            .thenComparing(Comparator.naturalOrder());
}
