package dev.untangle.env.remote;

import dev.untangle.env.remote.Flavour.ActionCleaning;
import dev.untangle.env.remote.Flavour.Admissible;
import dev.untangle.env.remote.Flavour.CreateAnswer;
import dev.untangle.env.remote.Flavour.GoalSource;
import dev.untangle.env.remote.Flavour.ResetAnswer;
import dev.untangle.env.remote.Flavour.RewardScale;
import dev.untangle.env.remote.Flavour.WonRule;
import java.util.List;
import java.util.Map;

/**
 * The five AgentGym servers' dialects, declared ({@link Flavour}); docs/ENVIRONMENTS.md describes each server.
 */
public final class Flavours {

    private Flavours() {
    }

    /** ALFWorld's command templates, messages, task templates and object classes. */
    private static final List<String> ALFWORLD_WORDS = List.of(
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

    /** ScienceWorld's action templates, locations and task wording. */
    private static final List<String> SCIWORLD_WORDS = List.of(
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

    /** BabyAI's action names, object words and observation phrasing. */
    private static final List<String> BABYAI_WORDS = List.of(
            "turn left", "turn right", "move forward", "pick up", "drop", "toggle", "go to", "go through",
            "check available actions", "done",
            "Available actions: [ ] \" ,", "Your goal: go to pick up open put next to the a",
            "In front of you in this room, you can see several objects: There is a 1 2 3 4 5 6 7 8 9 steps "
                    + "in front of you and to your left right. The room has walls around you. You are facing a wall "
                    + "away. You are holding nothing. You are carrying", "You see a closed locked open door",
            "red green blue purple yellow grey ball box key door wall", "and then after you");

    /** TextCraft's commands and messages; item names come from Minecraft's recipes and are spelt when new. */
    private static final List<String> TEXTCRAFT_WORDS = List.of(
            "get", "craft using", "inventory",
            "Crafting commands: Goal: craft Got Could not find Crafted Inventory: [ ] minecraft:",
            "You are carrying Could not find a valid recipe for that item. Could not execute",
            "oak spruce birch jungle acacia dark log planks wood stick iron gold diamond emerald copper netherite "
                    + "ingot nugget block stone cobblestone sand glass string wool red white black blue green "
                    + "yellow dye slab stairs fence gate door button pressure plate sign boat chest table",
            "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 32 64");

    /** WebShop's actions, page buttons and instruction wording. */
    private static final List<String> WEBSHOP_WORDS = List.of(
            "search [ ]", "click [ ]", "buy now", "next >", "< prev", "back to search", "description",
            "features", "reviews", "attributes", "WebShop Instruction: i need i want i am looking for a an and "
                    + "with color size price lower than dollars", "Page (Total results: )",
            "0 1 2 3 4 5 6 7 8 9 10 20 30 40 50 100 $ . ,");

    /**
     * ALFWorld ({@code agentenv-alfworld}): {@code /create} answers {@code {"id"}}; {@code /reset} takes
     * {@code game} (index into 2420 train games followed by 200 {@code valid_train} games) and {@code world_type};
     * admissible commands come inline with every reset and step. Reward: {@code float(won)}, so 0 or 1, already in
     * [0, 1]. The server answers one request at a time, so at most one request is in flight per server by default.
     * Our own {@code untangle serve} speaks this flavour and adds {@code goal}, {@code won}, {@code valid} and
     * {@code raw_reward} fields, which this client uses when present.
     */
    public static final Flavour ALFWORLD = Flavour.builder("alfworld")
            .vocabulary(ALFWORLD_WORDS)
            .defaultSplits(new SplitRange("train", 0, 2420), new SplitRange("test", 2420, 200))
            .defaultMaxInFlight(1)
            .taskTypes(List.of("pick_and_place_simple", "look_at_obj_in_light", "pick_clean_then_place_in_recep",
                    "pick_heat_then_place_in_recep", "pick_cool_then_place_in_recep", "pick_two_obj_and_place"))
            .resetIndexField("game")
            .resetSendsWorldType()
            .goal(new GoalSource.AfterMarker("goal", "Your task is to:"))
            .taskTypeField("task_type")
            .admissible(new Admissible.Field("available_actions"))
            .rawRewardField("raw_reward")
            .wonField("won")
            .validField("valid")
            .invalidText("Nothing happens.")
            .readEndpoints("/observation", "/available_actions", "/detail")
            .build();

    /**
     * ScienceWorld ({@code agentenv-sciworld}): {@code /reset} takes {@code data_idx} (a flat list of every
     * variation of 23 tasks, 4639 entries); no admissible commands are given (only templates via
     * {@code /action_hint}). The server reports {@code reward} (the score change of this step) and {@code score}
     * (cumulative, 0-100, negative on failure). AgentGym uses the cumulative score as the reward; here the raw
     * reward is that cumulative score and the normalised reward is {@code clamp(score, 0, 100) / 100} on the
     * step that ends the episode and 0 before it, so an episode's rewards sum to its final normalised score.
     * Won means done with score 100. The reset observation is {@code task_description + "\n" + observation}.
     */
    public static final Flavour SCIWORLD = Flavour.builder("sciworld")
            .vocabulary(SCIWORLD_WORDS)
            .defaultSplits(new SplitRange("train", 0, 4639))
            .resetIndexField("data_idx")
            .descriptionField("task_description")
            .goal(new GoalSource.Description())
            .reward("score", RewardScale.FINAL_SCORE_PERCENT)
            .won(WonRule.FULL_SCORE_WHEN_DONE)
            .invalidPrefix("No known action matches")
            .probeAction("look around")
            .readEndpoints("/observation", "/detail")
            .build();

    /**
     * BabyAI ({@code agentenv-babyai}): {@code /create} builds nothing yet; {@code /reset} takes {@code data_idx}
     * and plays level {@code data_idx % 40} with seed {@code data_idx / 40}. Admissible commands are inline at the
     * end of every observation ({@code Available actions: ["turn left", ...]}) and parsed from there. The
     * normalised reward is the minigrid reward of the step ({@code 1 - 0.9 * steps / max_steps} on success, else
     * 0), clamped to [0, 1]; the raw reward is the server's {@code score}, which AgentGym's client uses. Won means
     * a positive reward on a finished episode.
     */
    public static final Flavour BABYAI = Flavour.builder("babyai")
            .vocabulary(BABYAI_WORDS)
            .defaultSplits(new SplitRange("train", 0, 4000), new SplitRange("test", 4000, 400))
            .resetIndexField("data_idx")
            .goal(new GoalSource.AfterMarker(null, "Your goal:"))
            .admissible(new Admissible.InObservation("Available actions:"))
            .rawRewardField("score")
            .won(WonRule.POSITIVE_WHEN_DONE)
            .invalidPrefix("The action is not recognized")
            .probeAction("turn left")
            .build();

    /**
     * TextCraft ({@code agentenv-textcraft}): {@code /create} takes {@code {"commands", "goal"}} and already resets
     * the new instance to {@code data_idx = id}; this client resets it again to the task asked for.
     * {@code /reset} takes {@code data_idx} (goal {@code data_idx % number_of_craftable_items}). No admissible
     * commands ({@code craft X using Y}, {@code get N X}, {@code inventory} are free text). Reward 0 or 1 (1 when
     * the goal item is made); won means reward 1. The server does not refuse steps after the end; this client
     * does, like for the other flavours. Item names come from Minecraft's recipes and are spelt when new.
     */
    public static final Flavour TEXTCRAFT = Flavour.builder("textcraft")
            .vocabulary(TEXTCRAFT_WORDS)
            .defaultSplits(new SplitRange("train", 0, 1000))
            .createNullFields("commands", "goal")
            .resetIndexField("data_idx")
            .goal(new GoalSource.AfterMarker(null, "Goal:"))
            .invalidPrefix("Could not")
            .actionCleaning(ActionCleaning.LETTERS_DIGITS_COMMAS)
            .probeAction("inventory")
            .readEndpoints("/observation", "/detail")
            .build();

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
    public static final Flavour WEBSHOP = Flavour.builder("webshop")
            .vocabulary(WEBSHOP_WORDS)
            .defaultSplits(new SplitRange("test", 0, 500), new SplitRange("valid", 500, 1000),
                    new SplitRange("train", 1500, 10587))
            .idField("env_idx")
            .createAnswer(CreateAnswer.BARE_INTEGER)
            .resetIndexField("session_id")
            .resetAnswer(ResetAnswer.ARRAY_THEN_READ)
            .observationField("state")
            .goal(new GoalSource.Read("/instruction_text"))
            .admissible(new Admissible.Clickables("/available_actions", "has_search_bar", "clickables", "click[", "]"))
            .probeAction("search[shirt]")
            .readEndpoints("/observation", "/available_actions", "/instruction_text")
            .build();

    private static final Map<String, Flavour> BY_NAME = Map.of("alfworld", ALFWORLD, "sciworld", SCIWORLD,
            "babyai", BABYAI, "textcraft", TEXTCRAFT, "webshop", WEBSHOP);

    /** The flavour of {@code agentgym:<name>}, or {@code null} when there is none. */
    public static Flavour byName(String name) {
        return BY_NAME.get(name);
    }

    /** The short names of every flavour. */
    public static List<String> names() {
        return List.of("alfworld", "babyai", "sciworld", "textcraft", "webshop");
    }
}
