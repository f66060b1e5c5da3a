package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Plays a suite's expert on the first tasks of a split and summarises success and episode length. */
public final class ExpertRunner {

    private ExpertRunner() {
    }

    /**
     * Figures for one task type.
     *
     * @param episodes    episodes played
     * @param successRate share of episodes won
     * @param meanSteps   mean steps per episode (won or not)
     */
    public record TypeStats(int episodes, double successRate, double meanSteps) {
    }

    /**
     * Figures for one split.
     *
     * @param split       split name
     * @param expert      expert name
     * @param episodes    episodes played (tasks 0 .. episodes-1)
     * @param successRate share of episodes won
     * @param meanSteps   mean steps per episode
     * @param byType      figures per task type, in the suite's type order (types with no episode left out)
     */
    public record Report(String split, String expert, int episodes, double successRate, double meanSteps,
                         Map<String, TypeStats> byType) {
    }

    /**
     * Runs the expert on tasks {@code 0 .. min(n, size)-1} of the split.
     *
     * @throws EnvironmentException for an unknown split or expert, or {@code n < 1}
     */
    public static Report run(EnvironmentSuite suite, String split, int n, String expertName) {
        int size = suite.split(split).size();
        if (n < 1) {
            throw new EnvironmentException("the number of episodes must be >= 1, got " + n);
        }
        Expert expert = suite.expert(expertName).orElseThrow(() -> new EnvironmentException(
                "unknown expert '" + expertName + "' for " + suite.name() + "; known: " + suite.experts()));
        int episodes = Math.min(n, size);
        Map<String, int[]> perType = new LinkedHashMap<>();
        for (String t : suite.taskTypes()) {
            perType.put(t, new int[3]);
        }
        int wins = 0;
        long steps = 0;
        try (TextEnvironment env = suite.create()) {
            for (int id = 0; id < episodes; id++) {
                Reset reset = env.reset(split, id);
                expert.begin(env, reset);
                String obs = reset.observation();
                boolean won = false;
                boolean done = false;
                while (!done) {
                    StepResult r = env.step(expert.next(env, obs));
                    obs = r.observation();
                    won = r.won();
                    done = r.done();
                }
                int[] t = perType.computeIfAbsent(reset.task().taskType(), k -> new int[3]);
                t[0]++;
                t[1] += won ? 1 : 0;
                t[2] += env.steps();
                wins += won ? 1 : 0;
                steps += env.steps();
            }
        }
        Map<String, TypeStats> byType = new LinkedHashMap<>();
        perType.forEach((type, t) -> {
            if (t[0] > 0) {
                byType.put(type, new TypeStats(t[0], (double) t[1] / t[0], (double) t[2] / t[0]));
            }
        });
        return new Report(split, expertName, episodes, (double) wins / episodes, (double) steps / episodes, byType);
    }
}
