package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Requests the server never read, and instances nobody owns (issue 12, item 6): a kept-alive connection the
 * server closes as a {@code /step} arrives is sent again on a fresh connection (and played once); an instance
 * abandoned after a failure is closed; an instance created after its {@code /create} timed out is closed when
 * the late answer arrives.
 */
class OrphanedRequestsTest {

    private static EnvironmentSuite suite(URI url, String... extra) {
        Map<String, String> o = new java.util.HashMap<>();
        o.put("urls", url.toString());
        o.put("backoff_ms", "1");
        o.put("timeout_ms", "20000");
        for (int i = 0; i < extra.length; i += 2) {
            o.put(extra[i], extra[i + 1]);
        }
        return Environments.create("agentgym:alfworld", o);
    }

    /**
     * A TCP proxy in front of a server that, when armed, closes a client connection that already carried an
     * exchange as soon as its next request arrives, without forwarding it: what a client sees when a server
     * closes an idle kept-alive connection just as a request is sent on it.
     */
    private static final class DroppingProxy implements AutoCloseable {
        final ServerSocket listener;
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicBoolean dropped = new AtomicBoolean();

        DroppingProxy(URI target) throws IOException {
            listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket client = listener.accept();
                        Socket server = new Socket(target.getHost(), target.getPort());
                        AtomicBoolean used = new AtomicBoolean();
                        pump(server, client, used, false);
                        pump(client, server, used, true);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "dropping-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        private void pump(Socket from, Socket to, AtomicBoolean used, boolean request) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (request && used.get() && armed.compareAndSet(true, false)) {
                            dropped.set(true);
                            from.close();
                            to.close();
                            return;
                        }
                        out.write(buf, 0, n);
                        out.flush();
                        if (!request) {
                            used.set(true);
                        }
                    }
                } catch (IOException e) {
                    // a side closed
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "dropping-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/");
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    @Test
    void aStepOnAConnectionTheServerClosedIsSentAgainAndPlayedOnce() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld(); DroppingProxy proxy = new DroppingProxy(s.url())) {
            try (TextEnvironment env = suite(proxy.url(), "retries", "0").create()) {
                env.reset("train", 0);
                proxy.armed.set(true);
                StepResult r = env.step("put apple 1 in/on fridge 1");
                assertTrue(proxy.dropped.get(), "the step went out on the kept-alive connection and was dropped");
                assertTrue(r.won(), "sent again on a fresh connection, it was played");
                assertEquals(1, s.requests("/step").size(), "the server played the step once");
            }
        }
    }

    @Test
    void anInstanceAbandonedAfterAFailureIsClosed() throws Exception {
        try (FakeServer s = FakeAgentGym.sciworld()) {
            s.on("POST", "/close", r -> FakeServer.ok(FakeServer.map()));
            s.on("POST", "/step", r -> FakeServer.raw(500, "Internal Server Error"));
            Map<String, String> o = new java.util.HashMap<>(Map.of("urls", s.url().toString(), "backoff_ms", "1"));
            try (TextEnvironment env = Environments.create("agentgym:sciworld", o).create()) {
                env.reset("train", 0);
                assertThrows(RemoteCallException.class, () -> env.step("look around"));
                assertEquals(1, s.requests("/close").size(), "the abandoned instance is freed at once");
            }
            assertEquals(1, s.requests("/close").size(), "and not closed twice");
        }
    }

    @Test
    void anInstanceCreatedAfterItsCreateTimedOutIsClosedWhenTheAnswerArrives() throws Exception {
        try (FakeServer s = FakeAgentGym.alfworld()) {
            s.on("POST", "/create", r -> {
                Thread.sleep(700);
                return FakeServer.ok(FakeServer.map("id", 41));
            });
            s.on("POST", "/close", r -> FakeServer.ok(FakeServer.map()));
            try (TextEnvironment env = suite(s.url(), "timeout_ms", "250").create()) {
                RemoteCallException e = assertThrows(RemoteCallException.class, () -> env.reset("train", 0));
                assertEquals(RemoteCallException.Kind.TIMEOUT, e.kind());
                assertEquals(1, s.requests("/create").size(), "a create is not repeated after a timeout");
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (s.requests("/close").isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(s.requests("/close").isEmpty(), "the late instance was closed");
            assertEquals(41, s.requests("/close").get(0).body().get("id").asLong());
        }
    }
}
