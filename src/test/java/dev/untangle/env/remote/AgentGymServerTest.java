package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AgentGymServer} on a real loopback socket, through raw HTTP and through {@code agentgym:alfworld}. */
class AgentGymServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    private final AtomicLong now = new AtomicLong();
    private AgentGymServer server;

    @BeforeEach
    void start() throws Exception {
        server = AgentGymServer.start(new CounterSuite(), ServeSettings.builder().optPort(0).optMaxEnvs(3)
                .optIdleTimeout(Duration.ofSeconds(60)).optMaxBodyBytes(1024).optThreads(4).build(), now::get, false);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(20));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return new Answer(r.statusCode(), MAPPER.readTree(r.body()));
    }

    private EnvironmentSuite client() {
        return Environments.create("agentgym:alfworld", Map.of("urls", server.url().toString(),
                "splits", "train:0:5,test:5:3", "timeout_ms", "20000"));
    }

    @Test
    void playsEpisodesExactlyLikeTheInProcessSuite() {
        CounterSuite local = new CounterSuite();
        EnvironmentSuite remote = client();
        SplittableRandom rng = new SplittableRandom(7);
        try (TextEnvironment a = local.create(); TextEnvironment b = remote.create()) {
            for (String split : List.of("train", "test")) {
                for (int task = 0; task < remote.split(split).size(); task++) {
                    Reset ra = a.reset(split, task);
                    Reset rb = b.reset(split, task);
                    assertEquals(ra, rb);
                    List<String> admissible = ra.admissible();
                    boolean done = false;
                    while (!done) {
                        String cmd = rng.nextInt(5) == 0 ? "jump" : admissible.get(rng.nextInt(admissible.size()));
                        StepResult sa = a.step(cmd);
                        StepResult sb = b.step(cmd);
                        assertEquals(sa, sb, "step " + a.steps() + " of " + split + "/" + task);
                        admissible = sa.admissible();
                        done = sa.done();
                    }
                    assertEquals(a.steps(), b.steps());
                }
            }
        }
        assertEquals(0, server.liveEnvironments(), "the client closed its instance");
    }

    @Test
    void splitsTaskTypesAndCorpusCanComeFromTheServer() throws Exception {
        RemoteSuite remote = (RemoteSuite) Environments.create("agentgym:alfworld",
                Map.of("urls", server.url().toString(), "splits", "server"));
        CounterSuite local = new CounterSuite();
        assertEquals(local.splits().stream().map(s -> s.name() + "=" + s.size()).toList(),
                remote.splits().stream().map(s -> s.name() + "=" + s.size()).toList());
        assertEquals(local.taskTypes(), remote.taskTypes());
        assertEquals(local.corpus(), remote.corpus(), "a closed served vocabulary is taken over as it is");
        assertTrue(remote.closedVocabulary());
        assertEquals(5, remote.range("test").offset());
        try (TextEnvironment env = remote.create()) {
            assertEquals(local.create().reset("test", 2), env.reset("test", 2));
        }
        JsonNode info = send("GET", "/suite", null).body();
        assertEquals("test-counter", info.get("env").asText());
        try (FakeServer fake = FakeAgentGym.alfworld()) {
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> Environments.create(
                    "agentgym:alfworld", Map.of("urls", fake.url().toString(), "splits", "server")));
            assertTrue(e.getMessage().contains("needs a server with GET /suite"), e.getMessage());
        }
    }

    @Test
    void rawProtocolRoundTrip() throws Exception {
        assertTrue(send("GET", "/", null).body().asText().contains("test-counter"));
        long id = send("POST", "/create", null).body().get("id").asLong();
        Answer reset = send("POST", "/reset", "{\"id\": " + id + ", \"game\": 5, \"world_type\": \"Text\"}");
        assertEquals(200, reset.status());
        assertEquals("count_odd/test/0", reset.body().get("task_type").asText());
        assertEquals("reach 3", reset.body().get("goal").asText());
        assertEquals(List.of("inc", "look"), MAPPER.convertValue(reset.body().get("available_actions"), List.class));
        Answer step = send("POST", "/step", "{\"id\": " + id + ", \"action\": \"inc\"}");
        assertEquals("The counter shows 1.", step.body().get("observation").asText());
        assertFalse(step.body().get("done").asBoolean());
        assertEquals("The counter shows 1.", send("GET", "/observation?id=" + id, null).body().asText());
        assertEquals(3, send("GET", "/available_actions?id=" + id, null).body().size());
        JsonNode detail = send("GET", "/detail?id=" + id, null).body();
        assertEquals(5, detail.get("game").asInt());
        assertEquals(1, detail.get("steps").asInt());
        send("POST", "/step", "{\"id\": " + id + ", \"action\": \"inc\"}");
        Answer won = send("POST", "/step", "{\"id\": " + id + ", \"action\": \"inc\"}");
        assertTrue(won.body().get("done").asBoolean() && won.body().get("won").asBoolean());
        assertEquals(1.0, won.body().get("reward").asDouble());
        Answer after = send("POST", "/step", "{\"id\": " + id + ", \"action\": \"inc\"}");
        assertEquals(200, after.status());
        assertEquals("The task with environment " + id + " has finished.", after.body().get("error").asText());
        assertTrue(send("POST", "/close", "{\"id\": " + id + "}").body().asBoolean());
        assertTrue(send("GET", "/observation?id=" + id, null).body().get("error").asText()
                .startsWith("unknown environment id " + id));
    }

    @Test
    void theSciworldClientPlaysAServedWorld() {
        // agentgym:sciworld sends data_idx, reads task_description and the cumulative 0-100 score: task 0 of train
        // is "reach 2", won after two incs with the score 100 on the last step
        EnvironmentSuite sci = Environments.create("agentgym:sciworld", Map.of("urls", server.url().toString(),
                "splits", "train:0:5", "timeout_ms", "20000"));
        try (TextEnvironment env = sci.create()) {
            Reset r = env.reset("train", 0);
            assertTrue(r.observation().startsWith("reach 2\n"), r.observation());
            StepResult first = env.step("inc");
            assertFalse(first.done());
            assertEquals(0.0, first.rawReward(), "the served score after a step that earns nothing");
            StepResult last = env.step("inc");
            assertTrue(last.done() && last.won(), last.toString());
            assertEquals(100.0, last.rawReward());
            assertEquals(1.0, last.reward());
        }
    }

    @Test
    void applicationErrorsAreHttp200WithAnErrorBody() throws Exception {
        long id = send("POST", "/create", null).body().get("id").asLong();
        Answer early = send("POST", "/step", "{\"id\": " + id + ", \"action\": \"inc\"}");
        assertTrue(early.body().get("error").asText().contains("has not been reset"));
        Answer game = send("POST", "/reset", "{\"id\": " + id + ", \"game\": 8}");
        assertEquals(200, game.status());
        assertEquals("game 8 is outside 0..7", game.body().get("error").asText());
        Answer unknown = send("POST", "/reset", "{\"id\": 99, \"game\": 0}");
        assertTrue(unknown.body().get("error").asText().startsWith("unknown environment id 99"));
        send("POST", "/create", null);
        send("POST", "/create", null);
        Answer full = send("POST", "/create", null);
        assertTrue(full.body().get("error").asText().startsWith("server is full: 3 live environments"));
        assertEquals(3, server.liveEnvironments());
    }

    @Test
    void malformedOversizedAndMisroutedRequestsGetAJsonErrorAndStatus() throws Exception {
        Answer bad = send("POST", "/reset", "{\"id\": 0, \"game\":");
        assertEquals(400, bad.status());
        assertTrue(bad.body().get("error").asText().startsWith("malformed JSON body"));
        assertEquals(400, send("POST", "/reset", "[1, 2]").status());
        assertEquals(400, send("POST", "/reset", "{\"id\": \"zero\", \"game\": 0}").status());
        assertEquals(400, send("POST", "/step", "{\"id\": 0, \"action\": 5}").status());
        assertEquals(400, send("GET", "/detail", null).status());
        assertEquals(400, send("GET", "/detail?id=x", null).status());
        // ids out of the 64-bit range are errors, never wrapped onto a live environment (2^64 + 0 is not 0)
        long live = send("POST", "/create", null).body().get("id").asLong();
        Answer wrapped = send("POST", "/step", "{\"id\": " + java.math.BigInteger.TWO.pow(64)
                .add(java.math.BigInteger.valueOf(live)) + ", \"action\": \"inc\"}");
        assertEquals(400, wrapped.status());
        assertTrue(wrapped.body().get("error").asText().contains("outside the range of environment ids"),
                wrapped.body().toString());
        assertEquals(400, send("GET", "/detail?id=18446744073709551616", null).status());
        send("POST", "/close", "{\"id\": " + live + "}");
        Answer big = send("POST", "/step", "{\"id\": 0, \"action\": \"" + "a".repeat(2000) + "\"}");
        assertEquals(413, big.status());
        assertTrue(big.body().get("error").asText().contains("exceeds the limit of 1024"));
        Answer path = send("GET", "/nowhere", null);
        assertEquals(404, path.status());
        assertTrue(path.body().get("error").asText().startsWith("unknown path /nowhere"));
        Answer method = send("GET", "/step", null);
        assertEquals(405, method.status());
        assertEquals("/step takes POST, not GET", method.body().get("error").asText());
        assertEquals(0, server.liveEnvironments());
    }

    @Test
    void idleEnvironmentsAreFreed() throws Exception {
        long a = send("POST", "/create", null).body().get("id").asLong();
        long b = send("POST", "/create", null).body().get("id").asLong();
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        send("POST", "/reset", "{\"id\": " + b + ", \"game\": 0}");
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertEquals(1, server.evictIdle());
        assertEquals(1, server.liveEnvironments());
        assertTrue(send("GET", "/detail?id=" + a, null).body().has("error"));
        assertFalse(send("GET", "/detail?id=" + b, null).body().has("error"));
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(1, server.evictIdle());
        assertEquals(0, server.liveEnvironments());
    }

    @Test
    void aClientWhoseInstanceWasFreedStartsANewOneOnReset() {
        try (TextEnvironment env = client().create()) {
            env.reset("train", 0);
            now.addAndGet(Duration.ofMinutes(5).toNanos());
            assertEquals(1, server.evictIdle());
            assertThrows(EnvironmentException.class, () -> env.step("inc"), "the step names the freed id");
            Reset r = env.reset("train", 1);
            assertEquals("reach 3", r.task().goal());
            assertEquals(1, server.liveEnvironments());
            assertFalse(env.step("inc").done());
        }
    }

    @Test
    void theClientSeesServerErrorsAsEnvironmentExceptions() {
        EnvironmentSuite remote = Environments.create("agentgym:alfworld", Map.of("urls", server.url().toString(),
                "splits", "train:0:5,test:5:4", "timeout_ms", "20000"));
        try (TextEnvironment env = remote.create()) {
            RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.reset("test", 3));
            assertEquals(RemoteCallException.Kind.ERROR_BODY, e.kind());
            assertTrue(e.getMessage().contains("game 8 is outside 0..7"), e.getMessage());
            env.reset("test", 2);
            assertThrows(EnvironmentException.class, () -> env.reset("test", 4));
        }
    }

    @Test
    void concurrentClientsOnSeparateEnvironments() throws Exception {
        EnvironmentSuite remote = Environments.create("agentgym:alfworld", Map.of("urls", server.url().toString(),
                "splits", "train:0:5,test:5:3", "max_in_flight", "3", "timeout_ms", "20000"));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < 3; c++) {
            int task = c;
            Thread t = new Thread(() -> {
                try (TextEnvironment env = remote.create()) {
                    for (int round = 0; round < 5; round++) {
                        env.reset("train", task);
                        StepResult r;
                        do {
                            r = env.step("inc");
                        } while (!r.done());
                        if (!r.won() || env.steps() != CounterSuite.target("train", task)) {
                            failures.add(new AssertionError("task " + task + " not won in the fewest steps"));
                        }
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
        assertEquals(0, server.liveEnvironments());
    }
}
