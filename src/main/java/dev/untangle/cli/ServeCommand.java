package dev.untangle.cli;

import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Environments;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.remote.AgentGymServer;
import dev.untangle.env.remote.ServeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code untangle serve}: serves an environment over the AgentGym HTTP protocol (ALFWorld and ScienceWorld fields). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve an environment over the AgentGym HTTP protocol (ALFWorld flavour: /create, /reset, "
                + "/step, /available_actions, /observation, /detail, /close) until interrupted.",
            "Slow or stalled clients are bounded per connection (--request-timeout-seconds, --read-timeout-seconds, "
                + "--max-connections) and hold no request thread while they send.",
            "Game g of /reset is task g of the environment's splits laid end to end (listed at start-up).",
            "The ScienceWorld flavour's fields are answered too (data_idx, task_description, score), so "
                + "agentgym:sciworld can play `untangle serve --env science`."})
public final class ServeCommand implements Runnable {

    @Option(names = "--env", required = true, description = "environment to serve, for example household")
    String env;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network)")
    String host;

    @Option(names = "--port", defaultValue = "36001", description = "TCP port, 0 for a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--max-envs", defaultValue = "256", description = "live environments at most (default: ${DEFAULT-VALUE})")
    int maxEnvs;

    @Option(names = "--idle-seconds", defaultValue = "600",
            description = "free environments untouched this long (default: ${DEFAULT-VALUE})")
    long idleSeconds;

    @Option(names = "--max-body-bytes", defaultValue = "65536",
            description = "largest request body; larger ones get HTTP 413 (default: ${DEFAULT-VALUE})")
    int maxBodyBytes;

    @Option(names = "--threads", defaultValue = "16", description = "request threads; a connection still sending its "
            + "request holds none (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--request-timeout-seconds", defaultValue = "10", paramLabel = "S",
            description = "a request's line and headers must arrive within S seconds of their first byte, and its body "
                    + "within S more, else the connection is closed (default: ${DEFAULT-VALUE})")
    double requestTimeoutSeconds;

    @Option(names = "--read-timeout-seconds", defaultValue = "30", paramLabel = "S",
            description = "close a connection with no byte in or out for S seconds, idle keep-alive ones too "
                    + "(default: ${DEFAULT-VALUE})")
    double readTimeoutSeconds;

    @Option(names = "--max-connections", defaultValue = "512",
            description = "open client connections at most; more wait to be accepted (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = {"-o", "--option"}, description = "environment option key=value (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--json", description = "print the address and games as one JSON document")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        ServeSettings settings;
        try {
            settings = ServeSettings.builder().optHost(host).optPort(port).optMaxEnvs(maxEnvs)
                    .optIdleTimeout(Duration.ofSeconds(idleSeconds)).optMaxBodyBytes(maxBodyBytes)
                    .optThreads(threads).optRequestTimeout(seconds("--request-timeout-seconds", requestTimeoutSeconds))
                    .optReadTimeout(seconds("--read-timeout-seconds", readTimeoutSeconds))
                    .optMaxConnections(maxConnections).build();
        } catch (IllegalArgumentException e) {
            throw new UserError("serve: " + e.getMessage());
        }
        EnvironmentSuite suite = Environments.create(env, serveOptions(env, options));
        AgentGymServer server;
        try {
            server = AgentGymServer.start(suite, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot bind " + host + ":" + port + ": " + e.getMessage(), e));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "serve-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> games = new ArrayList<>();
        int offset = 0;
        for (SplitInfo s : suite.splits()) {
            games.add(Map.of("split", s.name(), "first_game", offset, "size", s.size()));
            offset += s.size();
        }
        if (json) {
            Json.print(out, Map.of("env", suite.name(), "url", server.url().toString(), "games", games));
        } else {
            out.println("serving " + suite.name() + " on " + server.url() + " (Ctrl-C stops)");
            if (env.equals("household") && !options.containsKey("grammar")) {
                out.println("  grammar old: 'put X in/on Y', as AgentGym's ALFWorld client (alfworld 0.3.3) sends it;"
                        + " -o grammar=new serves 'move X to Y'");
            }
            for (Map<String, Object> g : games) {
                int first = (Integer) g.get("first_game");
                int size = (Integer) g.get("size");
                out.println("  games " + first + ".." + (first + size - 1) + ": split " + g.get("split"));
            }
            out.flush();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }

    private static Duration seconds(String option, double value) {
        if (!(value >= 0.1 && value <= 86_400)) {                        // NaN too
            throw new IllegalArgumentException(option + " must be in 0.1..86400 seconds, got " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    /**
     * The options the served suite is built with: the household world defaults to the old grammar
     * ({@code put X in/on Y}) here, because AgentGym pins {@code alfworld==0.3.3} and its clients send that command;
     * {@code -o grammar=new} overrides it.
     */
    static Map<String, String> serveOptions(String env, Map<String, String> options) {
        Map<String, String> o = new LinkedHashMap<>(options);
        if (env.equals("household")) {
            o.putIfAbsent("grammar", "old");
        }
        return o;
    }
}
