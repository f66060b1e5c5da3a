package dev.untangle.cli;

import dev.untangle.experiment.Bootstrap;
import dev.untangle.experiment.ReportJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code untangle report DIR}: rebuilds report.html and results.json from the runs in an experiment directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuild DIR/report.html and DIR/results.json from the runs under DIR "
                + "(DIR/seed-<k>/<method>/, or a single run directory). Runs that are not finished are listed"
                + " but left out of the table; unreadable runs are reported and skipped."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "experiment (or run) directory")
    Path dir;

    @Option(names = "--resamples", defaultValue = "10000",
            description = "bootstrap resamples per confidence interval (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--bootstrap-seed", defaultValue = "20250928",
            description = "seed of the bootstrap resampling (default: ${DEFAULT-VALUE})")
    long bootstrapSeed;

    @Option(names = "--json", description = "print a JSON summary instead of text")
    boolean json;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new UserError("not a directory: " + dir);
        }
        if (resamples < 100) {
            throw new UserError("--resamples must be at least 100 (got " + resamples + ")");
        }
        ReportJob.Outcome o;
        try {
            o = ReportJob.rebuild(dir, new Bootstrap(0.95, resamples, bootstrapSeed),
                    "untangle " + VersionProvider.version());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("report", o.report().toString());
            m.put("results", o.results().toString());
            m.put("runs", o.runs());
            m.put("complete", o.complete());
            m.put("problems", o.problems());
            m.put("warnings", o.warnings());
            Json.print(out, m);
        } else {
            out.println("report:  " + o.report());
            out.println("results: " + o.results());
            out.println("runs:    " + o.runs() + " found, " + o.complete() + " complete (in the table)");
            for (String p : o.problems()) {
                out.println("skipped: " + p);
            }
            for (String w : o.warnings()) {
                out.println("warning: " + w);
            }
            out.flush();
        }
        if (o.runs() == 0 && !o.problems().isEmpty()) {
            throw new UserError("no readable run under " + dir + ": " + o.problems().size() + " run director"
                    + (o.problems().size() == 1 ? "y was" : "ies were") + " skipped (listed above; first: "
                    + o.problems().get(0) + "); wrote a report without results");
        }
        if (o.runs() == 0) {
            throw new UserError("no run directories under " + dir
                    + " (expected DIR/seed-<k>/<method>/run.json or DIR/run.json); wrote an empty report");
        }
        return 0;
    }
}
