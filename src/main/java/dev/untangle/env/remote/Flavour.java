package dev.untangle.env.remote;

import dev.untangle.env.StepResult;
import java.util.List;

/**
 * One AgentGym environment server's dialect: field names, request and answer shapes, reward semantics and
 * quirks (see docs/ENVIRONMENTS.md). Implementations are stateless.
 */
public interface Flavour {

    /** Short name, for example {@code alfworld}; the suite is called {@code agentgym:<name>}. */
    String name();

    /** The id field in bodies and queries ({@code id}, or {@code env_idx} for WebShop). */
    default String idField() {
        return "id";
    }

    /**
     * The words this environment declares: its command templates, its fixed messages and the names its tasks are
     * made of, as far as they are fixed by the environment's code (docs/ENVIRONMENTS.md). The tokenizer is built
     * from these alone, plus a character fallback for everything else (server-generated names), so the model's
     * shape never depends on which server answered.
     */
    List<String> vocabulary();

    /** Splits used when option {@code splits} is absent. */
    List<SplitRange> defaultSplits();

    /** Requests in flight per server when option {@code max_in_flight} is absent. */
    default int defaultMaxInFlight() {
        return 4;
    }

    /** Task types reset may report, in a stable order. */
    default List<String> taskTypes() {
        return List.of(name());
    }

    /**
     * Creates a server-side environment instance.
     *
     * @return its id
     */
    long create(Endpoint ep);

    /**
     * Starts the task with the given server index on instance {@code id}.
     *
     * @param options the suite options (for example {@code world_type})
     */
    ResetData reset(Endpoint ep, long id, int serverIndex, RemoteOptions options);

    /** Plays one action on instance {@code id}; rewards are normalised to [0, 1], the raw value kept. */
    StepResult step(Endpoint ep, long id, String action);

    /**
     * The command as AgentGym's own client for this environment sends it to {@code /step} (its {@code step} in
     * {@code agentenv/envs/<name>.py}), after that client has taken the command out of the model's ReAct reply
     * ({@code Thought: ... Action: <command>}). Our policies emit the bare command, so only what the clients do to
     * the extracted command applies. ALFWorld, SciWorld, BabyAI and WebShop: it is stripped of surrounding
     * whitespace (the default).
     */
    default String normalizeAction(String action) {
        return action.strip();
    }

    /** A harmless command for probing a server when it lists no admissible commands. */
    default String probeAction() {
        return "look";
    }

    /** Read-only GET endpoints (besides {@code /observation}) this server is documented to offer. */
    default List<String> readEndpoints() {
        return List.of("/observation");
    }

    /** Normalises a reward into [0, 1]; NaN becomes 0. */
    static double clamp01(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(0, Math.min(1, v));
    }

    /** The flavour of {@code agentgym:<name>}, or {@code null} when there is none. */
    static Flavour byName(String name) {
        return switch (name) {
            case "alfworld" -> new AlfworldFlavour();
            case "sciworld" -> new SciworldFlavour();
            case "babyai" -> new BabyaiFlavour();
            case "textcraft" -> new TextcraftFlavour();
            case "webshop" -> new WebshopFlavour();
            default -> null;
        };
    }

    /** The short names of every flavour. */
    static List<String> names() {
        return List.of("alfworld", "babyai", "sciworld", "textcraft", "webshop");
    }
}
