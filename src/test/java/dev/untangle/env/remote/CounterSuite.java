package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny deterministic test world, {@code test-counter}: task {@code k} asks to bring a counter from 0 to
 * {@code 2 + k % 3} with {@code inc} and {@code dec}; {@code look} inspects; anything else does nothing. The
 * episode ends when the target is reached (reward 1, won) or after 8 steps.
 */
final class CounterSuite implements EnvironmentSuite {

    static final int STEP_LIMIT = 8;

    @Override
    public String name() {
        return "test-counter";
    }

    @Override
    public List<SplitInfo> splits() {
        return List.of(new SplitInfo("train", 5, "five targets"), new SplitInfo("test", 3, "three targets"));
    }

    @Override
    public TaskSpec task(String split, int taskId) {
        checkTaskId(split, taskId);
        int target = target(split, taskId);
        return new TaskSpec(split, taskId, target % 2 == 0 ? "count_even" : "count_odd", "reach " + target);
    }

    static int target(String split, int taskId) {
        return 2 + (taskId + (split.equals("test") ? 1 : 0)) % 3;
    }

    @Override
    public List<String> taskTypes() {
        return List.of("count_even", "count_odd");
    }

    @Override
    public List<String> corpus() {
        return List.of("Your task is to: reach 2 3 4.", "The counter shows 0 1 2 3 4.", "You see a counter showing",
                "Nothing happens.", "inc dec look");
    }

    @Override
    public boolean closedVocabulary() {
        return true;
    }

    @Override
    public TextEnvironment create() {
        return new Counter(this);
    }

    /** One live counter. */
    static final class Counter implements TextEnvironment {
        private final CounterSuite suite;
        private TaskSpec task;
        private int value;
        private int steps;
        private boolean done;
        private boolean closed;

        Counter(CounterSuite suite) {
            this.suite = suite;
        }

        @Override
        public Reset reset(String split, int taskId) {
            if (closed) {
                throw new EnvironmentException("closed");
            }
            task = suite.task(split, taskId);
            value = 0;
            steps = 0;
            done = false;
            return new Reset(task, "Your task is to: " + task.goal() + ".\nThe counter shows 0.", admissible());
        }

        @Override
        public StepResult step(String command) {
            if (task == null || done) {
                throw new EnvironmentException("no running task");
            }
            steps++;
            boolean valid = true;
            String obs;
            switch (command) {
                case "inc" -> {
                    value++;
                    obs = "The counter shows " + value + ".";
                }
                case "dec" -> {
                    if (value == 0) {
                        valid = false;
                        obs = "Nothing happens.";
                    } else {
                        value--;
                        obs = "The counter shows " + value + ".";
                    }
                }
                case "look" -> obs = "You see a counter showing " + value + ".";
                default -> {
                    valid = false;
                    obs = "Nothing happens.";
                }
            }
            boolean won = value == target(task.split(), task.taskId());
            done = won || steps >= STEP_LIMIT;
            double r = won ? 1.0 : 0.0;
            return new StepResult(obs, r, r, done, won, valid, admissible());
        }

        @Override
        public List<String> admissible() {
            List<String> a = new ArrayList<>(List.of("inc", "look"));
            if (value > 0) {
                a.add(1, "dec");
            }
            return a;
        }

        @Override
        public TaskSpec task() {
            return task;
        }

        @Override
        public int steps() {
            return steps;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
