package dev.untangle.coupling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.untangle.config.ConfigException;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import dev.untangle.report.HtmlReport;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.TrainingState;
import dev.untangle.rl.loss.AdamW;
import dev.untangle.rl.trajectory.StepSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * {@code untangle diagnose}: the diagnostics of a saved checkpoint. The probe set is the run's
 * ({@link ProbeSet#FILE}) when it has one, else it is collected with the checkpoint's policy and saved there,
 * so that later checkpoints of the run are measured on the same probes. The rehearsed update uses a freshly
 * played training batch ({@code rollout.groups} groups of the train split, seeded) and the checkpoint's
 * optimiser state when it holds one ({@code optimizer.bin}; fresh moments otherwise) and its reference policy
 * when a loss term needs one.
 */
public final class CheckpointDiagnosis {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointDiagnosis() {
    }

    /**
     * What a diagnosis produced.
     *
     * @param report      the measurement
     * @param json        the JSON file written
     * @param plots       the SVG files written
     * @param probeSet    the probe-set file used
     * @param probeReused whether the probe set already existed
     * @param optimizer   whether the checkpoint's optimiser state was used
     */
    public record Outcome(DiagnosticsReport report, Path json, List<Path> plots, Path probeSet, boolean probeReused,
                          boolean optimizer) {
    }

    /**
     * Diagnoses a checkpoint.
     *
     * @param cfg    the run configuration (overrides applied)
     * @param suite  the environment suite
     * @param loader loads a saved policy directory
     * @param saved  the located checkpoint
     * @param out    the JSON file to write; plots go next to it as {@code <name>-<plot>.svg}
     * @param seed   seed of the training batch of the rehearsed update
     * @param update whether to rehearse an update (learning dynamics)
     */
    public static Outcome run(TrainConfig cfg, EnvironmentSuite suite, Function<Path, Policy> loader,
                              RunDirectory.SavedPolicy saved, Path out, long seed, boolean update) {
        Path checkpointDir = saved.policyDir().getParent();
        Path runDir = saved.configFile().getParent();
        Path probeFile = runDir.resolve(ProbeSet.FILE);
        try (Policy policy = loader.apply(saved.policyDir())) {
            boolean reused = Files.isRegularFile(probeFile);
            ProbeSet probes;
            if (reused) {
                probes = ProbeSet.load(probeFile);
            } else {
                probes = ProbeSet.collect(suite, policy, cfg, DiagnosticsListener.probeSplit(cfg),
                        cfg.diagnostics().probeGroups(), cfg.diagnostics().probeSamples(),
                        DiagnosticsListener.probeSeed(cfg));
                probes.save(probeFile);
            }
            if (probes.samples().size() < 2) {
                throw new ConfigException("diagnostics.probe_groups", "the probe set " + probeFile
                        + " holds " + probes.samples().size()
                        + " steps with a non-zero advantage; diagnostics need at least 2 (raise "
                        + "diagnostics.probe_groups, or the policy wins or loses every probe group)");
            }
            List<StepSample> batch = update
                    ? ProbeSet.play(suite, policy, cfg, cfg.env().trainSplit(), cfg.rollout().groups(), new Random(seed))
                    : List.of();
            Path refDir = checkpointDir.resolve("reference");
            Path optFile = checkpointDir.resolve("optimizer.bin");
            boolean hasOptimizer = update && Files.isRegularFile(optFile);
            try (Policy reference = Files.isDirectory(refDir) ? loader.apply(refDir) : null;
                 AdamW optimizer = hasOptimizer ? new AdamW(policy.parameters(), cfg.optim()) : null) {
                if (optimizer != null) {
                    TrainingState.loadOptimizer(checkpointDir, optimizer);
                }
                DiagnosticsReport report = new CouplingDiagnostics(cfg).measure(policy, reference, optimizer,
                        probes.samples(), batch, seed);
                return new Outcome(report, write(report, out), writePlots(report, out), probeFile, reused,
                        hasOptimizer);
            }
        }
    }

    private static Path write(DiagnosticsReport report, Path out) {
        try {
            RunDirectory.writeAtomically(out.toAbsolutePath(), JSON.writeValueAsBytes(document(report)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        return out;
    }

    /** The JSON document: the scalars first, then the full report. */
    public static Map<String, Object> document(DiagnosticsReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("metrics", report.metrics());
        doc.put("report", report);
        return doc;
    }

    private static List<Path> writePlots(DiagnosticsReport report, Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : DiagnosticsPlots.render(report).entrySet()) {
            Path p = out.toAbsolutePath().resolveSibling(stem + "-" + e.getKey());
            RunDirectory.writeAtomically(p, HtmlReport.standaloneSvg(e.getValue())
                    .getBytes(StandardCharsets.UTF_8));
            files.add(p);
        }
        return files;
    }
}
