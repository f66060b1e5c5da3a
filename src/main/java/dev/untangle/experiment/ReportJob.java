package dev.untangle.experiment;

import dev.untangle.report.Curve;
import dev.untangle.report.CurveEvents;
import dev.untangle.report.ExperimentData;
import dev.untangle.report.ExperimentLayout;
import dev.untangle.report.HtmlReport;
import dev.untangle.report.MetricKeys;
import dev.untangle.report.Results;
import dev.untangle.report.ResultsJson;
import dev.untangle.report.RunDirectories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Rebuilds an experiment directory's {@code results.json} and {@code report.html} from its run directories:
 * read (report), aggregate (experiment), write (report). Both files are written atomically (temporary file,
 * then move), so a reader never sees half a report. The learning curves also go to TensorBoard event files
 * under {@code tensorboard-curves/<method-dir>/} ({@link CurveEvents}).
 */
public final class ReportJob {

    private ReportJob() {
    }

    /**
     * What a rebuild wrote.
     *
     * @param report   path of report.html
     * @param results  path of results.json
     * @param runs     run directories found
     * @param complete runs counted in the table
     * @param problems run directories or files skipped, one line each
     * @param table    the aggregated results
     * @param warnings files read with a problem worth saying (a metrics file whose last line is cut short), one
     *                 line each
     */
    public record Outcome(Path report, Path results, int runs, int complete, List<String> problems, Results table,
                          List<String> warnings) {
        /** Copies the lists. */
        public Outcome {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Reads {@code dir}, aggregates its runs and writes {@code dir/results.json} and {@code dir/report.html}.
     *
     * @param dir       experiment directory (or a lone run directory)
     * @param bootstrap confidence interval parameters
     * @param generator program and version, shown in the page
     * @throws IOException when {@code dir} is not a directory or the outputs cannot be written
     */
    public static Outcome rebuild(Path dir, Bootstrap bootstrap, String generator) throws IOException {
        ExperimentData data = RunDirectories.readExperiment(dir, MetricKeys::read);
        Results results = Aggregation.results(data, bootstrap);
        List<Curve> curves = Aggregation.curves(data, bootstrap);
        Path json = dir.resolve(ExperimentLayout.RESULTS);
        Path html = dir.resolve(ExperimentLayout.REPORT);
        writeAtomically(json, ResultsJson.write(results));
        writeAtomically(html, HtmlReport.render(data, results, curves, generator));
        CurveEvents.write(dir, results.learningCurves());
        int complete = (int) results.runs().stream().filter(Results.RunSummary::included).count();
        return new Outcome(html, json, data.runs().size(), complete, data.problems(), results, data.warnings());
    }

    /** Writes {@code text} to {@code file} through a temporary sibling and an atomic move. */
    public static void writeAtomically(Path file, String text) throws IOException {
        dev.untangle.rl.RunDirectory.replace(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
