package dev.untangle.env.remote;

import static dev.untangle.env.remote.FakeServer.id;
import static dev.untangle.env.remote.FakeServer.map;
import static dev.untangle.env.remote.FakeServer.ok;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fakes of the five AgentGym servers with their answer shapes and quirks (docs/ENVIRONMENTS.md): ALFWorld
 * with inline admissible commands and no {@code /close}; SciWorld's cumulative score; BabyAI's actions inside
 * the observation; TextCraft's create that already resets; WebShop's {@code env_idx}, bare-int create and
 * array reset. Finished episodes answer {@code {"error": "The task with environment N has finished."}} where
 * the real servers do.
 */
final class FakeAgentGym {

    private FakeAgentGym() {
    }

    static final List<String> ALF_ACTIONS = List.of("go to fridge 1", "take apple 1 from countertop 1",
            "put apple 1 in/on fridge 1", "look");

    /** Per-instance state of a fake. */
    static final class State {
        volatile boolean reset;
        volatile boolean done;
        volatile int progress;
        volatile String observation = "";
        volatile boolean searched;
    }

    private static Map<Long, State> states() {
        return new ConcurrentHashMap<>();
    }

    private static FakeServer.Answer finished(long id) {
        return ok(map("error", "The task with environment " + id + " has finished."));
    }

    static FakeServer alfworld() throws IOException {
        FakeServer s = new FakeServer();
        Map<Long, State> st = states();
        AtomicLong ids = new AtomicLong();
        s.on("GET", "/", r -> ok("This is environment AlfWorld."));
        s.on("POST", "/create", r -> {
            long id = ids.getAndIncrement();
            st.put(id, new State());
            return ok(map("id", id));
        });
        s.on("POST", "/reset", r -> {
            long id = id(r, "id");
            State x = st.get(id);
            if (x == null) {
                return ok(map("error", "The id " + id + " is not valid."));
            }
            x.reset = true;
            x.done = false;
            x.progress = 0;
            x.observation = "You are in the middle of a room. Looking quickly around you, you see a fridge 1."
                    + "\n\nYour task is to: put some apple in fridge.";
            return ok(map("id", id, "observation", x.observation, "available_actions", ALF_ACTIONS,
                    "task_type", "pick_and_place_simple-Apple-None-Fridge-1/trial_T2019"));
        });
        s.on("POST", "/step", r -> {
            long id = id(r, "id");
            State x = st.get(id);
            if (x.done) {
                return finished(id);
            }
            String a = r.body().get("action").asText();
            double reward = 0;
            if (a.equals("put apple 1 in/on fridge 1")) {
                x.observation = "You put the apple 1 in/on the fridge 1.";
                reward = 1;
                x.done = true;
            } else if (ALF_ACTIONS.contains(a)) {
                x.observation = "You arrive at fridge 1. The fridge 1 is closed.";
            } else {
                x.observation = "Nothing happens.";
            }
            return ok(map("observation", x.observation, "reward", reward, "available_actions", ALF_ACTIONS,
                    "done", x.done));
        });
        s.on("GET", "/available_actions", r -> ok(ALF_ACTIONS));
        s.on("GET", "/observation", r -> ok(st.get(id(r, "id")).observation));
        s.on("GET", "/detail", r -> ok(map("world_type", "Text", "game", 0, "done", st.get(id(r, "id")).done,
                "deleted", false)));
        return s;
    }

    static FakeServer sciworld() throws IOException {
        FakeServer s = new FakeServer();
        Map<Long, State> st = states();
        AtomicLong ids = new AtomicLong();
        s.on("POST", "/create", r -> {
            long id = ids.getAndIncrement();
            st.put(id, new State());
            return ok(map("id", id));
        });
        s.on("POST", "/reset", r -> {
            long id = id(r, "id");
            State x = st.get(id);
            x.done = false;
            x.progress = 0;
            x.observation = "This room is called the kitchen. In it, you see: a stove, a pot of water.";
            return ok(map("task_name", "boil", "var_num", r.body().get("data_idx").asInt(),
                    "task_description", "Your task is to boil water.", "observation", x.observation,
                    "reward", 0, "score", 0, "deleted", false, "done", false));
        });
        s.on("POST", "/step", r -> {
            long id = id(r, "id");
            State x = st.get(id);
            if (x.done) {
                return finished(id);
            }
            String a = r.body().get("action").asText();
            int before = x.progress;
            switch (a) {
                case "activate stove" -> {
                    x.progress = 50;
                    x.observation = "The stove is now activated.";
                }
                case "focus on steam" -> {
                    x.progress = 100;
                    x.done = true;
                    x.observation = "You focus on the steam.";
                }
                case "focus on stove" -> {
                    x.progress = -100;
                    x.done = true;
                    x.observation = "You focus on the stove.";
                }
                case "wait" -> {                 // stands for ScienceWorld's move limit: the episode ends, score kept
                    x.done = true;
                    x.observation = "Time passes.";
                }
                default -> x.observation = "No known action matches that input.";
            }
            return ok(map("observation", x.observation, "reward", x.progress - before, "score", x.progress,
                    "done", x.done));
        });
        s.on("POST", "/close", r -> ok(st.remove(id(r, "id")) != null));
        s.on("GET", "/observation", r -> ok(st.get(id(r, "id")).observation));
        s.on("GET", "/detail", r -> ok(map("task_name", "boil", "done", st.get(id(r, "id")).done)));
        return s;
    }

