package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.StepResult;
import java.util.List;

/**
 * TextCraft ({@code agentenv-textcraft}): {@code /create} takes {@code {"commands", "goal"}} and already resets
 * the new instance to {@code data_idx = id}; this client resets it again to the task asked for.
 * {@code /reset} takes {@code data_idx} (goal {@code data_idx % number_of_craftable_items}). No admissible
 * commands ({@code craft X using Y}, {@code get N X}, {@code inventory} are free text). Reward 0 or 1 (1 when
 * the goal item is made); won means reward 1. The server does not refuse steps after the end; this client
 * does, like for the other flavours.
 */
public final class TextcraftFlavour implements Flavour {

    /** TextCraft's commands and messages; item names come from Minecraft's recipes and are spelt when new. */
    static final List<String> VOCABULARY = List.of(
            "get", "craft using", "inventory",
            "Crafting commands: Goal: craft Got Could not find Crafted Inventory: [ ] minecraft:",
            "You are carrying Could not find a valid recipe for that item. Could not execute",
            "oak spruce birch jungle acacia dark log planks wood stick iron gold diamond emerald copper netherite "
                    + "ingot nugget block stone cobblestone sand glass string wool red white black blue green "
                    + "yellow dye slab stairs fence gate door button pressure plate sign boat chest table",
            "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 32 64");

    @Override
    public List<String> vocabulary() {
        return VOCABULARY;
    }

    @Override
    public String name() {
        return "textcraft";
    }

    @Override
    public List<SplitRange> defaultSplits() {
        return List.of(new SplitRange("train", 0, 1000));
    }

    @Override
    public long create(Endpoint ep) {
        ObjectNode body = AgentGymHttp.mapper().createObjectNode();
        body.putNull("commands");
        body.putNull("goal");
        return ep.create(body, a -> ep.id(a, "id", "POST /create"));
    }

    @Override
    public ResetData reset(Endpoint ep, long id, int serverIndex, RemoteOptions options) {
        ObjectNode body = ep.body(id);
        body.put("data_idx", serverIndex);
        String what = "POST /reset";
        JsonNode a = ep.post("/reset", body, Retry.IDEMPOTENT);
        String obs = ep.text(a, "observation", what);
        return new ResetData(name(), Texts.after(obs, "Goal:"), obs, List.of());
    }

    @Override
    public StepResult step(Endpoint ep, long id, String action) {
        ObjectNode body = ep.body(id);
        body.put("action", action);
        String what = "POST /step";
        JsonNode a = ep.post("/step", body, Retry.NEVER);
        String obs = ep.text(a, "observation", what);
        double reward = ep.number(a, "reward", what);
        boolean done = ep.bool(a, "done", what);
        boolean valid = !obs.startsWith("Could not");
        return new StepResult(obs, Flavour.clamp01(reward), reward, done, reward >= 1.0, valid, List.of());
    }

    /**
     * AgentGym's TextCraft client deletes every character of the extracted command outside {@code [A-Za-z0-9, ]}
     * and collapses runs of whitespace ({@code get 9 emerald.} is sent as {@code get 9 emerald}).
     */
    @Override
    public String normalizeAction(String action) {
        String a = action.replaceAll("[^A-Za-z0-9, ]+", "").strip();
        return a.isEmpty() ? a : String.join(" ", a.split("\\s+"));
    }

    @Override
    public String probeAction() {
        return "inventory";
    }

    @Override
    public List<String> readEndpoints() {
        return List.of("/observation", "/detail");
    }
}
