package dev.untangle.env.remote;

import static dev.untangle.env.remote.FakeServer.id;
import static dev.untangle.env.remote.FakeServer.map;
import static dev.untangle.env.remote.FakeServer.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A flavour declared only as data (no code of its own) plays whole episodes against a loopback server whose
 * every endpoint field differs from the five AgentGym servers': the id field, the reset index, the observation,
 * reward and admissible-list fields, the goal marker, the create body and the invalid-command answer.
 */
class DeclaredFlavourTest {

    private static final Flavour FLAGQUEST = Flavour.builder("flagquest")
            .vocabulary(List.of("north south east west", "Mission: reach the flag"))
            .defaultSplits(new SplitRange("train", 0, 10), new SplitRange("test", 10, 5))
            .idField("session")
            .createNullFields("seed")
            .resetIndexField("level")
            .observationField("text")
            .goal(new Flavour.GoalSource.AfterMarker(null, "Mission:"))
            .admissible(new Flavour.Admissible.Field("moves"))
            .reward("points", Flavour.RewardScale.CLAMPED)
            .rawRewardField("bonus")
            .won(Flavour.WonRule.POSITIVE_WHEN_DONE)
            .invalidPrefix("Unknown move")
            .probeAction("north")
            .build();

    /** A two-step maze: {@code north} then {@code east} reaches the flag; anything else is an unknown move. */
    private static FakeServer flagquest() throws Exception {
        FakeServer s = new FakeServer();
        AtomicLong ids = new AtomicLong(40);
        Map<Long, Integer> position = new ConcurrentHashMap<>();
        s.on("POST", "/create", r -> {
            long id = ids.getAndIncrement();
            position.put(id, -1);
            return ok(map("id", id));
        });
        s.on("POST", "/reset", r -> {
            long id = id(r, "session");
            position.put(id, 0);
            int level = r.body().get("level").asInt();
            return ok(map("text", "Level " + level + ".\nMission: reach the flag.", "moves", List.of("north")));
        });
        s.on("POST", "/step", r -> {
            long id = id(r, "session");
            String action = r.body().get("action").asText();
            int at = position.get(id);
            if (at == 0 && action.equals("north")) {
                position.put(id, 1);
                return ok(map("text", "You walk north.", "points", 0.0, "done", false, "moves", List.of("east")));
            }
            if (at == 1 && action.equals("east")) {
                position.put(id, 2);
                return ok(map("text", "You reach the flag.", "points", 2.5, "bonus", 7.0, "done", true,
                        "moves", List.of()));
            }
            return ok(map("text", "Unknown move '" + action + "'.", "points", 0.0, "done", false,
                    "moves", List.of(at == 0 ? "north" : "east")));
        });
        return s;
    }

    @Test
    void aFlavourDeclaredAsDataPlaysEpisodesEndToEnd() throws Exception {
        try (FakeServer s = flagquest()) {
            RemoteOptions options = RemoteOptions.parse(FLAGQUEST, Map.of("urls", s.url().toString(),
                    "backoff_ms", "1", "timeout_ms", "20000"));
            RemoteSuite suite = new RemoteSuite(FLAGQUEST, options);
            assertEquals("agentgym:flagquest", suite.name());
            assertEquals(List.of("train", "test"), suite.splits().stream().map(x -> x.name()).toList());
            try (TextEnvironment env = suite.create()) {
                Reset r = env.reset("test", 2);
                var create = s.requests("/create").get(0).body();
                assertTrue(create.has("seed") && create.get("seed").isNull(), create.toString());
                var reset = s.requests("/reset").get(0).body();
                assertEquals(12, reset.get("level").asInt());
                assertEquals(40, reset.get("session").asLong());
                assertEquals("reach the flag", r.task().goal());
                assertEquals("flagquest", r.task().taskType());
                assertEquals(List.of("north"), r.admissible());
                assertTrue(r.observation().startsWith("Level 12."), r.observation());

                StepResult bad = env.step("  jump ");
                assertFalse(bad.valid());
                assertFalse(bad.done());
                assertEquals("jump", s.requests("/step").get(0).body().get("action").asText());
                StepResult north = env.step("north");
                assertTrue(north.valid());
                assertEquals(List.of("east"), north.admissible());
                assertEquals(0.0, north.reward());
                StepResult east = env.step("east");
                assertTrue(east.done());
                assertTrue(east.won());
                assertEquals(1.0, east.reward(), "2.5 points clamp to 1");
                assertEquals(7.0, east.rawReward(), "the declared raw reward field");
                assertEquals(3, env.steps());

                env.reset("train", 0);                          // the instance is reused
                assertEquals(1, s.requests("/create").size());
                assertEquals(0, s.requests("/reset").get(1).body().get("level").asInt());
            }
        }
    }

    @Test
    void aMissingDeclaredFieldIsAMalformedAnswerNamingIt() throws Exception {
        try (FakeServer s = new FakeServer()) {
            s.on("POST", "/create", r -> ok(map("id", 1)));
            s.on("POST", "/reset", r -> ok(map("observation", "Mission: reach the flag.", "moves", List.of())));
            RemoteOptions options = RemoteOptions.parse(FLAGQUEST, Map.of("urls", s.url().toString(),
                    "backoff_ms", "1", "timeout_ms", "20000", "retries", "0"));
            try (TextEnvironment env = new RemoteSuite(FLAGQUEST, options).create()) {
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.reset("train", 0));
                assertTrue(e.getMessage().contains("'text'"), e.getMessage());
            }
        }
    }

    @Test
    void aDeclarationMissingARequiredPartIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Flavour.builder("half").vocabulary(List.of("x")).defaultSplits(new SplitRange("train", 0, 1))
                        .goal(new Flavour.GoalSource.AfterMarker(null, "Goal:")).build());
        assertTrue(e.getMessage().contains("reset index"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Flavour.builder("nodesc").vocabulary(List.of("x"))
                .defaultSplits(new SplitRange("train", 0, 1)).resetIndexField("i")
                .goal(new Flavour.GoalSource.Description()).build());
    }
}
