package dev.untangle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.env.Environments;
import dev.untangle.env.remote.AgentGymServer;
import dev.untangle.env.remote.ServeSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve}, {@code env check} and {@code bench serve} on the command line (test world {@code test-counter}). */
class RemoteCommandsTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = command == null ? Main.commandLine() : new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        if (command != null) {
            cl.setExecutionExceptionHandler(Main.commandLine().getExecutionExceptionHandler());
        }
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void serveDefaultsTheHouseholdWorldToTheGrammarAgentGymsClientsSend() {
        assertEquals("old", ServeCommand.serveOptions("household", Map.of()).get("grammar"));
        assertEquals("new", ServeCommand.serveOptions("household", Map.of("grammar", "new")).get("grammar"));
        assertEquals(Map.of(), ServeCommand.serveOptions("test-counter", Map.of()));
    }

    @Test
    void envCheckReportsAUsableServerAsJson() throws Exception {
        try (AgentGymServer s = AgentGymServer.start(Environments.create("test-counter", Map.of()),
                ServeSettings.builder().optPort(0).build())) {
            Run r = run(new EnvCheckCommand(), "--env", "agentgym:alfworld", "--url", s.url().toString(),
                    "-o", "splits=train:0:5", "--json");
            assertEquals(0, r.code(), r.err());
            JsonNode report = Json.MAPPER.readTree(r.out());
            assertTrue(report.get("ok").asBoolean());
            assertEquals("agentgym:alfworld", report.get("env").asText());
            Run text = run(new EnvCheckCommand(), "--env", "agentgym:alfworld", "--url", s.url().toString(),
                    "-o", "splits=train:0:5");
            assertTrue(text.out().contains(": usable"), text.out());
        }
    }

    @Test
    void envCheckExitsThreeForADeadServerAndTwoForAnUnknownEnvironment() {
        Run dead = run(new EnvCheckCommand(), "--env", "agentgym:babyai", "--url", "http://127.0.0.1:1",
                "-o", "connect_timeout_ms=2000");
        assertEquals(EnvCheckCommand.FAILED, dead.code(), dead.out() + dead.err());
        assertTrue(dead.out().contains("NOT usable"), dead.out());
        Run unknown = run(new EnvCheckCommand(), "--env", "agentgym:doom", "--url", "http://127.0.0.1:1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown environment 'agentgym:doom'"), unknown.err());
    }

    @Test
    void benchServeStopsAtItsRequestCap() throws Exception {
        Run r = run(new BenchServeCommand(), "--env", "test-counter", "--clients", "2", "--requests", "80",
                "--seconds", "120", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode result = Json.MAPPER.readTree(r.out());
        assertEquals(80, result.get("requests").asLong());
        assertEquals(0, result.get("errors").asLong());
        assertEquals(2, run(new BenchServeCommand(), "--clients", "0").code());
    }

    @Test
    void serveIsRegisteredAndRejectsBadSettings() {
        Run help = run(null, "serve", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--idle-seconds"), help.out());
        Run port = run(null, "serve", "--env", "test-counter", "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("port must be in 0..65535"), port.err());
        Run env = run(null, "serve", "--env", "nowhere");
        assertEquals(2, env.code());
        assertTrue(env.err().contains("unknown environment 'nowhere'"), env.err());
        for (String limit : List.of("--request-timeout-seconds", "--read-timeout-seconds", "--max-connections")) {
            assertTrue(help.out().contains(limit), help.out());
        }
        Run timeout = run(null, "serve", "--env", "test-counter", "--port", "0", "--request-timeout-seconds", "0");
        assertEquals(2, timeout.code());
        assertTrue(timeout.err().contains("--request-timeout-seconds must be in 0.1..86400 seconds, got 0.0"),
                timeout.err());
        Run connections = run(null, "serve", "--env", "test-counter", "--port", "0", "--max-connections", "0");
        assertEquals(2, connections.code());
        assertTrue(connections.err().contains("max connections must be in 1..65536, got 0"), connections.err());
    }
}
