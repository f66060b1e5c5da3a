package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.util.List;

/**
 * An AgentGym environment server (or several serving the same data) behind the environment API. Task ids of a
 * split map to the server's game / data index ({@link SplitRange}); instances are placed on the least-loaded
 * server when they first reset. Immutable and thread-safe.
 */
public final class RemoteSuite implements EnvironmentSuite {

    private final Flavour flavour;
    private final FlavourClient client;
    private final RemoteOptions options;
    private final AgentGymHttp http;
    private final List<SplitRange> splits;
    private final List<String> taskTypes;
    private final List<String> corpus;
    private final boolean closedVocabulary;

    /**
     * Creates the suite.
     *
     * @param flavour the server dialect
     * @param options servers, splits, timeouts and retries
     */
    public RemoteSuite(Flavour flavour, RemoteOptions options) {
        this.flavour = flavour;
        this.client = new FlavourClient(flavour);
        this.options = options;
        this.http = new AgentGymHttp(name(), options);
        if (options.splitsFromServer()) {
            SuiteInfo info = SuiteInfo.fetch(http);
            this.splits = info.splits();
            this.taskTypes = info.taskTypes();
            this.closedVocabulary = info.closedVocabulary();
            this.corpus = closedVocabulary ? info.corpus() : concat(flavour.vocabulary(), info.corpus());
        } else {
            this.splits = options.splits();
            this.taskTypes = flavour.taskTypes();
            this.corpus = flavour.vocabulary();
            this.closedVocabulary = false;
        }
    }

    @Override
    public String name() {
        return "agentgym:" + flavour.name();
    }

    /** The server dialect. */
    public Flavour flavour() {
        return flavour;
    }

    /** The client that speaks the flavour. */
    FlavourClient client() {
        return client;
    }

    /** The options this suite was built with. */
    public RemoteOptions options() {
        return options;
    }

    /** The HTTP side (servers and their load). */
    public AgentGymHttp http() {
        return http;
    }

    @Override
    public List<SplitInfo> splits() {
        return splits.stream().map(SplitRange::info).toList();
    }

    /** The range of a split, naming the known splits when there is none. */
    public SplitRange range(String split) {
        split(split);
        return splits.stream().filter(r -> r.name().equals(split)).findFirst().orElseThrow();
    }

    /**
     * Describes a task without contacting a server: the type is the flavour name and the goal empty, since
     * only the server knows them; {@link TextEnvironment#reset} reports the real ones.
     */
    @Override
    public TaskSpec task(String split, int taskId) {
        checkTaskId(split, taskId);
        return new TaskSpec(split, taskId, flavour.name(), "");
    }

    @Override
    public List<String> taskTypes() {
        return taskTypes;
    }

    /**
     * The flavour's declared vocabulary ({@link Flavour#vocabulary()}), followed by the served suite's corpus with
     * {@code splits=server}; with {@code splits=server} and a server that declares its vocabulary closed
     * ({@code untangle serve} of a built-in world), the served corpus alone, so that the model is the in-process
     * one.
     */
    @Override
    public List<String> corpus() {
        return corpus;
    }

    /**
     * False (the tokenizer spells words outside {@link #corpus()}), unless {@code splits=server} read a server that
     * declares its corpus closed.
     */
    @Override
    public boolean closedVocabulary() {
        return closedVocabulary;
    }

    /** The splits as server index ranges. */
    public List<SplitRange> ranges() {
        return splits;
    }

    /** A new environment; it contacts a server only on its first reset. */
    @Override
    public TextEnvironment create() {
        return new RemoteEnvironment(this);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
