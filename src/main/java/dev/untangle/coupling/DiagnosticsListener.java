package dev.untangle.coupling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.policy.Policy;
import dev.untangle.rl.GrpoLoop;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.advantage.Advantages;
import dev.untangle.rl.loss.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training hook of the diagnostics ({@code diagnostics.every = N}): on iterations 0, N, 2N, ... it
 * measures the fixed probe set with {@link CouplingDiagnostics}, rehearsing one update on a minibatch of the
 * iteration's samples, and returns the {@code coupling/} scalars for {@code metrics.jsonl}; the full
 * report goes to {@code diagnostics/iter-NNNNNN.json} in the run directory. The probe set is collected on
 * the first measured iteration (from {@code diagnostics.probe_split} with its own seed) and saved as
 * {@link ProbeSet#FILE}; a resumed run reloads it. Nothing here draws from the training random source or
 * steps the training policy.
 */
public final class DiagnosticsListener implements GrpoLoop.IterationListener {

    private static final Logger LOG = LoggerFactory.getLogger(DiagnosticsListener.class);
    private static final long PROBE_SEED_SALT = 0x9b0be_5e7L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainConfig cfg;
    private final EnvironmentSuite suite;
    private final RunDirectory run;
    private final CouplingDiagnostics diagnostics;
    private ProbeSet probes;

    /**
     * Creates the hook.
     *
     * @param cfg   the run configuration ({@code diagnostics.*}, losses, optimiser, rollout)
     * @param suite the environment suite (plays the probe episodes)
     * @param run   the run directory (probe set and reports)
     */
    public DiagnosticsListener(TrainConfig cfg, EnvironmentSuite suite, RunDirectory run) {
        this.cfg = cfg;
        this.suite = suite;
        this.run = run;
        this.diagnostics = new CouplingDiagnostics(cfg);
    }

    /** The probe split: {@code diagnostics.probe_split}, or the first evaluation split when it is empty. */
    public static String probeSplit(TrainConfig cfg) {
        String s = cfg.diagnostics().probeSplit();
        return s.isEmpty() ? cfg.eval().splits().get(0) : s;
    }

    /** The seed of a run's probe collection. */
    public static long probeSeed(TrainConfig cfg) {
        return cfg.seed() * 1_000_003L ^ PROBE_SEED_SALT;
    }

    @Override
    public Map<String, Double> afterAdvantages(int iteration, Policy policy, Policy reference, AdamW optimizer,
                                               Advantages samples) {
        int every = cfg.diagnostics().every();
        if (every == 0 || iteration % every != 0) {
            return Map.of();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        if (probes == null) {
            long t0 = System.nanoTime();
            probes = loadOrCollect(policy);
            m.put("time/coupling_probe_collection_s", (System.nanoTime() - t0) / 1e9);
        }
        if (probes.samples().size() < 2) {
            m.put("coupling/probe_samples", (double) probes.samples().size());
            return m;
        }
        DiagnosticsReport report = diagnostics.measure(policy, reference, optimizer, probes.samples(),
                samples.samples(), cfg.seed() * 31L + iteration);
        m.putAll(report.metrics());
        try {
            RunDirectory.writeAtomically(run.file("diagnostics/" + RunDirectory.iterationName(iteration) + ".json"),
                    JSON.writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the diagnostics report of iteration " + iteration, e);
        }
        return m;
    }

    private ProbeSet loadOrCollect(Policy policy) {
        Path file = run.file(ProbeSet.FILE);
        if (Files.isRegularFile(file)) {
            return ProbeSet.load(file);
        }
        String split = probeSplit(cfg);
        ProbeSet p = ProbeSet.collect(suite, policy, cfg, split, cfg.diagnostics().probeGroups(),
                cfg.diagnostics().probeSamples(), probeSeed(cfg));
        p.save(file);
        LOG.info("diagnostics: probe set of {} steps with A != 0 from split {} saved to {}", p.samples().size(), split,
                file);
        return p;
    }
}
