package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.StepResult;
import dev.untangle.env.remote.Flavour.Admissible;
import dev.untangle.env.remote.Flavour.GoalSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The one AgentGym client: creates, resets and steps a server-side instance by reading its {@link Flavour}'s
 * declaration (endpoint and field names, where the goal and the admissible commands come from, the reward, won
 * and validity rules). A missing or mistyped required field raises a malformed-answer {@link RemoteCallException}
 * naming the field. Stateless.
 */
final class FlavourClient {

    private final Flavour f;

    FlavourClient(Flavour flavour) {
        this.f = flavour;
    }

    /** The declaration this client reads. */
    Flavour flavour() {
        return f;
    }

    /**
     * Creates a server-side environment instance.
     *
     * @return its id
     */
    long create(Endpoint ep) {
        ObjectNode body = null;
        if (!f.createNullFields().isEmpty()) {
            body = AgentGymHttp.mapper().createObjectNode();
            for (String field : f.createNullFields()) {
                body.putNull(field);
            }
        }
        return switch (f.createAnswer()) {
            case ID_FIELD -> ep.create(body, a -> ep.id(a, "id", "POST /create"));
            case BARE_INTEGER -> ep.create(body, a -> {
                if (!a.canConvertToLong() || !a.isIntegralNumber()) {
                    throw ep.malformed("POST /create", "bare integer environment index missing", a);
                }
                return a.asLong();
            });
        };
    }

    /**
     * Starts the task with the given server index on instance {@code id}.
     *
     * @param options the suite options (for example {@code world_type})
     */
    ResetData reset(Endpoint ep, long id, int serverIndex, RemoteOptions options) {
        ObjectNode body = ep.body(id);
        body.put(f.resetIndexField(), serverIndex);
        if (f.resetSendsWorldType()) {
            body.put("world_type", options.worldType());
        }
        String what = "POST /reset";
        JsonNode a = ep.post("/reset", body, Retry.IDEMPOTENT);
        String description = null;
        String obs;
        switch (f.resetAnswer()) {
            case OBJECT -> {
                if (f.descriptionField() != null) {
                    description = ep.text(a, f.descriptionField(), what);
                }
                obs = ep.text(a, f.observationField(), what);
                if (description != null) {
                    obs = description + "\n" + obs;
                }
            }
            case ARRAY_THEN_READ -> {
                if (!a.isArray() || a.isEmpty() || !a.get(0).isTextual()) {
                    throw ep.malformed(what, "array [observation, info] missing", a);
                }
                obs = readText(ep, id, "/observation");
            }
            default -> throw new IllegalStateException("reset answer " + f.resetAnswer());
        }
        String goal;
        if (f.goal() instanceof GoalSource.AfterMarker g) {
            goal = g.field() != null && a.hasNonNull(g.field()) ? a.get(g.field()).asText()
                    : Texts.after(obs, g.marker());
        } else if (f.goal() instanceof GoalSource.Read r) {
            goal = readText(ep, id, r.path()).strip();
        } else {
            goal = description.strip();                     // GoalSource.Description: checked when declared
        }
        List<String> admissible = admissible(ep, id, a, obs, false, what);
        String taskType = f.taskTypeField() == null ? f.name() : taskType(a.path(f.taskTypeField()).asText(""));
        return new ResetData(taskType, goal, obs, admissible);
    }

    /** {@code pick_and_place_simple-AlarmClock-None-Desk-307/trial_T...} becomes {@code pick_and_place_simple}. */
    private String taskType(String reported) {
        String folder = reported.contains("/") ? reported.substring(0, reported.indexOf('/')) : reported;
        String type = folder.contains("-") ? folder.substring(0, folder.indexOf('-')) : folder;
        return type.isBlank() ? f.name() : type;
    }

    /** Plays one action on instance {@code id}; rewards are normalised to [0, 1], the raw value kept. */
    StepResult step(Endpoint ep, long id, String action) {
        ObjectNode body = ep.body(id);
        body.put("action", action);
        String what = "POST /step";
        JsonNode a = ep.post("/step", body, Retry.NEVER);
        String obs = ep.text(a, f.observationField(), what);
        double value = ep.number(a, f.rewardField(), what);
        boolean done = ep.bool(a, "done", what);
        List<String> admissible = admissible(ep, id, a, obs, done, what);
        double reward = switch (f.rewardScale()) {
            case CLAMPED -> clamp01(value);
            case FINAL_SCORE_PERCENT -> done ? clamp01(value / 100.0) : 0.0;
        };
        double raw = f.rawRewardField() != null && a.has(f.rawRewardField()) ? a.get(f.rawRewardField()).asDouble()
                : value;
        boolean won = f.wonField() != null && a.has(f.wonField()) ? a.get(f.wonField()).asBoolean()
                : switch (f.wonRule()) {
                    case REWARD_AT_LEAST_ONE -> value >= 1.0;
                    case POSITIVE_WHEN_DONE -> done && value > 0;
                    case FULL_SCORE_WHEN_DONE -> done && value >= 100.0;
                };
        boolean valid = f.validField() != null && a.has(f.validField()) ? a.get(f.validField()).asBoolean()
                : valid(obs);
        return new StepResult(obs, reward, raw, done, won, valid, admissible);
    }

    /** The declared invalid-command answers: an observation with the prefix, or exactly the text. */
    private boolean valid(String obs) {
        if (f.invalidPrefix() != null && obs.startsWith(f.invalidPrefix())) {
            return false;
        }
        return f.invalidText() == null || !obs.strip().equals(f.invalidText());
    }

    private List<String> admissible(Endpoint ep, long id, JsonNode answer, String obs, boolean done, String what) {
        Admissible rule = f.admissible();
        if (rule instanceof Admissible.Field field) {
            return ep.strings(answer.get(field.name()), what);
        }
        if (rule instanceof Admissible.InObservation in) {
            return quoted(obs, in.marker());
        }
        if (rule instanceof Admissible.Clickables c) {
            return done ? List.of() : clickables(ep, id, c);
        }
        return List.of();                                   // Admissible.None
    }

    private static List<String> clickables(Endpoint ep, long id, Admissible.Clickables c) {
        String what = "GET " + c.path();
        JsonNode a = ep.get(c.path(), id, Retry.IDEMPOTENT);
        boolean search = ep.bool(a, c.searchField(), what);
        List<String> entries = ep.strings(a.get(c.listField()), what);
        if (search) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            out.add(c.prefix() + e + c.suffix());
        }
        return List.copyOf(out);
    }

    private static String readText(Endpoint ep, long id, String path) {
        JsonNode o = ep.get(path, id, Retry.IDEMPOTENT);
        if (!o.isTextual()) {
            throw ep.malformed("GET " + path, "string missing", o);
        }
        return o.asText();
    }

    /** The quoted commands after the last {@code marker} (empty when there is none). */
    static List<String> quoted(String obs, String marker) {
        int at = obs.lastIndexOf(marker);
        if (at < 0) {
            return List.of();
        }
        String rest = obs.substring(at + marker.length());
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

    /** Normalises a reward into [0, 1]; NaN becomes 0. */
    static double clamp01(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(0, Math.min(1, v));
    }
}
