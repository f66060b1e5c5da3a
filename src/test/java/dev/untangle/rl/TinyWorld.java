package dev.untangle.rl;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A two-step text world with a known optimum (like SB3's IdentityEnv): the agent sees "COLOR door" and must
 * "open COLOR", then sees "COLOR2 key" and must "take COLOR2". A wrong admissible command leaves the state
 * unchanged; anything else is invalid. Task id {@code i}: door colour {@code i % 3}, key colour
 * {@code (i / 3) % 3}. Splits {@code train} and {@code L0} hold 9 tasks each. Optimal return: 1 in 2 steps.
 */
public final class TinyWorld implements EnvironmentSuite {

    /** The world's words (the tiny policy's vocabulary). */
    public static final List<String> WORDS = List.of("red", "blue", "green", "door", "key", "open", "take", "good",
            "bad");
    private static final List<String> COLORS = List.of("red", "blue", "green");

    /** Task ids whose environment fails on its first step (to test failure handling). */
    private final java.util.Set<Integer> failing;

    /** A world without failures. */
    public TinyWorld() {
        this(java.util.Set.of());
    }

    /** A world whose listed train task ids throw EnvironmentException on their first step. */
    public TinyWorld(java.util.Set<Integer> failing) {
        this.failing = java.util.Set.copyOf(failing);
    }

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public List<SplitInfo> splits() {
        return List.of(new SplitInfo("train", 9, "all tasks"), new SplitInfo("L0", 9, "same tasks"));
    }

    @Override
    public TaskSpec task(String split, int taskId) {
        checkTaskId(split, taskId);
        return new TaskSpec(split, taskId, "door", "open the door and take the key");
    }

    @Override
    public List<String> taskTypes() {
        return List.of("door");
    }

    @Override
    public List<String> corpus() {
        return WORDS;
    }

    @Override
    public boolean closedVocabulary() {
        return true;
    }

    @Override
    public List<String> experts() {
        return List.of("searcher");
    }

    @Override
    public Optional<Expert> expert(String name) {
        if (!name.equals("searcher")) {
            return Optional.empty();
        }
        return Optional.of(new Expert() {
            @Override
            public String name() {
                return "searcher";
            }

            @Override
            public void begin(TextEnvironment env, Reset reset) {
            }

            @Override
            public String next(TextEnvironment env, String lastObservation) {
                String[] w = lastObservation.split(" ");
                return (w[1].equals("door") ? "open " : "take ") + w[0];
            }
        });
    }

    @Override
    public TextEnvironment create() {
        return new TextEnvironment() {
            private TaskSpec task;
            private int stage;
            private int steps;

            private String observation() {
                int id = task.taskId();
                return stage == 0 ? COLORS.get(id % 3) + " door" : COLORS.get((id / 3) % 3) + " key";
            }

            @Override
            public Reset reset(String split, int taskId) {
                task = TinyWorld.this.task(split, taskId);
                stage = 0;
                steps = 0;
                return new Reset(task, observation(), admissible());
            }

            @Override
            public StepResult step(String command) {
                if (task == null) {
                    throw new EnvironmentException("no task is running");
                }
                if (failing.contains(task.taskId())) {
                    throw new EnvironmentException("tiny world " + task.key() + " failed on purpose");
                }
                steps++;
                boolean valid = admissible().contains(command);
                String want = (stage == 0 ? "open " : "take ")
                        + COLORS.get(stage == 0 ? task.taskId() % 3 : (task.taskId() / 3) % 3);
                boolean won = false;
                if (command.equals(want)) {
                    stage++;
                    won = stage == 2;
                }
                boolean done = won || steps >= 4;
                return new StepResult(won ? "red door" : observation(), won ? 1 : 0, won ? 1 : 0, done, won, valid,
                        won ? List.of() : admissible());
            }

            @Override
            public List<String> admissible() {
                List<String> out = new ArrayList<>();
                for (String verb : List.of("open", "take")) {
                    for (String c : COLORS) {
                        out.add(verb + " " + c);
                    }
                }
                return out;
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
            }
        };
    }
}
