package dev.untangle.env.science;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live science episode, laid out like ScienceWorld: the {@link Parser} matches a command against the action
 * templates and the names of the things the agent can see (its location, through open containers, and its
 * inventory; a substance answers to its base name in every state, which is how commands name it); the
 * {@link Actions} carry it out on the {@link World}; every executed command advances the world's clock one tick
 * ({@code wait}: ten), in which the processes run thing by thing ({@link HeatTransfer}: heaters and coolers move
 * their contents' temperatures; {@link PlantGrowth}: potted plants with soil and water grow; wiring and mixing,
 * {@link ElectricalCircuit} and {@link PaintMixing}, act when an action calls them); {@link Goals} scores it. A
 * command no template or visible thing matches answers {@code No known action matches that input.}, one that
 * matches but cannot be done answers ScienceWorld's reason; neither changes the world, and both count as a step.
 * The score (0-100) follows ScienceWorld's goal sequences; a {@code focus on} aimed at the wrong thing fails the
 * task (done, score 0). A step's reward and progress are the score change / 100 (negative on the failing step, so
 * an episode's rewards sum to its final score / 100); its raw reward is the change in points. Not thread-safe.
 */
public final class ScienceEnvironment implements TextEnvironment {

    /** Longest command accepted; a longer one raises {@link EnvironmentException}. */
    public static final int MAX_COMMAND_CHARS = 300;

    /** Most scenes kept with their command strings, per environment. */
    private static final int CACHE = 2048;

    private final ScienceSuite suite;
    private final int maxSteps;
    private final Map<String, Commands> cache = new LinkedHashMap<>();

    private Scene s;
    private Commands commands;
    private World world;
    private Parser parser;
    private Actions actions;
    private HeatTransfer heat;
    private PlantGrowth growth;
    private Goals goals;
    private Descriptions text;
    private int steps;
    private boolean done;

    private List<String> admList = List.of();

    ScienceEnvironment(ScienceSuite suite, int maxSteps) {
        this.suite = suite;
        this.maxSteps = maxSteps;
    }

    @Override
    public Reset reset(String split, int taskId) {
        suite.checkTaskId(split, taskId);
        String key = split + "/" + taskId;
        Commands l = cache.get(key);
        if (l == null) {
            if (cache.size() >= CACHE) {
                cache.clear();
            }
            l = new Commands(suite.scene(split, taskId));
            cache.put(key, l);
        }
        return load(l);
    }

    /** Starts playing a scene (tests use hand-built ones). */
    Reset load(Scene scene) {
        return load(new Commands(scene));
    }

    private Reset load(Commands l) {
        commands = l;
        s = l.scene;
        world = new World(s);
        ElectricalCircuit circuit = new ElectricalCircuit(world);
        heat = new HeatTransfer(world);
        growth = new PlantGrowth(world);
        goals = new Goals(world, circuit);
        text = new Descriptions(world);
        parser = new Parser(world);
        actions = new Actions(world, goals, text, circuit, new PaintMixing(world));
        steps = 0;
        done = false;
        computeAdmissible();
        return new Reset(s.spec, s.spec.goal() + "\n" + text.lookAround(), admList);
    }

    @Override
    public StepResult step(String command) {
        if (s == null) {
            throw new EnvironmentException("science: step before reset; call reset(split, taskId) first");
        }
        if (done) {
            throw new EnvironmentException("science task " + s.spec.key() + " is over (" + (goals.won() ? "won"
                    : goals.failed() ? "failed" : "step limit " + maxSteps + " reached") + "); reset to play again");
        }
        if (command != null && command.length() > MAX_COMMAND_CHARS) {
            throw new EnvironmentException("science: a command of " + command.length() + " characters is longer than"
                    + " the limit of " + MAX_COMMAND_CHARS);
        }
        steps++;
        int before = goals.score();
        Outcome o = actions.run(parser.parse(Parser.normalize(command)));
        if (o.valid()) {
            int ticks = o.ticks();
            for (int t = 0; t < ticks && !goals.over(); t++) {
                tick();
                goals.advance();
            }
            goals.update();
            computeAdmissible();
        }
        int after = goals.score();
        done = goals.over() || steps >= maxSteps;
        double delta = (after - before) / 100.0;
        return new StepResult(o.text(), delta, after - before, done, goals.won(), o.valid(), admList, delta);
    }

    /** One tick of the world's clock: the processes, thing by thing, in thing order. */
    private void tick() {
        int[] in = world.in;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == House.GONE) {
                continue;
            }
            heat.tick(i);
            growth.tick(i);
        }
    }

    private void computeAdmissible() {
        world.refreshVisibility();
        admList = commands.admissible(world);
    }

    @Override
    public List<String> admissible() {
        return admList;
    }

    @Override
    public TaskSpec task() {
        return s == null ? null : s.spec;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public boolean reportsProgress() {
        return true;
    }

    @Override
    public void close() {
        s = null;
        cache.clear();
    }

    /** The score so far, 0-100 (0 after a failure). */
    public int score() {
        return goals.score();
    }

    /** Whether the episode has ended. */
    public boolean isDone() {
        return done;
    }

    /** Whether the task was completed. */
    public boolean isWon() {
        return goals.won();
    }

    /** Whether the task failed (a wrong {@code focus on}, a wrong answer box). */
    public boolean isFailed() {
        return goals.failed();
    }

    /** The episode's state (for the oracle, descriptions and tests). */
    World world() {
        return world;
    }

    /** The episode's parser (the oracle resolves terminals with it). */
    Parser parser() {
        return parser;
    }

    /** A text fingerprint of the full world state, for determinism tests. */
    String snapshot() {
        return world.snapshot(goals.score());
    }
}
