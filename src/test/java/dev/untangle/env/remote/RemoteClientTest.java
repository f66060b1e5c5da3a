package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client against fakes of each AgentGym server: shapes, reward semantics and quirks. */
class RemoteClientTest {

    private static EnvironmentSuite suite(String env, FakeServer s, String... extra) {
        Map<String, String> o = new HashMap<>();
        o.put("urls", s.url().toString());
        o.put("backoff_ms", "1");
        o.put("timeout_ms", "20000");
        for (int i = 0; i < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return Environments.create(env, o);
    }

    @Test
    void alfworldPlaysAnEpisodeWithInlineActionsAndGameIndex() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            EnvironmentSuite suite = suite("agentgym:alfworld", s);
            assertEquals(List.of("train", "test"), suite.splits().stream().map(x -> x.name()).toList());
            assertEquals(200, suite.split("test").size());
            try (TextEnvironment env = suite.create()) {
                Reset r = env.reset("test", 7);
                assertEquals("pick_and_place_simple", r.task().taskType());
                assertEquals("put some apple in fridge", r.task().goal());
                assertEquals(FakeAgentGym.ALF_ACTIONS, r.admissible());
                var body = s.requests("/reset").get(0).body();
                assertEquals(2427, body.get("game").asInt());
                assertEquals("Text", body.get("world_type").asText());

                StepResult bad = env.step("dance");
                assertFalse(bad.valid());
                assertEquals(0.0, bad.reward());
                StepResult win = env.step("put apple 1 in/on fridge 1");
                assertTrue(win.done());
                assertTrue(win.won());
                assertEquals(1.0, win.reward());
                assertEquals(1.0, win.rawReward());
                assertEquals(2, env.steps());
                EnvironmentException after = assertThrows(EnvironmentException.class, () -> env.step("look"));
                assertTrue(after.getMessage().contains("reset before stepping again"), after.getMessage());
            }
            // ALFWorld has no /close: the client tried once, took the 404 as done, and did not retry.
            assertEquals(1, s.requests("/close").size());
        }
    }

    @Test
    void sciworldNormalisesTheCumulativeScoreOnTheLastStep() throws Exception {
        try (FakeServer s = FakeAgentGym.sciworld()) {
            EnvironmentSuite suite = suite("agentgym:sciworld", s);
            try (TextEnvironment env = suite.create()) {
                Reset r = env.reset("train", 12);
                assertEquals(12, s.requests("/reset").get(0).body().get("data_idx").asInt());
                assertEquals("Your task is to boil water.", r.task().goal());
                assertTrue(r.observation().startsWith("Your task is to boil water.\nThis room is called the kitchen."));
                assertTrue(r.admissible().isEmpty());
                StepResult mid = env.step("activate stove");
                assertEquals(0.0, mid.reward());
                assertEquals(50.0, mid.rawReward());
                assertFalse(env.step("fly").valid());
                StepResult end = env.step("focus on steam");
                assertEquals(1.0, end.reward());
                assertEquals(100.0, end.rawReward());
                assertTrue(end.won());

                env.reset("train", 0);
                StepResult fail = env.step("focus on stove");
                assertTrue(fail.done());
                assertFalse(fail.won());
                assertEquals(0.0, fail.reward());
                assertEquals(-100.0, fail.rawReward());
            }
            assertEquals(1, s.requests("/close").size());
            assertEquals(1, s.requests("/create").size(), "one server instance serves both episodes");
        }
    }

    @Test
    void babyaiParsesActionsFromTheObservation() throws Exception {
        try (FakeServer s = FakeAgentGym.babyai()) {
            try (TextEnvironment env = suite("agentgym:babyai", s).create()) {
                Reset r = env.reset("test", 3);
                assertEquals(4003, s.requests("/reset").get(0).body().get("data_idx").asInt());
                assertEquals("go to the red ball", r.task().goal());
                assertEquals(List.of("turn left", "turn right", "move forward", "go to red ball 1",
                        "check available actions"), r.admissible());
                assertFalse(env.step("fly").valid());
                StepResult end = env.step("go to red ball 1");
                assertTrue(end.won());
                assertEquals(0.91, end.reward(), 1e-9);
            }
        }
    }

    @Test
    void actionsAreNormalisedAsAgentGymsClientsDo() {
        Flavour craft = Flavour.byName("textcraft");
        assertEquals("get 9 emerald", craft.normalizeAction("get 9 emerald."));
        assertEquals("craft 1 blue dye using 1 lapis lazuli", craft.normalizeAction(
                "craft 1 blue dye using 1 lapis lazuli:"));
        assertEquals("", craft.normalizeAction(" ... "));
        // faithful, also where it hurts: AgentGym's client deletes the hyphen, it does not replace it
        assertEquals("get 1 darkoak planks, 2 stick", craft.normalizeAction("  get 1 dark-oak  planks, 2 stick "));
        for (String other : List.of("alfworld", "sciworld", "babyai", "webshop")) {
            Flavour f = Flavour.byName(other);
            assertEquals("put mug 1 in/on desk 1", f.normalizeAction(" put mug 1 in/on desk 1\n"), other);
            assertEquals("click[buy now]", f.normalizeAction(" click[buy now] "), other);
        }
    }

    @Test
    void textcraftResetsTheAlreadyResetInstanceToTheAskedTask() throws Exception {
        try (FakeServer s = FakeAgentGym.textcraft()) {
            try (TextEnvironment env = suite("agentgym:textcraft", s).create()) {
                Reset r = env.reset("train", 5);
                var create = s.requests("/create").get(0).body();
                assertTrue(create.has("commands") && create.get("commands").isNull());
                assertEquals(5, s.requests("/reset").get(0).body().get("data_idx").asInt());
                assertEquals("craft oak planks", r.task().goal());
                StepResult miss = env.step("craft 4 oak planks using 1 oak log");
                assertFalse(miss.valid());
                env.step("get 1 oak log.");            // sent as AgentGym's client sends it: "get 1 oak log"
                assertEquals("get 1 oak log", s.requests("/step").get(1).body().get("action").asText());
                StepResult end = env.step("craft 4 oak   planks using 1 oak log:");
                assertTrue(end.done() && end.won());
                assertEquals(1.0, end.reward());
                // the server would accept another step; the client refuses it without a request
                int before = s.requests("/step").size();
                assertThrows(EnvironmentException.class, () -> env.step("inventory"));
                assertEquals(before, s.requests("/step").size());
            }
        }
    }

    @Test
    void webshopUsesEnvIdxBareIntCreateAndArrayReset() throws Exception {
        try (FakeServer s = FakeAgentGym.webshop()) {
            try (TextEnvironment env = suite("agentgym:webshop", s).create()) {
                Reset r = env.reset("train", 2);
                var reset = s.requests("/reset").get(0).body();
                assertEquals(48_123_456L, reset.get("env_idx").asLong());
                assertEquals(1502, reset.get("session_id").asInt());
                assertEquals("WebShop [SEP] Instruction: [SEP] i need a red shirt [SEP] Search", r.observation());
                assertEquals("Instruction: i need a red shirt", r.task().goal());
                assertTrue(r.admissible().isEmpty(), "a search page takes free text");
                StepResult found = env.step("search[red shirt]");
                assertEquals(List.of("click[back to search]", "click[b01]", "click[buy now]"), found.admissible());
                assertTrue(s.requests("/available_actions").get(0).query().startsWith("env_idx="));
                StepResult end = env.step("click[buy now]");
                assertTrue(end.done());
                assertFalse(end.won());
                assertEquals(0.75, end.reward());
                assertEquals(0.75, end.rawReward());
            }
        }
    }

    @Test
    void anErrorBodyOnHttp200IsAnEnvironmentExceptionNamingServerAndRequest() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            s.on("POST", "/step", r -> FakeServer.ok(FakeServer.map("error", "'NoneType' object is not subscriptable")));
            try (TextEnvironment env = suite("agentgym:alfworld", s).create()) {
                env.reset("train", 0);
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertEquals(RemoteCallException.Kind.ERROR_BODY, e.kind());
                assertTrue(e.getMessage().contains(s.url().toString()), e.getMessage());
                assertTrue(e.getMessage().contains("POST /step"), e.getMessage());
                assertTrue(e.getMessage().contains("NoneType"), e.getMessage());
                assertEquals(1, s.requests("/step").size(), "a step is never retried");
                assertThrows(EnvironmentException.class, () -> env.step("look"), "the episode is over");
                env.reset("train", 1);
                assertEquals(1, s.requests("/create").size(), "an error body keeps the instance");
            }
        }
    }

    @Test
    void malformedAndWrongShapedAnswersAreRejected() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            s.on("POST", "/step", r -> FakeServer.raw(200, "{\"observation\": \"cut off"));
            EnvironmentSuite suite = suite("agentgym:alfworld", s);
            try (TextEnvironment env = suite.create()) {
                env.reset("train", 0);
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertEquals(RemoteCallException.Kind.MALFORMED, e.kind());
                assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
            }
            s.on("POST", "/step", r -> FakeServer.ok(FakeServer.map("observation", "x", "done", false)));
            try (TextEnvironment env = suite.create()) {
                env.reset("train", 0);
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertTrue(e.getMessage().contains("'reward'"), e.getMessage());
            }
        }
        try (FakeServer s = FakeAgentGym.webshop()) {
            s.on("POST", "/create", r -> FakeServer.ok(FakeServer.map("id", 3)));
            RemoteCallException e = assertThrows(RemoteCallException.class,
                    () -> suite("agentgym:webshop", s).create().reset("train", 0));
            assertTrue(e.getMessage().contains("bare integer"), e.getMessage());
        }
    }

    @Test
    void httpErrorsNameTheStatus() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            s.on("POST", "/step", r -> FakeServer.raw(500, "Internal Server Error"));
            try (TextEnvironment env = suite("agentgym:alfworld", s).create()) {
                env.reset("train", 0);
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertEquals(500, e.status());
                assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
                env.reset("train", 0);
                assertEquals(2, s.requests("/create").size(), "an HTTP error gives the instance up");
            }
        }
    }

    @Test
    void idempotentRequestsAreRetriedWithBackoffAndStepsAreNot() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            FakeServer.Handler real = r -> FakeServer.ok(FakeServer.map("id", 0, "observation", "Your task is to: x.",
                    "available_actions", List.of("look"), "task_type", "look_at_obj_in_light-A/t"));
            int[] calls = {0};
            s.on("POST", "/reset", r -> ++calls[0] <= 2 ? FakeServer.raw(503, "busy") : real.handle(r));
            try (TextEnvironment env = suite("agentgym:alfworld", s, "retries", "3").create()) {
                Reset r = env.reset("train", 0);
                assertEquals("look_at_obj_in_light", r.task().taskType());
                assertEquals(3, s.requests("/reset").size());
                s.on("POST", "/step", q -> FakeServer.raw(503, "busy"));
                assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertEquals(1, s.requests("/step").size());
            }
            s.on("POST", "/reset", r -> FakeServer.raw(503, "busy"));
            try (TextEnvironment env = suite("agentgym:alfworld", s, "retries", "2").create()) {
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.reset("train", 0));
                assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
            }
        }
    }

    @Test
    void aServerKilledMidEpisodeFailsTheStepAndTheNextResetMovesToALiveServer() throws Exception {
        try (FakeServer a = FakeAgentGym.alfworld(); FakeServer b = FakeAgentGym.alfworld()) {
            EnvironmentSuite suite = Environments.create("agentgym:alfworld", Map.of("urls",
                    a.url() + "," + b.url(), "retries", "1", "backoff_ms", "1", "timeout_ms", "20000"));
            try (TextEnvironment env = suite.create()) {
                env.reset("train", 0);
                assertEquals(1, a.requests("/create").size(), "the first instance goes to the first server");
                env.step("go to fridge 1");
                a.kill();
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertTrue(e.kind() == RemoteCallException.Kind.CONNECT || e.kind() == RemoteCallException.Kind.IO,
                        e.kind().toString());
                assertTrue(e.getMessage().contains(a.url().toString()) && e.getMessage().contains("POST /step"),
                        e.getMessage());
                Reset r = env.reset("train", 0);
                assertEquals(1, b.requests("/create").size(), "the instance was re-created on the live server");
                assertEquals("put some apple in fridge", r.task().goal());
                assertTrue(env.step("put apple 1 in/on fridge 1").won());
            }
        }
    }

    @Test
    void aSlowServerHitsTheTimeout() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            s.on("POST", "/step", r -> {
                Thread.sleep(30_000);
                return FakeServer.ok(FakeServer.map());
            });
            try (TextEnvironment env = suite("agentgym:alfworld", s, "timeout_ms", "300").create()) {
                env.reset("train", 0);
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.step("look"));
                assertEquals(RemoteCallException.Kind.TIMEOUT, e.kind());
                assertTrue(e.getMessage().contains("no answer within 300 ms"), e.getMessage());
            }
            // with one request slot, callers queued behind a stuck request time out too instead of waiting forever
            EnvironmentSuite suite = suite("agentgym:alfworld", s, "timeout_ms", "300", "retries", "0");
            List<TextEnvironment> envs = List.of(suite.create(), suite.create(), suite.create());
            for (TextEnvironment env : envs) {
                env.reset("train", 0);
            }
            List<RemoteCallException.Kind> kinds = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            List<Thread> threads = new java.util.ArrayList<>();
            for (TextEnvironment env : envs) {
                Thread t = new Thread(() -> {
                    try {
                        env.step("look");
                    } catch (RemoteCallException x) {
                        kinds.add(x.kind());
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(RemoteCallException.Kind.TIMEOUT, RemoteCallException.Kind.TIMEOUT,
                    RemoteCallException.Kind.TIMEOUT), kinds);
            envs.forEach(TextEnvironment::close);
        }
    }

    @Test
    void oversizedAnswersAreRefused() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            s.on("GET", "/", r -> FakeServer.ok("x".repeat(5000)));
            var suite = (RemoteSuite) suite("agentgym:alfworld", s, "max_response_bytes", "1024");
            RemoteServer server = suite.http().servers().get(0);
            RemoteCallException e = assertThrows(RemoteCallException.class,
                    () -> suite.http().get(server, "/", null, 0, Retry.IDEMPOTENT));
            assertEquals(RemoteCallException.Kind.TOO_LARGE, e.kind());
            assertEquals(1, s.requests("/").size());
        }
    }

    @Test
    void connectionRefusedNamesTheServer() throws Exception {
        String url;
        try (FakeServer s = new FakeServer()) {
            url = s.url().toString();
        }
        EnvironmentSuite suite = Environments.create("agentgym:sciworld",
                Map.of("urls", url, "retries", "1", "backoff_ms", "1"));
        try (TextEnvironment env = suite.create()) {
            RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.reset("train", 0));
            assertEquals(RemoteCallException.Kind.CONNECT, e.kind());
            assertTrue(e.getMessage().contains(url) && e.getMessage().contains("POST /create"), e.getMessage());
            assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void instancesSpreadOverServersAndEachServerBoundsRequestsInFlight() throws Exception {
        try (FakeServer a = FakeAgentGym.alfworld(); FakeServer b = FakeAgentGym.alfworld()) {
            for (FakeServer s : List.of(a, b)) {
                s.on("POST", "/step", r -> {
                    Thread.sleep(5);
                    return FakeServer.ok(FakeServer.map("observation", "ok", "reward", 0, "available_actions",
                            List.of("look"), "done", false));
                });
            }
            RemoteSuite suite = (RemoteSuite) Environments.create("agentgym:alfworld",
                    Map.of("urls", a.url() + "," + b.url(), "timeout_ms", "20000"));
            List<TextEnvironment> envs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                TextEnvironment env = suite.create();
                env.reset("train", i);
                envs.add(env);
            }
            assertEquals(3, a.requests("/create").size());
            assertEquals(3, b.requests("/create").size());
            assertEquals(List.of(3, 3), suite.http().servers().stream().map(RemoteServer::live).toList());
            List<Thread> threads = new java.util.ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (TextEnvironment env : envs) {
                Thread t = new Thread(() -> {
                    try {
                        for (int k = 0; k < 5; k++) {
                            env.step("look");
                        }
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(15, a.requests("/step").size());
            assertEquals(1, a.maxInFlight(), "ALFWorld servers get one request at a time");
            assertEquals(1, b.maxInFlight());
            envs.forEach(TextEnvironment::close);
            assertEquals(List.of(0, 0), suite.http().servers().stream().map(RemoteServer::live).toList());
        }
    }

    @Test
    void badOptionsNameTheOption() {
        EnvironmentException unknown = assertThrows(EnvironmentException.class,
                () -> Environments.create("agentgym:alfworld", Map.of("urls", "http://127.0.0.1:1", "timeot_ms", "5")));
        assertTrue(unknown.getMessage().contains("timeot_ms"), unknown.getMessage());
        EnvironmentException none = assertThrows(EnvironmentException.class,
                () -> Environments.create("agentgym:webshop", Map.of()));
        assertTrue(none.getMessage().startsWith("option urls"), none.getMessage());
        EnvironmentException url = assertThrows(EnvironmentException.class,
                () -> Environments.create("agentgym:babyai", Map.of("urls", "ftp://x")));
        assertTrue(url.getMessage().contains("ftp://x"), url.getMessage());
        EnvironmentException split = assertThrows(EnvironmentException.class,
                () -> Environments.create("agentgym:babyai", Map.of("urls", "http://h:1", "splits", "train:0")));
        assertTrue(split.getMessage().contains("train:0"), split.getMessage());
        EnvironmentException num = assertThrows(EnvironmentException.class,
                () -> Environments.create("agentgym:babyai", Map.of("urls", "http://h:1", "retries", "many")));
        assertTrue(num.getMessage().startsWith("option retries"), num.getMessage());
        assertTrue(Environments.known().containsAll(List.of("agentgym:alfworld", "agentgym:babyai",
                "agentgym:sciworld", "agentgym:textcraft", "agentgym:webshop")));
        EnvironmentSuite custom = Environments.create("agentgym:textcraft",
                Map.of("urls", "[http://127.0.0.1:1/, http://127.0.0.1:2]", "splits", "a:0:10,b:10:5"));
        assertEquals(5, custom.split("b").size());
        assertEquals("textcraft", custom.task("b", 4).taskType());
        assertThrows(EnvironmentException.class, () -> custom.task("b", 5));
        assertNotEquals(custom.split("a"), custom.split("b"));
    }
}
