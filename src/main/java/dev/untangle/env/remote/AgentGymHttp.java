package dev.untangle.env.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.env.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a remote suite: one {@link HttpClient} for all its servers, a bounded number of requests in
 * flight per server, retries with exponential back-off for requests that allow them, and strict checks of
 * every answer (status 200, JSON, no {@code "error"} key). Thread-safe.
 */
public final class AgentGymHttp {

    private static final Logger LOG = LoggerFactory.getLogger(AgentGymHttp.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final int SNIPPET = 200;
    private static final long DOWN_NANOS = Duration.ofSeconds(30).toNanos();

    /** The JDK client's keep-alive limit for pooled connections, in seconds ({@code jdk.httpclient.keepalive.timeout}). */
    static final String KEEPALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

    static {
        // reuse a pooled connection only while servers keep it open (uvicorn closes idle ones after 5 s; the JDK
        // default is 1,200 s), so few requests meet a closed connection; those that do are sent again (UNANSWERED).
        // Read once per JVM by the JDK's connection pool; a value the user set wins.
        if (System.getProperty(KEEPALIVE_PROPERTY) == null) {
            System.setProperty(KEEPALIVE_PROPERTY, "2");
        }
    }

    private final String envName;
    private final RemoteOptions options;
    private final List<RemoteServer> servers;
    private final HttpClient client;

    /**
     * Creates the HTTP side of suite {@code envName}.
     *
     * @param envName environment name used in messages, for example {@code agentgym:alfworld}
     * @param options servers, timeouts and retry settings
     */
    public AgentGymHttp(String envName, RemoteOptions options) {
        this.envName = envName;
        this.options = options;
        List<RemoteServer> list = new ArrayList<>();
        for (URI u : options.urls()) {
            list.add(new RemoteServer(u, options.maxInFlight()));
        }
        this.servers = List.copyOf(list);
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The servers, in the order of option {@code urls}. */
    public List<RemoteServer> servers() {
        return servers;
    }

    /** The environment name used in messages. */
    public String envName() {
        return envName;
    }

    /**
     * Places a new instance on the server with the fewest live instances (the first such in {@code urls}
     * order), so that instances are spread evenly; servers that recently refused connections come last. The
     * caller calls {@link #release(RemoteServer)} when the instance is gone.
     */
    public synchronized RemoteServer place() {
        Comparator<RemoteServer> order = Comparator.comparing(RemoteServer::down)
                .thenComparingInt(RemoteServer::live);
        RemoteServer s = servers.stream().min(order).orElseThrow();
        s.attach();
        return s;
    }

    /** Forgets one instance placed on {@code server}. */
    public synchronized void release(RemoteServer server) {
        server.detach();
    }

    /** The shared JSON mapper (for building request bodies). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * POSTs a JSON body (or none) and returns the parsed answer.
     *
     * @param body  request body, or {@code null} to send none
     * @param retry which failures may be retried
     * @throws RemoteCallException naming server, request and problem
     */
    public JsonNode post(RemoteServer server, String path, JsonNode body, Retry retry) {
        return post(server, path, body, retry, null);
    }

    /**
     * POSTs a request that creates something on the server (an environment instance). When no answer comes
     * within the request timeout the call fails as usual (kind {@code TIMEOUT}), but the request is left to
     * finish: if the server answers later, {@code onLateAnswer} receives the answer (on an HTTP client thread),
     * so the caller can free what the server created for nobody.
     *
     * @param onLateAnswer receives a well-formed answer that arrived after the timeout, or {@code null} for none
     * @throws RemoteCallException naming server, request and problem
     */
    public JsonNode post(RemoteServer server, String path, JsonNode body, Retry retry,
                         java.util.function.Consumer<JsonNode> onLateAnswer) {
        String text = body == null ? null : body.toString();
        String what = "POST " + path + (text == null ? "" : " " + snippet(text));
        HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path))
                .header("Accept", "application/json");
        if (onLateAnswer == null) {
            b.timeout(options.requestTimeout());           // the late-answer path times out by itself
        }
        if (text == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        return send(server, b.build(), what, retry, onLateAnswer);
    }

    /**
     * GETs {@code path?idField=id} and returns the parsed answer.
     *
     * @throws RemoteCallException naming server, request and problem
     */
    public JsonNode get(RemoteServer server, String path, String idField, long id, Retry retry) {
        String query = idField == null ? "" : "?" + URLEncoder.encode(idField, StandardCharsets.UTF_8) + "=" + id;
        String what = "GET " + path + query;
        HttpRequest req = HttpRequest.newBuilder(server.url().resolve(path + query))
                .timeout(options.requestTimeout())
                .header("Accept", "application/json")
                .GET()
                .build();
        return send(server, req, what, retry, null);
    }

    private JsonNode send(RemoteServer server, HttpRequest req, String what, Retry retry,
                          java.util.function.Consumer<JsonNode> onLateAnswer) {
        int attempts = 0;
        boolean resent = false;
        Duration wait = options.backoff();
        while (true) {
            attempts++;
            try {
                return once(server, req, what, onLateAnswer);
            } catch (RemoteCallException e) {
                if (e.kind() == RemoteCallException.Kind.UNANSWERED && !resent) {
                    // a stale kept-alive connection: the server never read the request; the pool has dropped
                    // that connection, so sending again opens a fresh one (once, whatever the retry policy)
                    resent = true;
                    LOG.debug("{}; sending again on a fresh connection", e.getMessage());
                    attempts--;
                    continue;
                }
                if (attempts > options.retries() || !retry.allows(e)) {
                    if (attempts == 1) {
                        throw e;
                    }
                    throw new RemoteCallException(e.kind(), e.status(),
                            e.getMessage() + " (after " + attempts + " attempts)", e.getCause());
                }
                LOG.warn("{}; retrying in {} ms (attempt {} of {})", e.getMessage(), wait.toMillis(),
                        attempts + 1, options.retries() + 1);
                sleep(wait, server, what);
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }
    }

    private JsonNode once(RemoteServer server, HttpRequest req, String what,
                          java.util.function.Consumer<JsonNode> onLateAnswer) {
        String where = envName + " server " + server.url() + " " + what;
        try {
            if (!server.permits().tryAcquire(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new RemoteCallException(RemoteCallException.Kind.TIMEOUT, -1,
                        where + ": no free request slot within " + options.requestTimeout().toMillis()
                                + " ms (option max_in_flight=" + options.maxInFlight()
                                + " requests are in flight; is the server stuck?)", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException(where + ": interrupted while waiting for a free request slot", e);
        }
        int status;
        byte[] bytes;
        try {
            if (onLateAnswer == null) {
                HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
                status = resp.statusCode();
                try (InputStream in = resp.body()) {
                    bytes = in.readNBytes(options.maxResponseBytes() + 1);
                }
            } else {
                HttpResponse<byte[]> resp = awaitOrHandOver(server, req, what, onLateAnswer);
                status = resp.statusCode();
                bytes = resp.body();
            }
        } catch (HttpConnectTimeoutException e) {
            throw new RemoteCallException(RemoteCallException.Kind.CONNECT, -1,
                    where + ": connect timed out after " + options.connectTimeout().toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new RemoteCallException(RemoteCallException.Kind.TIMEOUT, -1,
                    where + ": no answer within " + options.requestTimeout().toMillis() + " ms (option timeout_ms)",
                    e);
        } catch (ConnectException e) {
            server.markDown(DOWN_NANOS);
            throw new RemoteCallException(RemoteCallException.Kind.CONNECT, -1,
                    where + ": cannot connect (" + reason(e) + "); is the server running?", e);
        } catch (IOException e) {
            if (unanswered(e)) {
                throw new RemoteCallException(RemoteCallException.Kind.UNANSWERED, -1,
                        where + ": the connection closed before any answer (" + reason(e) + ")", e);
            }
            throw new RemoteCallException(RemoteCallException.Kind.IO, -1,
                    where + ": connection failed (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException(where + ": interrupted", e);
        } finally {
            server.permits().release();
        }
        return check(where, status, bytes);
    }

    /**
     * Sends asynchronously and waits up to the request timeout; on time-out the exchange goes on, and a late
     * well-formed answer is handed to {@code onLateAnswer}.
     */
    private HttpResponse<byte[]> awaitOrHandOver(RemoteServer server, HttpRequest req, String what,
                                                 java.util.function.Consumer<JsonNode> onLateAnswer)
            throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> f =
                client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return f.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            String where = envName + " server " + server.url() + " " + what;
            f.thenAccept(late -> {
                try {
                    onLateAnswer.accept(check(where + " (late)", late.statusCode(), late.body()));
                } catch (RuntimeException problem) {
                    LOG.warn("{}: a late answer could not be used: {}", where, problem.getMessage());
                }
            });
            throw new HttpTimeoutException("request timed out");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(reason(e), e.getCause());
        }
    }

    /** Checks an answer: size, status 200, JSON, no {@code "error"} key. */
    private JsonNode check(String where, int status, byte[] bytes) {
        if (bytes.length > options.maxResponseBytes()) {
            throw new RemoteCallException(RemoteCallException.Kind.TOO_LARGE, status,
                    where + ": answer larger than " + options.maxResponseBytes() + " bytes (option max_response_bytes)",
                    null);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode node = null;
        try {
            node = text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (status != 200) {
            String msg = node != null && node.isObject() && node.has("error") ? node.get("error").asText()
                    : node != null && node.isObject() && node.has("detail") ? node.get("detail").toString()
                    : snippet(text);
            throw new RemoteCallException(RemoteCallException.Kind.HTTP_STATUS, status,
                    where + ": HTTP " + status + (msg.isBlank() ? "" : ": " + msg), null);
        }
        if (node == null) {
            throw new RemoteCallException(RemoteCallException.Kind.MALFORMED, 200,
                    where + ": answer is not JSON: " + (text.isBlank() ? "(empty body)" : snippet(text)), null);
        }
        if (node.isObject() && node.has("error")) {
            throw new RemoteCallException(RemoteCallException.Kind.ERROR_BODY, 200,
                    where + ": server error: " + snippet(node.get("error").asText()), null);
        }
        return node;
    }

    /**
     * A {@link RemoteCallException} of kind {@code MALFORMED} for an answer that lacks what the protocol
     * promises.
     */
    RemoteCallException malformed(RemoteServer server, String what, String problem, JsonNode answer) {
        return new RemoteCallException(RemoteCallException.Kind.MALFORMED, 200,
                envName + " server " + server.url() + " " + what + ": " + problem + " in answer "
                        + snippet(String.valueOf(answer)), null);
    }

    private void sleep(Duration d, RemoteServer server, String what) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException(envName + " server " + server.url() + " " + what
                    + ": interrupted while waiting to retry", e);
        }
    }

    /**
     * Whether the JDK client saw the connection end before the first byte of a status line: its HTTP/1.1 parser
     * reports "header parser received no bytes" (an EOF on a pooled connection the server had closed).
     */
    static boolean unanswered(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("header parser received no bytes")) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The first {@value #SNIPPET} characters of untrusted text, on one line. */
    static String snippet(String text) {
        String one = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() <= SNIPPET ? one : one.substring(0, SNIPPET) + "...";
    }
}
