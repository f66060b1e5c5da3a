package dev.untangle.env.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import dev.untangle.env.TextEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link EnvironmentSuite} over the ALFWorld flavour of the AgentGym protocol, so that AgentGym
 * clients (and {@code agentgym:alfworld}) can play it.
 *
 * <p>Endpoints: {@code POST /create} → {@code {"id"}}; {@code POST /reset {"id", "game", "world_type"}} →
 * {@code {"id", "observation", "available_actions", "task_type", "goal", "task_description", "split", "task_id"}};
 * {@code POST /step {"id", "action"}} → {@code {"observation", "reward", "score", "available_actions", "done",
 * "won", "valid", "raw_reward"}}. The ScienceWorld flavour's fields are answered too: {@code /reset} accepts
 * {@code data_idx} for {@code game} and answers {@code task_description}, and {@code score} is 100 x the sum of
 * the episode's rewards so far (the 0-100 score of a world whose rewards sum to score / 100), so
 * {@code agentgym:sciworld} can play a served world; {@code GET /available_actions?id=}, {@code /observation?id=}, {@code /detail?id=};
 * {@code POST /close {"id"}} → {@code true}; {@code GET /} → a greeting; and, beyond AgentGym,
 * {@code GET /suite} → {@code {"env", "splits": [{"name", "first_game", "size", "description"}], "task_types",
 * "corpus", "closed_vocabulary"}}, which {@code agentgym:alfworld} reads with option {@code splits=server}. {@code game} indexes the
 * suite's splits laid end to end in {@link EnvironmentSuite#splits()} order.
 *
 * <p>Errors follow AgentGym: a request the environment cannot serve (unknown id, finished episode, full
 * server, bad game) answers HTTP 200 with {@code {"error": "..."}}; a malformed request answers HTTP 400, an
 * oversized one 413, an unknown path 404 and a wrong method 405, each with an {@code {"error"}} body.
 * Environments are bounded in number and freed after an idle timeout. Requests on different environments run
 * in parallel; requests on one environment are serialised.
 *
 * <p>HTTP is served by Jetty's core server: a connection that is still sending its request line and headers holds
 * no request thread (its bytes are read by a selector as they arrive), so slow clients cannot starve normal ones. Per connection: a
 * request's line and headers must arrive within {@link ServeSettings#requestTimeout()} of their first byte, and its
 * body within as long again, else the connection is closed ({@code closeLateRequests}); a connection with no byte
 * in or out for {@link ServeSettings#readTimeout()} is closed; at most {@link ServeSettings#maxConnections()} are
 * open, further ones wait in the accept queue. Errors Jetty answers itself (a request line or header it cannot
 * parse, headers over 8 KiB) carry an {@code {"error"}} body too.
 */
public final class AgentGymServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentGymServer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Jetty's acceptor and selector threads, beside the request threads. */
    private static final int ACCEPTORS = 1;
    private static final int SELECTORS = 1;

    private final EnvironmentSuite suite;
    private final ServeSettings settings;
    private final LongSupplier clock;
    private final Server http;
    private final ServerConnector connector;
    private final ScheduledExecutorService sweeper;
    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicInteger liveCount = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong lateClosed = new AtomicLong();
    /** The open connections and how far each is with its request, for the request timeout. */
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private final List<SplitInfo> games;
    private final int gameCount;

    /** One live environment and what it last showed. */
    private static final class Slot {
        final TextEnvironment env;
        volatile long lastUsed;
        String observation = "";
        List<String> admissible = List.of();
        boolean started;
        boolean done;
        double reward;
        /** Sum of the episode's rewards so far. */
        double score;
        boolean won;
        int game = -1;
        String worldType = "Text";

        Slot(TextEnvironment env, long now) {
            this.env = env;
            this.lastUsed = now;
        }
    }

    /**
     * One open connection's progress, for the request timeout. A connection is receiving a request's line and
     * headers while bytes have arrived since its last request left the handler and no further request's headers
     * were complete ({@link Connection#getMessagesIn()} counts those); it is reading a body while the handler reads.
     */
    private static final class Watch {
        final Connection connection;
        /** Requests of this connection inside the handler. */
        final AtomicInteger active = new AtomicInteger();
        /** Bytes in and complete request heads when the last request left the handler. */
        volatile long bytesMark;
        volatile long messagesMark;
        /** While the handler reads a body: when it must have arrived ({@code clock}), else 0. */
        volatile long bodyDeadline;
        /** When the sweeper first saw a request head in progress, or -1 (the sweeper's own). */
        long headSince = -1;

        Watch(Connection connection) {
            this.connection = connection;
        }
    }

    private AgentGymServer(EnvironmentSuite suite, ServeSettings settings, LongSupplier clock) {
        this.suite = suite;
        this.settings = settings;
        this.clock = clock;
        this.games = suite.splits();
        this.gameCount = games.stream().mapToInt(SplitInfo::size).sum();
        QueuedThreadPool pool = new QueuedThreadPool(settings.threads() + ACCEPTORS + SELECTORS,
                Math.min(4, settings.threads() + ACCEPTORS + SELECTORS));
        pool.setName("serve");
        pool.setDaemon(true);
        pool.setReservedThreads(0);                     // --threads request threads, no hidden extra ones
        this.http = new Server(pool);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        this.connector = new ServerConnector(http, ACCEPTORS, SELECTORS, new HttpConnectionFactory(config));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setAcceptQueueSize(64);
        connector.setIdleTimeout(settings.readTimeout().toMillis());
        connector.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection c) {
                watched.put(c, new Watch(c));
            }

            @Override
            public void onClosed(Connection c) {
                watched.remove(c);
            }
        });
        http.addConnector(connector);
        http.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        http.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                AgentGymServer.this.handle(request, response, callback);
                return true;
            }
        });
        http.setErrorHandler(new JsonErrors());
        http.setStopTimeout(0);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "serve-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Binds and starts a server.
     *
     * @throws IOException when the address cannot be bound
     */
    public static AgentGymServer start(EnvironmentSuite suite, ServeSettings settings) throws IOException {
        return start(suite, settings, System::nanoTime, true);
    }

    /** Starts a server with an explicit clock; the idle sweeper runs only when {@code sweep} is set (tests). */
    static AgentGymServer start(EnvironmentSuite suite, ServeSettings settings, LongSupplier clock, boolean sweep)
            throws IOException {
        AgentGymServer s = new AgentGymServer(suite, settings, clock);
        try {
            s.http.start();
        } catch (IOException e) {
            s.close();
            throw e;
        } catch (Exception e) {
            s.close();
            throw new IOException(e.getMessage(), e);
        }
        if (sweep) {
            long period = Math.max(250, settings.idleTimeout().toMillis() / 4);
            s.sweeper.scheduleAtFixedRate(s::evictIdle, period, period, TimeUnit.MILLISECONDS);
        }
        // the request timeout uses the real clock: the test clock moves environments' idle time only
        long every = Math.max(20, Math.min(250, settings.requestTimeout().toMillis() / 5));
        s.sweeper.scheduleWithFixedDelay(() -> s.closeLateRequests(System.nanoTime()), every, every,
                TimeUnit.MILLISECONDS);
        return s;
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return new InetSocketAddress(settings.host(), connector.getLocalPort());
    }

    /** The base URL clients use, for example {@code http://127.0.0.1:36001}. */
    public URI url() {
        InetSocketAddress a = address();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort());
    }

    /** The suite being served. */
    public EnvironmentSuite suite() {
        return suite;
    }

    /** Live environments now. */
    public int liveEnvironments() {
        return liveCount.get();
    }

    /** Requests answered so far. */
    public long requests() {
        return requests.get();
    }

    /** Open client connections now. */
    public int openConnections() {
        return watched.size();
    }

    /** Connections closed so far because their request did not arrive within the request timeout. */
    public long lateRequestsClosed() {
        return lateClosed.get();
    }

    /** Number of games ({@code /reset} accepts {@code 0 .. games-1}). */
    public int games() {
        return gameCount;
    }

    /**
     * Closes and frees every environment idle for longer than the idle timeout.
     *
     * @return how many were freed
     */
    public int evictIdle() {
        long now = clock.getAsLong();
        long limit = settings.idleTimeout().toNanos();
        int freed = 0;
        for (Map.Entry<Long, Slot> e : slots.entrySet()) {
            if (now - e.getValue().lastUsed > limit && slots.remove(e.getKey(), e.getValue())) {
                free(e.getValue());
                freed++;
            }
        }
        if (freed > 0) {
            LOG.info("freed {} environment(s) idle for more than {} s", freed, settings.idleTimeout().toSeconds());
        }
        return freed;
    }

    /**
     * Closes every connection whose request line and headers have been arriving for longer than the request
     * timeout, or whose body did not arrive within it after the headers (run by the sweeper).
     *
     * @param now {@link System#nanoTime()}
     * @return how many were closed
     */
    int closeLateRequests(long now) {
        long limit = settings.requestTimeout().toNanos();
        int closed = 0;
        for (Watch w : watched.values()) {
            Connection c = w.connection;
            boolean late;
            if (w.active.get() > 0) {
                long deadline = w.bodyDeadline;
                late = deadline != 0 && now - deadline > 0;
                w.headSince = -1;
            } else if (c.getBytesIn() > w.bytesMark && c.getMessagesIn() == w.messagesMark) {
                if (w.headSince < 0) {
                    w.headSince = now;
                }
                late = now - w.headSince > limit;
            } else {
                w.headSince = -1;
                late = false;
            }
            if (late) {
                watched.remove(c);
                lateClosed.incrementAndGet();
                c.getEndPoint().close();
                closed++;
            }
        }
        if (closed > 0) {
            LOG.info("closed {} connection(s) whose request did not arrive within {} s", closed,
                    settings.requestTimeout().toMillis() / 1000.0);
        }
        return closed;
    }

    /** Stops accepting requests, then closes every environment. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed: {}", e.toString());
        }
        for (Long id : new ArrayList<>(slots.keySet())) {
            Slot s = slots.remove(id);
            if (s != null) {
                free(s);
            }
        }
    }

    private void free(Slot s) {
        liveCount.decrementAndGet();
        synchronized (s) {
            try {
                s.env.close();
            } catch (RuntimeException e) {
                LOG.warn("closing an environment failed: {}", e.toString());
            }
        }
    }

    // ---- request handling ----

    /** A request problem answered with a status and an {@code {"error"}} body. */
    private static final class Reject extends RuntimeException {
        final int status;

        Reject(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        requests.incrementAndGet();
        Watch w = watched.get(request.getConnectionMetaData().getConnection());
        if (w != null) {
            w.active.incrementAndGet();
        }
        Object answer;
        int status = 200;
        boolean close = false;
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        try {
            answer = route(request, method, path == null ? "/" : path, w);
        } catch (Reject r) {
            status = r.status;
            answer = error(r.getMessage());
            // the body was not read: the connection cannot carry another request
            close = r.status == 413 || r.status == 400;
        } catch (EnvironmentException e) {
            answer = error(e.getMessage());
        } catch (IOException e) {                        // the body stopped arriving: the connection is gone
            done(w);
            // an EofException is one Jetty fails quietly (no stack trace): the sweeper already said why
            callback.failed(new EofException("the request body did not arrive: " + e));
            return;
        } catch (RuntimeException e) {
            LOG.warn("internal error on {} {}: {}", method, path, e.toString());
            status = 500;
            answer = error("internal error: " + e);
        }
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            status = 500;
            bytes = ("{\"error\": \"internal error: cannot encode the answer\"}").getBytes(StandardCharsets.UTF_8);
        }
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        headers.put(HttpHeader.CONTENT_LENGTH, bytes.length);   // HEAD: the length GET would send, and no body
        if (close) {
            headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        done(w);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** A request left the handler: bytes in from here on belong to the connection's next request. */
    private static void done(Watch w) {
        if (w != null) {
            w.bodyDeadline = 0;
            w.bytesMark = w.connection.getBytesIn();
            w.messagesMark = w.connection.getMessagesIn();
            w.active.decrementAndGet();
        }
    }

    /** Jetty's own error answers (unparseable request line or headers, headers too large) as {@code {"error"}}. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        protected void generateResponse(Request request, Response response, int code, String message,
                                        Throwable cause, Callback callback) throws IOException {
            byte[] bytes = MAPPER.writeValueAsBytes(error(describe(code, message)));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
            try {
                return ByteBuffer.wrap(MAPPER.writeValueAsBytes(error(describe(status, reason))));
            } catch (JsonProcessingException e) {
                return null;
            }
        }

        private static String describe(int code, String message) {
            String m = message == null || message.isBlank() ? "" : ": " + message;
            return switch (code) {
                case 400 -> "malformed HTTP request" + m;
                case 408 -> "the request did not arrive in time" + m;
                case 431 -> "request headers too large" + m;
                default -> "HTTP " + code + m;
            };
        }
    }

    private static ObjectNode error(String message) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("error", message);
        return n;
    }

    private Object route(Request request, String method, String path, Watch w) throws IOException {
        boolean post = switch (path) {
            case "/create", "/reset", "/step", "/close" -> true;
            case "/", "/suite", "/available_actions", "/observation", "/detail" -> false;
            default -> throw new Reject(404, "unknown path " + AgentGymHttp.snippet(path)
                    + "; paths: /create /reset /step /close /available_actions /observation /detail /suite");
        };
        String want = post ? "POST" : "GET";
        if (!post && method.equals("HEAD")) {
            method = "GET";                              // HEAD is GET without the body
        }
        if (!want.equals(method)) {
            throw new Reject(405, path + " takes " + want + ", not " + AgentGymHttp.snippet(method));
        }
        if (!post) {
            if (path.equals("/")) {
                return "This is untangle serve: environment " + suite.name() + " over the AgentGym ALFWorld protocol.";
            }
            if (path.equals("/suite")) {
                return suiteInfo();
            }
            long id = queryId(request.getHttpURI().getQuery());
            Slot s = slot(id);
            synchronized (s) {
                s.lastUsed = clock.getAsLong();
                return switch (path) {
                    case "/available_actions" -> s.admissible;
                    case "/observation" -> s.observation;
                    default -> detail(id, s);
                };
            }
        }
        JsonNode body = readBody(request, path, w);
        return switch (path) {
            case "/create" -> create();
            case "/reset" -> reset(body);
            case "/step" -> step(body);
            default -> close(body);
        };
    }

    private JsonNode readBody(Request request, String path, Watch w) throws IOException {
        String len = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
        if (len != null) {
            try {
                if (Long.parseLong(len.trim()) > settings.maxBodyBytes()) {
                    throw new Reject(413, "request body of " + len.trim() + " bytes exceeds the limit of "
                            + settings.maxBodyBytes());
                }
            } catch (NumberFormatException e) {
                throw new Reject(400, "bad Content-Length header");
            }
        }
        byte[] bytes;
        if (w != null) {                                 // the sweeper closes the connection past this
            w.bodyDeadline = System.nanoTime() + settings.requestTimeout().toNanos();
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(settings.maxBodyBytes() + 1);
        } finally {
            if (w != null) {
                w.bodyDeadline = 0;
            }
        }
        if (bytes.length > settings.maxBodyBytes()) {
            throw new Reject(413, "request body exceeds the limit of " + settings.maxBodyBytes() + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            if (path.equals("/create")) {
                return MAPPER.createObjectNode();
            }
            throw new Reject(400, path + " needs a JSON object body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Reject(400, "malformed JSON body: " + AgentGymHttp.snippet(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new Reject(400, path + " needs a JSON object body");
        }
        return node;
    }

    private long queryId(String q) {
        if (q != null) {
            for (String kv : q.split("&")) {
                if (kv.startsWith("id=")) {
                    try {
                        return Long.parseLong(kv.substring(3));
                    } catch (NumberFormatException e) {
                        throw new Reject(400, "query parameter id must be an integer within the range of "
                                + "environment ids");
                    }
                }
            }
        }
        throw new Reject(400, "query parameter id is required, for example ?id=0");
    }

    private static long bodyId(JsonNode body) {
        JsonNode v = body.get("id");
        if (v == null || !v.isIntegralNumber()) {
            throw new Reject(400, "field id (integer) is required");
        }
        if (!v.canConvertToLong()) {                    // asLong() would wrap 2^64 + 16 around to 16
            throw new Reject(400, "field id " + v.asText() + " is outside the range of environment ids");
        }
        return v.asLong();
    }

    private Slot slot(long id) {
        Slot s = slots.get(id);
        if (s == null) {
            throw new EnvironmentException("unknown environment id " + id
                    + " (never created, closed, or freed after " + settings.idleTimeout().toSeconds() + " s idle)");
        }
        return s;
    }

    private Object create() {
        if (liveCount.incrementAndGet() > settings.maxEnvs()) {
            liveCount.decrementAndGet();
            throw new EnvironmentException("server is full: " + settings.maxEnvs()
                    + " live environments; close some with /close or wait for idle ones to be freed");
        }
        long id;
        try {
            TextEnvironment env = suite.create();
            id = nextId.getAndIncrement();
            slots.put(id, new Slot(env, clock.getAsLong()));
        } catch (RuntimeException e) {
            liveCount.decrementAndGet();
            throw e;
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", id);
        return n;
    }

    private Object reset(JsonNode body) {
        long id = bodyId(body);
        JsonNode g = body.has("game") ? body.get("game") : body.get("data_idx");        // data_idx: sciworld's name
        if (g == null || !g.isIntegralNumber()) {
            throw new Reject(400, "field game (integer) is required");
        }
        JsonNode wt = body.get("world_type");
        if (wt != null && !wt.isTextual()) {
            throw new Reject(400, "field world_type must be a string");
        }
        int game = g.canConvertToInt() ? g.asInt() : -1;
        if (game < 0 || game >= gameCount) {
            throw new EnvironmentException("game " + g.asText() + " is outside 0.." + (gameCount - 1));
        }
        String split = null;
        int taskId = game;
        for (SplitInfo info : games) {
            if (taskId < info.size()) {
                split = info.name();
                break;
            }
            taskId -= info.size();
        }
        Slot s = slot(id);
        synchronized (s) {
            s.lastUsed = clock.getAsLong();
            s.started = false;
            Reset r = s.env.reset(split, taskId);
            s.started = true;
            s.done = false;
            s.reward = 0;
            s.score = 0;
            s.won = false;
            s.game = game;
            s.worldType = wt == null ? "Text" : wt.asText();
            s.observation = r.observation();
            s.admissible = r.admissible();
            TaskSpec t = r.task();
            ObjectNode n = MAPPER.createObjectNode();
            n.put("id", id);
            n.put("observation", r.observation());
            putList(n, "available_actions", r.admissible());
            n.put("task_type", t.taskType() + "/" + t.key());
            n.put("goal", t.goal());
            n.put("task_description", t.goal());
            n.put("split", t.split());
            n.put("task_id", t.taskId());
            return n;
        }
    }

    private Object step(JsonNode body) {
        long id = bodyId(body);
        JsonNode a = body.get("action");
        if (a == null || !a.isTextual()) {
            throw new Reject(400, "field action (string) is required");
        }
        Slot s = slot(id);
        synchronized (s) {
            s.lastUsed = clock.getAsLong();
            if (!s.started) {
                throw new EnvironmentException("environment " + id + " has not been reset; call /reset first");
            }
            if (s.done) {
                throw new EnvironmentException("The task with environment " + id + " has finished.");
            }
            StepResult r = s.env.step(a.asText());
            s.done = r.done();
            s.reward = r.reward();
            s.score += r.reward();
            s.won = r.won();
            s.observation = r.observation();
            s.admissible = r.admissible();
            ObjectNode n = MAPPER.createObjectNode();
            n.put("observation", r.observation());
            n.put("reward", r.reward());
            n.put("score", Math.round(100 * s.score * 1e6) / 1e6);
            putList(n, "available_actions", r.admissible());
            n.put("done", r.done());
            n.put("won", r.won());
            n.put("valid", r.valid());
            n.put("raw_reward", r.rawReward());
            return n;
        }
    }

    private Object close(JsonNode body) {
        long id = bodyId(body);
        Slot s = slots.remove(id);
        if (s == null) {
            slot(id);
        }
        free(s);
        return Boolean.TRUE;
    }

    /** {@code GET /suite}: name, splits as game ranges, task types, corpus and vocabulary closure of the served suite. */
    private ObjectNode suiteInfo() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("env", suite.name());
        ArrayNode splits = n.putArray("splits");
        int first = 0;
        for (SplitInfo info : games) {
            ObjectNode sp = splits.addObject();
            sp.put("name", info.name());
            sp.put("first_game", first);
            sp.put("size", info.size());
            sp.put("description", info.description());
            first += info.size();
        }
        putList(n, "task_types", suite.taskTypes());
        putList(n, "corpus", suite.corpus());
        n.put("closed_vocabulary", suite.closedVocabulary());
        return n;
    }

    private ObjectNode detail(long id, Slot s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", id);
        n.put("world_type", s.worldType);
        n.put("game", s.game);
        TaskSpec t = s.env.task();
        if (t != null) {
            n.put("split", t.split());
            n.put("task_id", t.taskId());
            n.put("task_type", t.taskType());
            n.put("goal", t.goal());
        }
        n.put("observation", s.observation);
        putList(n, "available_actions", s.admissible);
        n.put("done", s.done);
        n.put("reward", s.reward);
        n.put("won", s.won);
        n.put("steps", s.env.steps());
        n.put("deleted", false);
        return n;
    }

    private static void putList(ObjectNode n, String field, List<String> values) {
        ArrayNode arr = n.putArray(field);
        values.forEach(arr::add);
    }
}
