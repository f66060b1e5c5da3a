package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.StepResult;
import java.util.ArrayList;
import java.util.List;

/**
 * WebShop ({@code agentenv-webshop}): the id field is {@code env_idx}; {@code /create} answers a bare integer;
 * {@code /reset} takes {@code session_id} (the goal index) and answers an array {@code [observation, null]},
 * after which the observation is read again from {@code GET /observation} (as AgentGym's client does) and the
 * goal from {@code GET /instruction_text}; {@code /step} answers {@code state} instead of {@code observation}.
 * Admissible commands come from {@code GET /available_actions}: {@code click[x]} for every clickable when the
 * page has no search bar; on a page with a search bar any {@code search[keywords]} is valid, so the list is
 * empty (free text). Reward: the purchase reward in [0, 1] on the final step; won means reward 1. There is no
 * {@code /close}.
 */
public final class WebshopFlavour implements Flavour {

    /** WebShop's actions, page buttons and instruction wording. */
    static final List<String> VOCABULARY = List.of(
            "search [ ]", "click [ ]", "buy now", "next >", "< prev", "back to search", "description",
            "features", "reviews", "attributes", "WebShop Instruction: i need i want i am looking for a an and "
                    + "with color size price lower than dollars", "Page (Total results: )",
            "0 1 2 3 4 5 6 7 8 9 10 20 30 40 50 100 $ . ,");

    @Override
    public List<String> vocabulary() {
        return VOCABULARY;
    }

    @Override
    public String name() {
        return "webshop";
    }

    @Override
    public String idField() {
        return "env_idx";
    }

    @Override
    public List<SplitRange> defaultSplits() {
        return List.of(new SplitRange("test", 0, 500), new SplitRange("valid", 500, 1000),
                new SplitRange("train", 1500, 10587));
    }

    @Override
    public long create(Endpoint ep) {
        return ep.create(null, a -> {
            if (!a.canConvertToLong() || !a.isIntegralNumber()) {
                throw ep.malformed("POST /create", "bare integer environment index missing", a);
            }
            return a.asLong();
        });
    }

    @Override
    public ResetData reset(Endpoint ep, long id, int serverIndex, RemoteOptions options) {
        ObjectNode body = ep.body(id);
        body.put("session_id", serverIndex);
        JsonNode a = ep.post("/reset", body, Retry.IDEMPOTENT);
        if (!a.isArray() || a.isEmpty() || !a.get(0).isTextual()) {
            throw ep.malformed("POST /reset", "array [observation, info] missing", a);
        }
        String obs = observation(ep, id);
        JsonNode goal = ep.get("/instruction_text", id, Retry.IDEMPOTENT);
        if (!goal.isTextual()) {
            throw ep.malformed("GET /instruction_text", "string missing", goal);
        }
        return new ResetData(name(), goal.asText().strip(), obs, actions(ep, id));
    }

    @Override
    public StepResult step(Endpoint ep, long id, String action) {
        ObjectNode body = ep.body(id);
        body.put("action", action);
        String what = "POST /step";
        JsonNode a = ep.post("/step", body, Retry.NEVER);
        String obs = ep.text(a, "state", what);
        double reward = ep.number(a, "reward", what);
        boolean done = ep.bool(a, "done", what);
        List<String> admissible = done ? List.of() : actions(ep, id);
        return new StepResult(obs, Flavour.clamp01(reward), reward, done, reward >= 1.0, true, admissible);
    }

    private static String observation(Endpoint ep, long id) {
        JsonNode o = ep.get("/observation", id, Retry.IDEMPOTENT);
        if (!o.isTextual()) {
            throw ep.malformed("GET /observation", "string missing", o);
        }
        return o.asText();
    }

    private static List<String> actions(Endpoint ep, long id) {
        String what = "GET /available_actions";
        JsonNode a = ep.get("/available_actions", id, Retry.IDEMPOTENT);
        boolean search = ep.bool(a, "has_search_bar", what);
        List<String> clickables = ep.strings(a.get("clickables"), what);
        if (search) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String c : clickables) {
            out.add("click[" + c + "]");
        }
        return List.copyOf(out);
    }

    @Override
    public String probeAction() {
        return "search[shirt]";
    }

    @Override
    public List<String> readEndpoints() {
        return List.of("/observation", "/available_actions", "/instruction_text");
    }
}
