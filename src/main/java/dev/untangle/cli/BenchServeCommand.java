package dev.untangle.cli;

import dev.untangle.env.Environments;
import dev.untangle.env.remote.BenchResult;
import dev.untangle.env.remote.ServeBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code untangle bench serve}: a bounded loopback load test of {@code untangle serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Load-test 'untangle serve' on loopback: a server on a free 127.0.0.1 port and C client "
                + "threads playing random episodes through agentgym:alfworld; stops at --requests or --seconds, "
                + "whichever comes first, and reports requests per second."})
public final class BenchServeCommand implements Runnable {

    @Option(names = "--env", defaultValue = "household", description = "environment to serve (default: ${DEFAULT-VALUE})")
    String env;

    @Option(names = {"-o", "--option"}, description = "environment option key=value (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--clients", defaultValue = "8", description = "concurrent clients, 1..256 (default: ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--seconds", defaultValue = "10", description = "time cap in seconds (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--requests", defaultValue = "200000", description = "request cap (default: ${DEFAULT-VALUE})")
    long requests;

    @Option(names = "--seed", defaultValue = "1", description = "seed of task and command choices (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print the result as one JSON document")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (clients < 1 || clients > 256) {
            throw new UserError("--clients must be in 1..256, got " + clients);
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new UserError("--seconds must be in (0, 3600], got " + seconds);
        }
        if (requests < 1) {
            throw new UserError("--requests must be >= 1, got " + requests);
        }
        BenchResult r = ServeBenchmark.run(Environments.create(env, options), clients,
                Duration.ofMillis((long) (seconds * 1000)), requests, seed);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.printf("%s over loopback HTTP, %d clients: %d requests in %.2f s = %.0f requests/s "
                            + "(p50 %.3f ms, p99 %.3f ms, %d errors, %d episodes, stopped by %s)%n",
                    r.env(), r.clients(), r.requests(), r.seconds(), r.requestsPerSecond(), r.p50Millis(),
                    r.p99Millis(), r.errors(), r.episodes(), r.stoppedBy());
            out.flush();
        }
    }
}
