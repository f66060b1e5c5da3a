package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scriptable loopback HTTP server for tests: routes {@code METHOD /path} to handlers, records every request,
 * tracks the most requests in flight at once, and can be killed mid-episode. Unrouted paths answer 404
 * {@code {"detail": "Not Found"}} like FastAPI.
 */
final class FakeServer implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // same switch as AgentGymServer: no Nagle stall between response headers and body
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** A received request. */
    record Request(String method, String path, String query, JsonNode body) {
    }

    /** What to answer. */
    record Answer(int status, String body) {
    }

    /** Handles one request. */
    interface Handler {
        Answer handle(Request r) throws Exception;
    }

    private final HttpServer http;
    private final ExecutorService pool;
    private final Map<String, Handler> routes = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    FakeServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        pool = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-server");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Routes {@code method path} to {@code h}. */
    FakeServer on(String method, String path, Handler h) {
        synchronized (routes) {
            routes.put(method + " " + path, h);
        }
        return this;
    }

    static Answer ok(Object value) {
        try {
            return new Answer(200, MAPPER.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Answer raw(int status, String body) {
        return new Answer(status, body);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    /** Stops listening at once and interrupts handlers: a server that died. */
    void kill() {
        http.stop(0);
        pool.shutdownNow();
    }

    @Override
    public void close() {
        kill();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Answer a;
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                JsonNode body = text.isBlank() ? null : MAPPER.readTree(text);
                Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                        ex.getRequestURI().getQuery(), body);
                synchronized (requests) {
                    requests.add(r);
                }
                Handler h;
                synchronized (routes) {
                    h = routes.get(r.method() + " " + r.path());
                }
                a = h == null ? raw(404, "{\"detail\":\"Not Found\"}") : h.handle(r);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                a = raw(500, "Internal Server Error");
            } finally {
                // before the answer leaves, so that a client cannot send its next request while this one counts
                inFlight.decrementAndGet();
            }
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** {@code id} from a JSON body or {@code ?id=}/{@code ?env_idx=} query. */
    static long id(Request r, String field) {
        if (r.body() != null && r.body().has(field)) {
            return r.body().get(field).asLong();
        }
        for (String kv : r.query() == null ? new String[0] : r.query().split("&")) {
            if (kv.startsWith(field + "=")) {
                return Long.parseLong(kv.substring(field.length() + 1));
            }
        }
        throw new IllegalArgumentException("no " + field);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
