package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.Expert;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The household commands of the CLI, run through Main.run with captured output. */
class HouseholdCliTest {

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void envExpertJsonHasTheDocumentedKeys() throws Exception {
        Run r = run("env", "expert", "--split", "L2", "--n", "12", "--expert", "oracle", "--scene-size", "small",
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals("L2", j.get("split").asText());
        assertEquals(12, j.get("episodes").asInt());
        assertEquals(1.0, j.get("success_rate").asDouble());
        assertTrue(j.get("mean_steps").asDouble() >= 4);
        JsonNode byType = j.get("by_type");
        int total = 0;
        for (String t : List.of("pick_cool_then_place_in_recep", "pick_two_obj_and_place")) {
            if (byType.has(t)) {
                total += byType.get(t).get("episodes").asInt();
                assertEquals(1.0, byType.get(t).get("success_rate").asDouble());
                assertTrue(byType.get(t).has("mean_steps"));
            }
        }
        assertEquals(12, total);
    }

    @Test
    void envSampleAndStatsPrintJson() throws Exception {
        Run sample = run("env", "sample", "--split", "L1", "--n", "2", "--json");
        assertEquals(0, sample.code(), sample.err());
        JsonNode tasks = sample.json().get("tasks");
        assertEquals(2, tasks.size());
        assertTrue(tasks.get(0).get("observation").asText().startsWith("-= Welcome to TextWorld, ALFRED! =-"));
        assertTrue(tasks.get(1).get("observation").asText().endsWith(tasks.get(1).get("goal").asText() + "."));

        Run stats = run("env", "stats", "--json");
        assertEquals(0, stats.code(), stats.err());
        JsonNode splits = stats.json().get("splits");
        assertEquals(4, splits.size());
        assertEquals("L2", splits.get(3).get("name").asText());
        assertEquals(134, splits.get(3).get("size").asInt());
        assertEquals(2, splits.get(3).get("task_types").size());
        assertEquals(3, stats.json().get("scene_sizes").size());
    }

    @Test
    void benchEnvReportsStepsPerSecond() throws Exception {
        Run r = run("bench", "env", "--seconds", "0.2", "--warmup", "0", "--scene-size", "tiny", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().get("steps_per_second").asDouble() > 0);
        assertTrue(r.json().get("steps").asLong() > 0);
    }

    @Test
    void playReadsAPipedScriptAndEndsWithTheOutcome() {
        List<String> script = new ArrayList<>();
        EnvironmentSuite suite = Environments.create("household", Map.of("grammar", "old"));
        try (TextEnvironment env = suite.create()) {
            Reset reset = env.reset("L0", 4);
            Expert oracle = suite.expert("oracle").orElseThrow();
            oracle.begin(env, reset);
            String obs = reset.observation();
            StepResult r = null;
            script.add("dance");
            while (r == null || !r.done()) {
                String cmd = oracle.next(env, obs);
                script.add(cmd);
                r = env.step(cmd);
                obs = r.observation();
            }
        }
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream((String.join("\n", script) + "\n").getBytes(StandardCharsets.UTF_8)));
            Run r = run("play", "--split", "L0", "--task", "4", "--grammar", "old");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Your task is to: "), r.out());
            assertTrue(r.out().contains("Admissible commands: "), r.out());
            assertTrue(r.out().contains("> dance\nNothing happens."), r.out());
            assertTrue(r.out().strip().endsWith("Outcome: won in " + script.size() + " steps."), r.out());

            // a person at a terminal: a prompt before each command, and the typed line is not printed again
            System.setIn(new ByteArrayInputStream("dance\n".getBytes(StandardCharsets.UTF_8)));
            PlayCommand play = new PlayCommand();
            play.interactive = true;
            java.io.StringWriter o = new java.io.StringWriter();
            assertEquals(0, CliHarness.run(play, o, new java.io.StringWriter(), "--split", "L0", "--task", "4"));
            assertTrue(o.toString().contains("> Nothing happens."), o.toString());
            assertTrue(!o.toString().contains("dance"), "the terminal already shows what was typed: " + o);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void userErrorsPrintOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"env", "sample", "--split", "L7"},
                new String[] {"play", "--split", "L1", "--task", "134"},
                new String[] {"env", "expert", "--split", "L0", "--expert", "guru"},
                new String[] {"env", "stats", "--grammar", "ancient"},
                new String[] {"bench", "env", "--seconds", "0"})) {
            Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
    }
}
