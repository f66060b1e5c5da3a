package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The environment commands with {@code --env science}, run through Main.run with captured output. */
class ScienceCliTest {

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
    void envStatsCountsTaskTypesAndNamesTopics() throws Exception {
        Run r = run("env", "stats", "--env", "science", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(4, j.get("splits").size());
        JsonNode l2 = j.get("splits").get(3);
        assertEquals("L2", l2.get("name").asText());
        assertEquals(100, l2.get("task_types").get("find-animal").asInt());
        assertEquals("Electricity", j.get("topics").get("power-component").asText());
    }

    @Test
    void envExpertAndSampleWork() throws Exception {
        Run r = run("env", "expert", "--env", "science", "--split", "L1", "--n", "20", "--expert", "searcher",
                "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1.0, r.json().get("success_rate").asDouble());
        r = run("env", "sample", "--env", "science", "--split", "L0", "--n", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("This room is called the"), r.out());
    }

    @Test
    void benchEnvRunsOnTheScienceWorld() throws Exception {
        Run r = run("bench", "env", "--env", "science", "--seconds", "0.2", "--warmup", "0", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("science", r.json().get("env").asText());
        assertTrue(r.json().get("steps").asLong() > 0);
    }

    /** A won science game ends with its score (it ended with the outcome alone); --json carries it too. */
    @Test
    void playEndsWithTheScore() throws Exception {
        dev.untangle.env.EnvironmentSuite suite = dev.untangle.env.Environments.create("science", java.util.Map.of());
        StringBuilder script = new StringBuilder();
        try (dev.untangle.env.TextEnvironment env = suite.create()) {         // the oracle's winning commands
            dev.untangle.env.Reset reset = env.reset("train", 0);
            dev.untangle.env.Expert oracle = suite.expert("oracle").orElseThrow();
            oracle.begin(env, reset);
            String obs = reset.observation();
            for (int i = 0; i < 100; i++) {
                String cmd = oracle.next(env, obs);
                script.append(cmd).append('\n');
                dev.untangle.env.StepResult step = env.step(cmd);
                obs = step.observation();
                if (step.done()) {
                    assertTrue(step.won(), "the oracle wins train task 0");
                    break;
                }
            }
        }
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(script.toString().getBytes(StandardCharsets.UTF_8)));
            Run r = run("play", "--env", "science", "--split", "train", "--task", "0");
            assertEquals(0, r.code(), r.err());
            String[] lines = r.out().strip().split("\n");
            assertTrue(lines[lines.length - 2].startsWith("Outcome: won in "), r.out());
            assertEquals("Score: 100 of 100.", lines[lines.length - 1], r.out());
            System.setIn(new ByteArrayInputStream(script.toString().getBytes(StandardCharsets.UTF_8)));
            Run j = run("play", "--env", "science", "--split", "train", "--task", "0", "--json");
            assertEquals(0, j.code(), j.err());
            assertEquals(100, j.json().get("score").asInt(), j.out());
            assertEquals("won", j.json().get("outcome").asText());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void playEndsWithTheOutcome() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("dance\nfocus on the agent\ntask\nlook around\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run r = run("play", "--env", "science", "--split", "train", "--task", "0");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("> dance\nNo known action matches that input."), r.out());
            assertTrue(r.out().contains("> task\nTask Description:\n"), r.out());
            assertTrue(r.out().strip().endsWith("Outcome: unfinished (input ended after 4 steps).\nScore: 5 of 100."),
                    "the transcript ends with the outcome and the score: " + r.out());
            System.setIn(new ByteArrayInputStream("look around\nfocus on air\n".getBytes(StandardCharsets.UTF_8)));
            Run bad = run("play", "--env", "science", "--split", "train", "--task", "0", "--grammar", "old");
            assertEquals(2, bad.code());
            assertTrue(bad.err().contains("unknown science option 'grammar'"), bad.err());
        } finally {
            System.setIn(saved);
        }
    }
}
