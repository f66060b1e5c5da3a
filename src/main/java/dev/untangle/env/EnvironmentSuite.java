package dev.untangle.env;

import java.util.List;
import java.util.Optional;

/**
 * A family of tasks with named splits, and a factory of live environments that play them.
 *
 * <p>Implemented by the built-in household world and by remote environment servers. A suite is immutable and
 * thread-safe; the environments it creates are not.
 */
public interface EnvironmentSuite {

    /** Suite name as used in configs, for example {@code household} or {@code agentgym:alfworld}. */
    String name();

    /** The splits of this suite, in a stable order. */
    List<SplitInfo> splits();

    /**
     * Looks a split up by name.
     *
     * @throws EnvironmentException naming the known splits when there is no such split
     */
    default SplitInfo split(String name) {
        for (SplitInfo s : splits()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new EnvironmentException("unknown split '" + name + "' for environment " + name()
                + "; known splits: " + splits().stream().map(SplitInfo::name).toList());
    }

    /**
     * Describes a task without starting it.
     *
     * @throws EnvironmentException for an unknown split or an out-of-range task id
     */
    TaskSpec task(String split, int taskId);

    /**
     * Whether this suite's environments report a progress signal with every step
     * ({@link TextEnvironment#reportsProgress()}), which the {@code progress} GCD label source needs.
     */
    default boolean reportsProgress() {
        return false;
    }

    /** The task-type names this suite can produce, in a stable order (for per-type reports). */
    List<String> taskTypes();

    /** Creates a new live environment. The caller closes it. */
    TextEnvironment create();

    /**
     * An expert that can solve this suite's tasks, if the suite has one by that name.
     *
     * @param name expert name, for example {@code searcher} or {@code oracle}
     */
    default Optional<Expert> expert(String name) {
        return Optional.empty();
    }

    /**
     * Text that declares the words this suite's observations, goals and commands use, in a stable order, for
     * building a word-level vocabulary (for example the catalogue names, message templates and command grammar).
     * It never depends on what a server answers, so the vocabulary (and with it the model's shape) is the same on
     * every run. When it does not cover every word ({@link #closedVocabulary()} false), the built-in tokenizer
     * adds its character fallback and spells the other words (docs/ALGORITHMS.md "Tokenizer").
     */
    default List<String> corpus() {
        return List.of();
    }

    /**
     * True when {@link #corpus()} holds every word an observation, goal or command of this suite can contain (a
     * closed world such as the built-in household, also when {@code untangle serve} serves it and says so); false
     * for worlds whose text is open (AgentGym's own servers).
     */
    default boolean closedVocabulary() {
        return false;
    }

    /** Names of the experts this suite offers (empty when it has none). */
    default List<String> experts() {
        return List.of();
    }

    /**
     * Checks a task id against its split.
     *
     * @throws EnvironmentException naming the valid range when the id is outside it
     */
    default void checkTaskId(String split, int taskId) {
        SplitInfo info = split(split);
        if (taskId < 0 || taskId >= info.size()) {
            throw new EnvironmentException("task id " + taskId + " is outside split " + split
                    + " of " + name() + " (valid: 0.." + (info.size() - 1) + ")");
        }
    }
}
