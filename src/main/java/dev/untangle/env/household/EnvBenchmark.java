package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Household throughput on one thread: plays random tasks of a split with random admissible commands (or an
 * expert's commands) for a while and counts steps. Every step computes the next admissible commands.
 * Resets (and first-time task generation) count in the elapsed time. A warm-up of a fifth of the time (at
 * most 2 s) runs first and is not counted.
 */
public final class EnvBenchmark {

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
     * @param sceneSize      scene size
     * @param grammar        grammar
     * @param seconds        measured seconds (after warm-up)
     * @param steps          steps in the measured time
     * @param episodes       episodes started in the measured time
     * @param stepsPerSecond steps / seconds
     */
    public record Result(String mode, String split, String sceneSize, String grammar, double seconds, long steps,
                         long episodes, double stepsPerSecond) {
    }

    /**
     * Runs the benchmark.
     *
     * @param seconds measured duration, > 0
     * @param seed    seed of the task and command choice
     */
    public static Result run(HouseholdSuite suite, String split, Mode mode, double seconds, long seed) {
        if (!(seconds > 0) || seconds > 3600) {
            throw new EnvironmentException("benchmark seconds must be in (0, 3600], got " + seconds);
        }
        int size = suite.split(split).size();
        SplittableRandom rng = new SplittableRandom(seed);
        Expert expert = mode == Mode.RANDOM ? null
                : suite.expert(mode.name().toLowerCase(Locale.ROOT)).orElseThrow();
        try (TextEnvironment env = suite.create()) {
            play(env, expert, rng, split, size, Math.min(2.0, seconds / 5));
            long[] measured = play(env, expert, rng, split, size, seconds);
            double secs = measured[2] / 1e9;
            return new Result(mode.name().toLowerCase(Locale.ROOT), split, suite.options().sceneSize().key(),
                    suite.options().grammar().key(), secs, measured[0], measured[1], measured[0] / secs);
        }
    }

    /** Returns {steps, episodes, nanos}. */
    private static long[] play(TextEnvironment env, Expert expert, SplittableRandom rng, String split, int size,
                               double seconds) {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long steps = 0;
        long episodes = 0;
        long now = start;
        while (now < deadline) {
            Reset reset = env.reset(split, rng.nextInt(size));
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
        return new long[] {steps, episodes, now - start};
    }
}
