package dev.untangle.env.science;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in ScienceWorld-style science world: splits {@code train}, {@code L0}, {@code L1}, {@code L2}
 * (see docs/ENVIRONMENTS.md), experts {@code oracle} and {@code searcher}. Immutable and thread-safe.
 */
public final class ScienceSuite implements EnvironmentSuite {

    /** The environment name. */
    public static final String NAME = "science";

    private final ScienceOptions options;
    private final ScienceSplits splits;

    /** Creates the suite with the given options. */
    public ScienceSuite(ScienceOptions options) {
        this.options = options;
        this.splits = new ScienceSplits(options.trainSize());
    }

    /** The options this suite was built with. */
    public ScienceOptions options() {
        return options;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SplitInfo> splits() {
        return splits.infos();
    }

    @Override
    public TaskSpec task(String split, int taskId) {
        checkTaskId(split, taskId);
        return scene(split, taskId).spec;
    }

    /** The task type of a task, without building its scene. */
    public String taskType(String split, int taskId) {
        checkTaskId(split, taskId);
        return splits.variation(split, taskId).type().id();
    }

    /** ScienceWorld's topic of a task type name (for example {@code Matter} for {@code boil}). */
    public static String topic(String taskType) {
        for (TaskType t : TaskType.values()) {
            if (t.id().equals(taskType)) {
                return t.topic();
            }
        }
        throw new IllegalArgumentException("no science task type " + taskType);
    }

    /** Number of tasks per task type in a split (types with none left out), in the suite's type order. */
    public Map<String, Integer> typeCounts(String split) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : taskTypes()) {
            counts.put(t, 0);
        }
        for (int id = 0; id < split(split).size(); id++) {
            counts.merge(taskType(split, id), 1, Integer::sum);
        }
        counts.values().removeIf(c -> c == 0);
        return counts;
    }

    @Override
    public List<String> taskTypes() {
        return Arrays.stream(TaskType.values()).map(TaskType::id).toList();
    }

    @Override
    public TextEnvironment create() {
        return new ScienceEnvironment(this, options.maxSteps());
    }

    @Override
    public boolean reportsProgress() {
        return true;
    }

    @Override
    public Optional<Expert> expert(String name) {
        return switch (name) {
            case "oracle" -> Optional.of(Planner.oracle());
            case "searcher" -> Optional.of(Planner.searcher());
            default -> Optional.empty();
        };
    }

    @Override
    public List<String> experts() {
        return List.of("oracle", "searcher");
    }

    @Override
    public List<String> corpus() {
        return ScienceText.corpus();
    }

    /** Temperatures are open numbers, spelled by the tokenizer's character fallback. */
    @Override
    public boolean closedVocabulary() {
        return false;
    }

    Scene scene(String split, int taskId) {
        return SceneGenerator.build(split, taskId, splits.variation(split, taskId));
    }
}
