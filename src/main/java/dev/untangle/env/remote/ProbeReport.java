package dev.untangle.env.remote;

import java.util.List;

/**
 * What {@code untangle env check} found out about one server.
 *
 * @param env    environment name, for example {@code agentgym:alfworld}
 * @param url    the server probed
 * @param probes each probe, in the order run
 * @param ok     whether every required probe (create, reset, step) succeeded
 */
public record ProbeReport(String env, String url, List<Probe> probes, boolean ok) {

    /** Copies the list. */
    public ProbeReport {
        probes = List.copyOf(probes);
    }

    /**
     * One probe.
     *
     * @param name     what was tried, for example {@code POST /reset}
     * @param required whether the environment cannot be used without it
     * @param ok       whether it worked
     * @param millis   how long it took
     * @param detail   what came back, or the one-line error
     */
    public record Probe(String name, boolean required, boolean ok, long millis, String detail) {
    }
}
