package dev.untangle.env.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.untangle.env.EnvironmentException;
import dev.untangle.env.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Probes one AgentGym server: greeting, create, reset to the first task of the first split, the read
 * endpoints, one step, and close. Never throws for a server fault; each fault becomes a failed probe.
 */
public final class ServerProbe {

    private ServerProbe() {
    }

    /**
     * Probes {@code url} as environment {@code env}.
     *
     * @param env     for example {@code agentgym:alfworld}
     * @param url     server base URL
     * @param options further suite options (timeouts, {@code splits}, ...); {@code urls} is set from {@code url}
     * @throws EnvironmentException for an unknown environment name or bad options
     */
    public static ProbeReport probe(String env, String url, Map<String, String> options) {
        String prefix = "agentgym:";
        Flavour f = env.startsWith(prefix) ? Flavour.byName(env.substring(prefix.length())) : null;
        if (f == null) {
            throw new EnvironmentException("env check: unknown environment '" + env + "'; known: "
                    + new RemoteEnvironmentProvider().names());
        }
        Map<String, String> opts = new java.util.HashMap<>(options);
        opts.put("urls", url);
        opts.putIfAbsent("retries", "0");
        opts.putIfAbsent("timeout_ms", "30000");
        RemoteSuite suite = new RemoteSuite(f, RemoteOptions.parse(f, opts));
        AgentGymHttp http = suite.http();
        RemoteServer server = http.servers().get(0);
        Endpoint ep = new Endpoint(http, server, f.idField());
        FlavourClient client = suite.client();
        List<ProbeReport.Probe> probes = new ArrayList<>();

        run(probes, "GET /", false, () -> AgentGymHttp.snippet(http.get(server, "/", null, 0, Retry.NEVER).toString()));
        Long id = run(probes, "POST /create", true, () -> client.create(ep), v -> "id " + v);
        boolean reset = false;
        List<String> admissible = List.of();
        if (id != null) {
            SplitRange first = suite.ranges().get(0);
            ResetData data = run(probes, "POST /reset (" + first.name() + " task 0, server index " + first.offset()
                    + ")", true, () -> client.reset(ep, id, first.offset(), suite.options()),
                    d -> "task type " + d.taskType() + ", goal '" + AgentGymHttp.snippet(d.goal()) + "', "
                            + d.admissible().size() + " admissible commands, observation "
                            + d.observation().length() + " chars");
            reset = data != null;
            admissible = data == null ? List.of() : data.admissible();
            for (String path : f.readEndpoints()) {
                run(probes, "GET " + path, false, () -> describe(ep.get(path, id, Retry.NEVER)));
            }
        }
        if (reset) {
            String action = admissible.isEmpty() ? f.probeAction() : admissible.get(0);
            run(probes, "POST /step '" + AgentGymHttp.snippet(action) + "'", true, () -> client.step(ep, id, action),
                    (StepResult r) -> "reward " + r.reward() + " (raw " + r.rawReward() + "), done " + r.done()
                            + ", " + r.admissible().size() + " admissible commands");
        } else {
            probes.add(new ProbeReport.Probe("POST /step", true, false, 0, "skipped: no environment was reset"));
        }
        if (id != null) {
            long t0 = System.nanoTime();
            try {
                JsonNode a = ep.post("/close", ep.body(id), Retry.NEVER);
                probes.add(new ProbeReport.Probe("POST /close", false, true, ms(t0), "answered " + describe(a)));
            } catch (RemoteCallException e) {
                boolean missing = e.kind() == RemoteCallException.Kind.HTTP_STATUS
                        && (e.status() == 404 || e.status() == 405);
                probes.add(new ProbeReport.Probe("POST /close", false, false, ms(t0), missing
                        ? "not supported (HTTP " + e.status() + "): server-side instances are never freed"
                        : e.getMessage()));
            }
        }
        boolean ok = probes.stream().filter(ProbeReport.Probe::required).allMatch(ProbeReport.Probe::ok);
        return new ProbeReport(env, url, probes, ok);
    }

    private static String describe(JsonNode a) {
        String kind = a.isTextual() ? "string" : a.isArray() ? "list of " + a.size()
                : a.isObject() ? "object with fields " + iterToList(a.fieldNames()) : "value";
        return kind + ": " + AgentGymHttp.snippet(a.toString());
    }

    private static List<String> iterToList(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void run(List<ProbeReport.Probe> probes, String name, boolean required, Supplier<String> body) {
        run(probes, name, required, body, s -> s);
    }

    private static <T> T run(List<ProbeReport.Probe> probes, String name, boolean required, Supplier<T> body,
                             java.util.function.Function<T, String> describe) {
        long t0 = System.nanoTime();
        try {
            T v = body.get();
            probes.add(new ProbeReport.Probe(name, required, true, ms(t0), describe.apply(v)));
            return v;
        } catch (EnvironmentException e) {
            probes.add(new ProbeReport.Probe(name, required, false, ms(t0), e.getMessage()));
            return null;
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
