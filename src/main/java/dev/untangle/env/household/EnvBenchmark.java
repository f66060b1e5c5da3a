package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Environment throughput (written for the household world, usable with any suite) on one thread: plays random
 * tasks from a pool of at most {@value #POOL} tasks of a split with random admissible commands (or an expert's
 * commands) for a while and counts steps. Every step computes the next admissible commands, and resets count
 * in the measured time. The pool's tasks are generated first (a one-time cost per task, reported separately
 * as milliseconds per task), then an uncounted warm-up lets the JIT compile the step path.
 */
public final class EnvBenchmark {

    /** Most tasks in the pool the benchmark draws from. */
    public static final int POOL = 1000;

    private EnvBenchmark() {
    }

    /** Where the commands come from. */
    public enum Mode {
        /** A uniformly random admissible command each step. */
        RANDOM,
        /** The searcher expert. */
        SEARCHER,
        /** The oracle expert. */
        ORACLE;

        /** Parses {@code random}, {@code searcher} or {@code oracle}. */
        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new EnvironmentException("unknown benchmark mode '" + s + "'; known: [random, searcher, oracle]");
            }
        }
    }

    /**
     * The outcome.
     *
     * @param mode           command source
     * @param split          split played
     * @param seconds        measured seconds (after warm-up)
     * @param steps          steps in the measured time
     * @param episodes       episodes started in the measured time
     * @param stepsPerSecond steps / seconds
     * @param cpuSeconds     CPU time of the benchmark thread in the measured time
     * @param stepsPerCpuSecond steps / cpuSeconds: throughput of one busy core, less sensitive to other load
     * @param tasks          tasks in the pool
     * @param generationMillisPerTask mean time to build (and validate) a task the first time it is used
     */
    public record Result(String mode, String split, double seconds, long steps,
                         long episodes, double stepsPerSecond, double cpuSeconds, double stepsPerCpuSecond,
                         int tasks, double generationMillisPerTask) {
    }

    /**
     * Runs the benchmark.
     *
     * @param seconds measured duration, > 0
     * @param warmup  uncounted warm-up seconds, >= 0
     * @param seed    seed of the task and command choice
     */
    public static Result run(EnvironmentSuite suite, String split, Mode mode, double seconds, double warmup,
                             long seed) {
        if (!(seconds > 0) || seconds > 3600) {
            throw new EnvironmentException("benchmark seconds must be in (0, 3600], got " + seconds);
        }
        if (!(warmup >= 0) || warmup > 3600) {
            throw new EnvironmentException("benchmark warm-up seconds must be in [0, 3600], got " + warmup);
        }
        int size = suite.split(split).size();
        SplittableRandom rng = new SplittableRandom(seed);
        String modeName = mode.name().toLowerCase(Locale.ROOT);
        Expert expert = mode == Mode.RANDOM ? null : suite.expert(modeName).orElseThrow(() ->
                new EnvironmentException("environment " + suite.name() + " has no expert '" + modeName + "'"));
        try (TextEnvironment env = suite.create()) {
            int[] pool = pool(size, rng);
            long t0 = System.nanoTime();
            for (int id : pool) {
                suite.task(split, id);
            }
            double genMs = (System.nanoTime() - t0) / 1e6 / pool.length;
            play(env, expert, rng, split, pool, warmup);
            long[] measured = play(env, expert, rng, split, pool, seconds);
            double secs = measured[2] / 1e9;
            double cpu = measured[3] / 1e9;
            return new Result(modeName, split, secs, measured[0], measured[1], measured[0] / secs, cpu,
                    cpu > 0 ? measured[0] / cpu : Double.NaN, pool.length, genMs);
        }
    }

    /** A random choice of at most {@link #POOL} distinct task ids. */
    private static int[] pool(int size, SplittableRandom rng) {
        int[] ids = new int[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return java.util.Arrays.copyOf(ids, Math.min(size, POOL));
    }

    /** Returns {steps, episodes, wall nanos, thread CPU nanos (0 when not measurable)}. */
    private static long[] play(TextEnvironment env, Expert expert, SplittableRandom rng, String split, int[] pool,
                               double seconds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long steps = 0;
        long episodes = 0;
        long now = start;
        while (now < deadline) {
            Reset reset = env.reset(split, pool[rng.nextInt(pool.length)]);
            episodes++;
            if (expert != null) {
                expert.begin(env, reset);
            }
            String obs = reset.observation();
            List<String> adm = reset.admissible();
            boolean done = false;
            while (!done) {
                String cmd = expert != null ? expert.next(env, obs) : adm.get(rng.nextInt(adm.size()));
                StepResult r = env.step(cmd);
                obs = r.observation();
                adm = r.admissible();
                done = r.done();
                steps++;
            }
            now = System.nanoTime();
        }
        long cpu = cpuTime ? threads.getCurrentThreadCpuTime() - cpuStart : 0;
        return new long[] {steps, episodes, now - start, cpu};
    }
}
