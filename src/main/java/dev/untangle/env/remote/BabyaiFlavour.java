package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * BabyAI ({@code agentenv-babyai}): {@code /create} builds nothing yet; {@code /reset} takes {@code data_idx}
 * and plays level {@code data_idx % 40} with seed {@code data_idx / 40}. Admissible commands are inline at the
 * end of every observation ({@code Available actions: ["turn left", ...]}) and parsed from there. The
 * normalised reward is the minigrid reward of the step ({@code 1 - 0.9 * steps / max_steps} on success, else
 * 0), clamped to [0, 1]; the raw reward is the server's {@code score}, which AgentGym's client uses. Won means
 * a positive reward on a finished episode.
 */
public final class BabyaiFlavour implements Flavour {

    /** BabyAI's action names, object words and observation phrasing. */
    static final List<String> VOCABULARY = List.of(
            "turn left", "turn right", "move forward", "pick up", "drop", "toggle", "go to", "go through",
            "check available actions", "done",
            "Available actions: [ ] \" ,", "Your goal: go to pick up open put next to the a",
            "In front of you in this room, you can see several objects: There is a 1 2 3 4 5 6 7 8 9 steps "
                    + "in front of you and to your left right. The room has walls around you. You are facing a wall "
                    + "away. You are holding nothing. You are carrying", "You see a closed locked open door",
            "red green blue purple yellow grey ball box key door wall", "and then after you");

    @Override
    public List<String> vocabulary() {
        return VOCABULARY;
    }

    private static final String MARKER = "Available actions:";

    @Override
    public String name() {
        return "babyai";
    }

    @Override
    public List<SplitRange> defaultSplits() {
        return List.of(new SplitRange("train", 0, 4000), new SplitRange("test", 4000, 400));
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
        String obs = ep.text(a, "observation", what);
        return new ResetData(name(), Texts.after(obs, "Your goal:"), obs, actions(obs));
    }

    @Override
    public StepResult step(Endpoint ep, long id, String action) {
        ObjectNode body = ep.body(id);
        body.put("action", action);
        String what = "POST /step";
        JsonNode a = ep.post("/step", body, Retry.NEVER);
        String obs = ep.text(a, "observation", what);
        double reward = ep.number(a, "reward", what);
        double score = a.has("score") ? a.get("score").asDouble() : reward;
        boolean done = ep.bool(a, "done", what);
        boolean valid = !obs.startsWith("The action is not recognized");
        return new StepResult(obs, Flavour.clamp01(reward), score, done, done && reward > 0, valid, actions(obs));
    }

    /** The quoted commands after the last {@code Available actions:} marker (empty when there is none). */
    static List<String> actions(String obs) {
        int at = obs.lastIndexOf(MARKER);
        if (at < 0) {
            return List.of();
        }
        String rest = obs.substring(at + MARKER.length());
        int open = rest.indexOf('[');
        int close = rest.lastIndexOf(']');
        if (open < 0 || close < open) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String inner = rest.substring(open + 1, close);
        int i = 0;
        while (i < inner.length()) {
            char q = inner.charAt(i);
            if (q == '"' || q == '\'') {
                int end = inner.indexOf(q, i + 1);
                if (end < 0) {
                    break;
                }
                out.add(inner.substring(i + 1, end));
                i = end + 1;
            } else {
                i++;
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String probeAction() {
        return "turn left";
    }
}
