package dev.untangle.env.household;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Expert;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in ALFWorld-style household world: splits {@code train}, {@code L0}, {@code L1}, {@code L2}
 * (see docs/ENVIRONMENTS.md), experts {@code oracle} and {@code searcher}. Immutable and thread-safe.
 */
public final class HouseholdSuite implements EnvironmentSuite {

    /** The environment name. */
    public static final String NAME = "household";

    private final HouseholdOptions options;
    private final Catalogue cat;
    private final HouseholdSplits splits;
    private final WorldGenerator generator;
    private final List<String> corpus;

    /** Creates the suite with the given options. */
    public HouseholdSuite(HouseholdOptions options) {
        this.options = options;
        this.cat = Catalogue.standard();
        this.splits = new HouseholdSplits(options.trainSize());
        this.generator = new WorldGenerator(cat, options.sceneSize(), splits);
        this.corpus = Messages.corpus(cat);
    }

    /** The options this suite was built with. */
    public HouseholdOptions options() {
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
        return world(split, taskId).spec;
    }

    /** What a task is made of: room, floor plan and goal pairing. */
    public TaskDetails details(String split, int taskId) {
        checkTaskId(split, taskId);
        World w = world(split, taskId);
        return new TaskDetails(w.spec, w.layout.room.label(), w.layout.plan, cat.name(w.objCls),
                cat.name(w.targetCls), w.layout.receptacles(), w.objClass.length);
    }

    /** The task type of a task, without building its world. */
    public String taskType(String split, int taskId) {
        checkTaskId(split, taskId);
        return splits.typeOf(split, taskId).id();
    }

    @Override
    public List<String> taskTypes() {
        return Arrays.stream(TaskType.values()).map(TaskType::id).toList();
    }

    @Override
    public TextEnvironment create() {
        return new HouseholdEnvironment(this, cat, options.grammar(), options.maxSteps());
    }

    @Override
    public Optional<Expert> expert(String name) {
        return switch (name) {
            case "oracle" -> Optional.of(new OracleExpert());
            case "searcher" -> Optional.of(new SearcherExpert());
            default -> Optional.empty();
        };
    }

    @Override
    public List<String> experts() {
        return List.of("oracle", "searcher");
    }

    @Override
    public List<String> corpus() {
        return corpus;
    }

    @Override
    public boolean closedVocabulary() {
        return true;
    }

    World world(String split, int taskId) {
        return generator.world(split, taskId);
    }

    /**
     * The composition of one task.
     *
     * @param spec        the task
     * @param room        room type, for example {@code living room}
     * @param plan        floor-plan number (ALFRED numbering)
     * @param objectClass the goal object class
     * @param targetClass the goal receptacle class (the lamp class for look tasks)
     * @param receptacles number of receptacles in the scene
     * @param objects     number of objects (portable and fixed) in the scene
     */
    public record TaskDetails(TaskSpec spec, String room, int plan, String objectClass, String targetClass,
                              int receptacles, int objects) {
    }

    @Override
    public boolean reportsProgress() {
        return true;
    }
}
