package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.StepResult;
import java.util.List;

/**
 * ALFWorld ({@code agentenv-alfworld}): {@code /create} answers {@code {"id"}}; {@code /reset} takes
 * {@code game} (index into 2420 train games followed by 200 {@code valid_train} games) and {@code world_type};
 * admissible commands come inline with every reset and step. Reward: {@code float(won)}, so 0 or 1, already in
 * [0, 1]. The server answers one request at a time, so at most one request is in flight per server by default.
 * Our own {@code untangle serve} speaks this flavour and adds {@code goal}, {@code won}, {@code valid} and
 * {@code raw_reward} fields, which this client uses when present.
 */
public final class AlfworldFlavour implements Flavour {

    /** ALFWorld's command templates, messages, task templates and object classes. */
    static final List<String> VOCABULARY = List.of(
            "go to", "open", "close", "take from", "put in/on", "toggle", "clean with", "heat with", "cool with",
            "use", "examine", "look", "inventory", "help",
            "-= Welcome to TextWorld, ALFRED! =-",
            "You are in the middle of a room. Looking quickly around you, you see a and",
            "Your task is to: put some a clean hot cool it in on two find examine look at under the",
            "You arrive at loc. On the you see nothing. The is open. closed. In it, You open the You close the",
            "You pick up the from You put the in/on You turn on the You turn off the You clean the using",
            "You heat the You cool the You are carrying: You are not carrying anything. Nothing happens.",
            "This is a normal cellphone. There's nothing special about it.",
            "alarmclock apple armchair baseballbat basketball bathtub bathtubbasin bed blinds book boots bowl box "
                    + "bread butterknife cabinet candle cart cd cellphone chair cloth coffeemachine coffeetable "
                    + "countertop creditcard cup curtains desk desklamp diningtable dishsponge drawer dresser egg "
                    + "floorlamp footstool fork fridge garbagecan glassbottle handtowel handtowelholder houseplant "
                    + "kettle keychain knife ladle laptop laundryhamper laundryhamperlid lettuce lightswitch "
                    + "microwave mirror mug newspaper ottoman painting pan papertowel papertowelroll pen pencil "
                    + "peppershaker pillow plate plunger poster pot potato remotecontrol safe saltshaker scrubbrush "
                    + "shelf showerdoor showerglass sidetable sink sinkbasin soapbar soapbottle sofa spatula sponge "
                    + "spoon spraybottle statue stoveburner stoveknob teddybear television tennisracket tissuebox "
                    + "toaster toilet toiletpaper toiletpaperhanger tomato towel towelholder tvstand vase watch "
                    + "wateringcan window winebottle",
            "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20");

    @Override
    public List<String> vocabulary() {
        return VOCABULARY;
    }

    /** The six ALFWorld task types. */
    public static final List<String> TASK_TYPES = List.of("pick_and_place_simple", "look_at_obj_in_light",
            "pick_clean_then_place_in_recep", "pick_heat_then_place_in_recep", "pick_cool_then_place_in_recep",
            "pick_two_obj_and_place");

    @Override
    public String name() {
        return "alfworld";
    }

    @Override
    public List<SplitRange> defaultSplits() {
        return List.of(new SplitRange("train", 0, 2420), new SplitRange("test", 2420, 200));
    }

    @Override
    public int defaultMaxInFlight() {
        return 1;
    }

    @Override
    public List<String> taskTypes() {
        return TASK_TYPES;
    }

    @Override
    public long create(Endpoint ep) {
        return ep.create(null, a -> ep.id(a, "id", "POST /create"));
    }

    @Override
    public ResetData reset(Endpoint ep, long id, int serverIndex, RemoteOptions options) {
        ObjectNode body = ep.body(id);
        body.put("game", serverIndex);
        body.put("world_type", options.worldType());
        JsonNode a = ep.post("/reset", body, Retry.IDEMPOTENT);
        String what = "POST /reset";
        String obs = ep.text(a, "observation", what);
        List<String> admissible = ep.strings(a.get("available_actions"), what);
        String taskType = taskType(a.path("task_type").asText(""));
        String goal = a.hasNonNull("goal") ? a.get("goal").asText() : Texts.after(obs, "Your task is to:");
        return new ResetData(taskType, goal, obs, admissible);
    }

    /** {@code pick_and_place_simple-AlarmClock-None-Desk-307/trial_T...} becomes {@code pick_and_place_simple}. */
    static String taskType(String reported) {
        String folder = reported.contains("/") ? reported.substring(0, reported.indexOf('/')) : reported;
        String type = folder.contains("-") ? folder.substring(0, folder.indexOf('-')) : folder;
        return type.isBlank() ? "alfworld" : type;
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
        List<String> admissible = ep.strings(a.get("available_actions"), what);
        boolean won = a.has("won") ? a.get("won").asBoolean() : reward >= 1.0;
        boolean valid = a.has("valid") ? a.get("valid").asBoolean() : !obs.strip().equals("Nothing happens.");
        double raw = a.has("raw_reward") ? a.get("raw_reward").asDouble() : reward;
        return new StepResult(obs, Flavour.clamp01(reward), raw, done, won, valid, admissible);
    }

    @Override
    public List<String> readEndpoints() {
        return List.of("/observation", "/available_actions", "/detail");
    }
}
