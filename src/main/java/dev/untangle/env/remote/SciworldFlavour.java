package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.StepResult;
import java.util.List;

/**
 * ScienceWorld ({@code agentenv-sciworld}): {@code /reset} takes {@code data_idx} (a flat list of every
 * variation of 23 tasks, 4639 entries); no admissible commands are given (only templates via
 * {@code /action_hint}). The server reports {@code reward} (the score change of this step) and {@code score}
 * (cumulative, 0-100, negative on failure). AgentGym uses the cumulative score as the reward; here the raw
 * reward is that cumulative score and the normalised reward is {@code clamp(score, 0, 100) / 100} on the
 * step that ends the episode and 0 before it, so an episode's rewards sum to its final normalised score.
 * Won means done with score 100. The reset observation is {@code task_description + "\n" + observation}.
 */
public final class SciworldFlavour implements Flavour {

    /** ScienceWorld's action templates, locations and task wording. */
    static final List<String> VOCABULARY = List.of(
            "look around", "look at", "look in", "open", "close", "go to", "pick up", "put down", "move to",
            "pour into", "dunk into", "activate", "deactivate", "use on", "connect to", "disconnect", "mix",
            "focus on", "wait", "wait1", "inventory", "read", "eat", "flush", "task", "teleport to", "drop",
            "kitchen bathroom workshop art studio greenhouse outside foundry hallway bedroom living room",
            "This room is called the In it, you see: You also see: A door to the (that is open) (that is closed)",
            "Your task is to: First, then. the a an of substance in on water ice steam orange juice",
            "boil melt freeze measure temperature thermometer stove freezer fridge sink battery wire light bulb "
                    + "switch red green blue yellow violet orange paint seed soil flower pot plant animal living "
                    + "thing non-living electrical conductivity conductor insulator unknown substance",
            "You move to the You focus on the You are carrying: Nothing happens. No known action matches that input.",
            "0 1 2 3 4 5 6 7 8 9 10 100 degrees celsius");

    @Override
    public List<String> vocabulary() {
        return VOCABULARY;
    }

    @Override
    public String name() {
        return "sciworld";
    }

    @Override
    public List<SplitRange> defaultSplits() {
        return List.of(new SplitRange("train", 0, 4639));
    }

    @Override
    public long create(Endpoint ep) {
        return ep.create(null, a -> ep.id(a, "id", "POST /create"));
    }

    @Override
    public ResetData reset(Endpoint ep, long id, int serverIndex, RemoteOptions options) {
        ObjectNode body = ep.body(id);
        body.put("data_idx", serverIndex);
        String what = "POST /reset";
        JsonNode a = ep.post("/reset", body, Retry.IDEMPOTENT);
        String description = ep.text(a, "task_description", what);
        String obs = ep.text(a, "observation", what);
        return new ResetData(name(), description.strip(), description + "\n" + obs, List.of());
    }

    @Override
    public StepResult step(Endpoint ep, long id, String action) {
        ObjectNode body = ep.body(id);
        body.put("action", action);
        String what = "POST /step";
        JsonNode a = ep.post("/step", body, Retry.NEVER);
        String obs = ep.text(a, "observation", what);
        double score = ep.number(a, "score", what);
        boolean done = ep.bool(a, "done", what);
        double reward = done ? Flavour.clamp01(score / 100.0) : 0.0;
        boolean valid = !obs.startsWith("No known action matches");
        return new StepResult(obs, reward, score, done, done && score >= 100.0, valid, List.of());
    }

    @Override
    public String probeAction() {
        return "look around";
    }

    @Override
    public List<String> readEndpoints() {
        return List.of("/observation", "/detail");
    }
}
