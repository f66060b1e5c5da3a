package dev.untangle.cli;

import dev.untangle.env.remote.ProbeReport;
import dev.untangle.env.remote.ServerProbe;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code untangle env check}: probes an AgentGym server and reports what works. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Probe an AgentGym environment server: greeting, create, reset (first task of the first "
                + "split), read endpoints, one step, close.",
            "Exit status 0 when create, reset and step work, 3 when one of them fails."})
public final class EnvCheckCommand implements Callable<Integer> {

    /** Exit status when a required probe fails. */
    public static final int FAILED = 3;

    @Option(names = "--env", required = true, description = "agentgym:alfworld, agentgym:sciworld, "
            + "agentgym:babyai, agentgym:textcraft or agentgym:webshop")
    String env;

    @Option(names = "--url", required = true, description = "server base URL, for example http://127.0.0.1:36001")
    String url;

    @Option(names = {"-o", "--option"}, description = "further environment option key=value, for example "
            + "timeout_ms=5000 or splits=train:0:10 (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--json", description = "print the report as one JSON document")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ProbeReport r = ServerProbe.probe(env, url, options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.println(r.env() + " at " + r.url() + ": " + (r.ok() ? "usable" : "NOT usable"));
            for (ProbeReport.Probe p : r.probes()) {
                out.printf("  %-4s %-40s %6d ms  %s%n", p.ok() ? "ok" : (p.required() ? "FAIL" : "no"),
                        p.name(), p.millis(), p.detail());
            }
            out.flush();
        }
        return r.ok() ? 0 : FAILED;
    }
}
