package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ServerProbe} against our server, a fake WebShop and a dead port. */
class ServerProbeTest {

    private static ProbeReport.Probe probe(ProbeReport r, String prefix) {
        return r.probes().stream().filter(p -> p.name().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no probe " + prefix + " in " + r));
    }

    @Test
    void ourServerPassesEveryProbe() throws Exception {
        try (AgentGymServer s = AgentGymServer.start(new CounterSuite(), ServeSettings.builder().optPort(0).build())) {
            ProbeReport r = ServerProbe.probe("agentgym:alfworld", s.url().toString(), Map.of("splits", "train:0:5"));
            assertTrue(r.ok(), r.toString());
            assertTrue(r.probes().stream().allMatch(ProbeReport.Probe::ok), r.toString());
            assertTrue(probe(r, "POST /reset").detail().contains("2 admissible commands"), r.toString());
            assertTrue(probe(r, "POST /step 'inc'").ok());
            assertEquals(0, s.liveEnvironments(), "the probe closed its instance");
        }
    }

    @Test
    void webshopWithoutCloseIsUsable() throws Exception {
        try (FakeServer s = FakeAgentGym.webshop()) {
            ProbeReport r = ServerProbe.probe("agentgym:webshop", s.url().toString(), Map.of());
            assertTrue(r.ok(), r.toString());
            assertEquals(0, s.requests("/reset").get(0).body().get("session_id").asInt(),
                    "first split of WebShop is test, starting at goal 0");
            ProbeReport.Probe close = probe(r, "POST /close");
            assertFalse(close.ok());
            assertTrue(close.detail().startsWith("not supported (HTTP 404)"), close.detail());
            assertFalse(probe(r, "GET /").ok(), "the fake has no greeting; optional");
            assertTrue(probe(r, "POST /step 'search[shirt]'").ok());
        }
    }

    @Test
    void aDeadServerIsReportedNotThrown() throws Exception {
        String url;
        try (FakeServer s = new FakeServer()) {
            url = s.url().toString();
        }
        ProbeReport r = ServerProbe.probe("agentgym:sciworld", url, Map.of());
        assertFalse(r.ok());
        ProbeReport.Probe create = probe(r, "POST /create");
        assertFalse(create.ok());
        assertTrue(create.detail().contains("cannot connect"), create.detail());
        assertTrue(probe(r, "POST /step").detail().startsWith("skipped"));
        assertThrows(EnvironmentException.class, () -> ServerProbe.probe("agentgym:minecraft", url, Map.of()));
    }
}