    static final String BABY_ACTIONS = "Available actions: [\"turn left\", \"turn right\", \"move forward\", "
            + "\"go to red ball 1\", \"check available actions\"]";

    static FakeServer babyai() throws IOException {
        FakeServer s = new FakeServer();
        Map<Long, State> st = states();
        AtomicLong ids = new AtomicLong();
        s.on("POST", "/create", r -> {
            long id = ids.getAndIncrement();
            st.put(id, new State());
            return ok(map("id", id));
        });
        s.on("POST", "/reset", r -> {
            State x = st.get(id(r, "id"));
            x.done = false;
            x.observation = "Your goal: go to the red ball\nIn front of you in this room, you can see several "
                    + "objects: There is a red ball 1 2 steps in front of you.\n" + BABY_ACTIONS;
            return ok(map("observation", x.observation, "reward", 0, "score", 0, "deleted", false, "done", false));
        });
        s.on("POST", "/step", r -> {
            long id = id(r, "id");
            State x = st.get(id);
            if (x.done) {
                return finished(id);
            }
            String a = r.body().get("action").asText();
            double reward = 0;
            if (a.equals("go to red ball 1")) {
                reward = 0.91;
                x.done = true;
                x.observation = "You are facing the red ball 1.\n" + BABY_ACTIONS;
            } else if (a.equals("turn left") || a.equals("turn right") || a.equals("move forward")) {
                x.observation = "You see a wall 1 step forward.\n" + BABY_ACTIONS;
            } else {
                x.observation = "The action is not recognized. Please check valid actions.\n" + BABY_ACTIONS;
            }
            return ok(map("observation", x.observation, "reward", reward, "score", reward, "done", x.done));
        });
        s.on("GET", "/observation", r -> ok(map("observation", st.get(id(r, "id")).observation, "reward", 0,
                "score", 0, "done", false, "deleted", false)));
        s.on("POST", "/close", r -> ok(st.remove(id(r, "id")) != null));
        return s;
    }

    static final String CRAFT_OBS = "Crafting commands:\ncraft 4 oak planks using 1 oak log\n"
            + "craft 1 stick using 2 bamboo\n\nGoal: craft oak planks.";

    static FakeServer textcraft() throws IOException {
        FakeServer s = new FakeServer();
        Map<Long, State> st = states();
        AtomicLong ids = new AtomicLong();
        s.on("POST", "/create", r -> {
            long id = ids.getAndIncrement();
            st.put(id, new State());
            st.get(id).observation = CRAFT_OBS;
            return ok(map("id", id, "observation", CRAFT_OBS, "done", false, "reward", 0));
        });
        s.on("POST", "/reset", r -> {
            long id = id(r, "id");
            State x = st.get(id);
            x.done = false;
            x.progress = 0;
            x.observation = CRAFT_OBS;
            return ok(map("id", id, "observation", CRAFT_OBS, "done", false, "reward", 0));
        });
        s.on("POST", "/step", r -> {
            State x = st.get(id(r, "id"));
            String a = r.body().get("action").asText();
            double reward = 0;
            if (a.equals("get 1 oak log")) {
                x.progress = 1;
                x.observation = "Got 1 oak log";
            } else if (a.equals("craft 4 oak planks using 1 oak log") && x.progress == 1) {
                x.observation = "Crafted 4 minecraft:oak_planks";
                reward = 1;
                x.done = true;
            } else {
                x.observation = "Could not find enough items to craft minecraft:oak_planks";
            }
            return ok(map("observation", x.observation, "reward", reward, "done", x.done));
        });
        s.on("GET", "/observation", r -> ok(st.get(id(r, "id")).observation));
        s.on("GET", "/detail", r -> ok(map("done", st.get(id(r, "id")).done)));
        s.on("POST", "/close", r -> ok(st.remove(id(r, "id")) != null));
        return s;
    }

    static FakeServer webshop() throws IOException {
        FakeServer s = new FakeServer();
        Map<Long, State> st = states();
        AtomicLong ids = new AtomicLong(48_123_456);
        s.on("POST", "/create", r -> {
            long id = ids.getAndIncrement();
            st.put(id, new State());
            return ok(id);
        });
        s.on("POST", "/reset", r -> {
            long id = id(r, "env_idx");
            State x = st.get(id);
            x.done = false;
            x.searched = false;
            x.observation = "WebShop [SEP] Instruction: [SEP] i need a red shirt [SEP] Search";
            return ok(java.util.Arrays.asList("stale observation", null));
        });
        s.on("GET", "/observation", r -> ok(st.get(id(r, "env_idx")).observation));
        s.on("GET", "/instruction_text", r -> ok("Instruction: i need a red shirt"));
        s.on("GET", "/available_actions", r -> {
            State x = st.get(id(r, "env_idx"));
            return x.searched ? ok(map("has_search_bar", false, "clickables", List.of("back to search", "b01", "buy now")))
                    : ok(map("has_search_bar", true, "clickables", List.of("search")));
        });
        s.on("POST", "/step", r -> {
            State x = st.get(id(r, "env_idx"));
            String a = r.body().get("action").asText();
            double reward = 0;
            if (a.startsWith("search[")) {
                x.searched = true;
                x.observation = "Back to Search [SEP] Page 1 [SEP] b01 [SEP] Red Shirt [SEP] $10";
            } else if (a.equals("click[buy now]")) {
                x.done = true;
                reward = 0.75;
                x.observation = "Thank you for shopping with us!";
            }
            return ok(map("state", x.observation, "reward", reward, "done", x.done, "info", null));
        });
        return s;
    }
}
