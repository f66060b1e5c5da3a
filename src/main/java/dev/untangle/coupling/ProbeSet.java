package dev.untangle.coupling;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.untangle.config.RolloutConfig.DecodingMode;
import dev.untangle.config.TrainConfig;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.eval.EpisodePlayer;
import dev.untangle.policy.Decoding;
import dev.untangle.policy.Policy;
import dev.untangle.rl.RolloutCollector;
import dev.untangle.rl.RunDirectory;
import dev.untangle.rl.TaskSampler;
import dev.untangle.rl.advantage.AdvantageEstimators;
import dev.untangle.rl.advantage.AdvantageSettings;
import dev.untangle.rl.trajectory.CollectedStep;
import dev.untangle.rl.trajectory.Rollouts;
import dev.untangle.rl.trajectory.StepSample;
import dev.untangle.rl.trajectory.StepTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fixed set of probe steps that training never sees (docs/ALGORITHMS.md, "Probe set"): episodes played
 * once on a held-out split with their own seed, advantages from the run's estimator, and a seeded subsample
 * of the steps with A != 0. Saved with the run as {@link #FILE} so every measurement uses the same probes.
 *
 * @param split   the split the episodes were played on
 * @param seed    the seed of the collection and the subsample
 * @param samples the probe steps (with advantages), in episode and step order
 */
public record ProbeSet(String split, long seed, List<StepSample> samples) {

    /** Where a run keeps its probe set, relative to the run directory. */
    public static final String FILE = "diagnostics/probe_set.json";

    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public ProbeSet {
        samples = List.copyOf(samples);
    }

    /**
     * Plays {@code groups} task groups of {@code split} with {@code policy} and keeps at most
     * {@code maxSamples} steps with a non-zero advantage.
     *
     * @param suite      the environment suite
     * @param policy     the policy that plays (not changed)
     * @param cfg        the run configuration (rollout, decoding, estimator)
     * @param split      the held-out split
     * @param groups     task groups (each {@code rollout.group_size} episodes)
     * @param maxSamples at most this many probe steps
     * @param seed       the only random source of the collection and the subsample
     */
    public static ProbeSet collect(EnvironmentSuite suite, Policy policy, TrainConfig cfg, String split, int groups,
                                   int maxSamples, long seed) {
        Random rng = new Random(seed);
        List<StepSample> all = play(suite, policy, cfg, split, groups, rng);
        List<Integer> signed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).advantage() != 0) {
                signed.add(i);
            }
        }
        Collections.shuffle(signed, rng);
        List<Integer> kept = new ArrayList<>(signed.subList(0, Math.min(maxSamples, signed.size())));
        Collections.sort(kept);
        List<StepSample> out = new ArrayList<>(kept.size());
        for (int i : kept) {
            out.add(all.get(i));
        }
        return new ProbeSet(split, seed, out);
    }

    /**
     * Plays {@code groups} task groups of {@code split} as a training iteration would (the run's sampling
     * and group size) and returns every step sample with the run's advantages.
     *
     * @param rng the only random source (task draw and sampling)
     */
    public static List<StepSample> play(EnvironmentSuite suite, Policy policy, TrainConfig cfg, String split,
                                        int groups, Random rng) {
        Decoding sampling = new Decoding(cfg.rollout().decoding() == DecodingMode.CONSTRAINED, false,
                cfg.rollout().temperature(), cfg.rollout().maxActionTokens());
        EpisodePlayer player = new EpisodePlayer(suite, cfg.rollout().maxSteps(), cfg.rollout().envThreads());
        RolloutCollector collector = new RolloutCollector(player, split, cfg.rollout().groupSize(), sampling);
        List<Integer> tasks = new TaskSampler(suite.split(split).size(), groups).next(rng);
        Rollouts rollouts = collector.collect(policy, tasks, rng);
        return AdvantageEstimators.create(cfg.algorithm().advantage(), AdvantageSettings.of(cfg))
                .estimate(rollouts.episodes()).samples();
    }

    /** The advantages A_k. */
    public double[] advantages() {
        return samples.stream().mapToDouble(StepSample::advantage).toArray();
    }

    /** Writes the probe set to {@code file} atomically (JSON). */
    public void save(Path file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", VERSION);
        doc.put("split", split);
        doc.put("seed", seed);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StepSample s : samples) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("episode", s.episodeId());
            r.put("group", s.groupId());
            r.put("step", s.stepIndex());
            r.put("task", s.taskKey());
            r.put("task_type", s.taskType());
            r.put("observation", s.anchorObservation());
            r.put("prompt", s.promptTokens());
            r.put("action", s.actionTokens());
            r.put("old_log_prob", s.oldLogProb());
            r.put("allowed", s.allowed());
            r.put("temperature", s.temperature());
            r.put("valid", s.valid());
            r.put("reward", s.reward());
            r.put("env_reward", s.envReward());
            r.put("won", s.episodeWon());
            r.put("episode_advantage", s.episodeAdvantage());
            r.put("step_advantage", s.stepAdvantage());
            r.put("advantage", s.advantage());
            r.put("anchor", s.anchorId());
            if (Double.isFinite(s.progress())) {
                r.put("progress", s.progress());
            }
            rows.add(r);
        }
        doc.put("samples", rows);
        try {
            RunDirectory.writeAtomically(file, JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write probe set " + file, e);
        }
    }

    /** Reads what {@link #save} wrote. */
    public static ProbeSet load(Path file) {
        Map<String, Object> doc;
        try {
            doc = JSON.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read probe set " + file, e);
        }
        Object version = doc.get("version");
        if (!(version instanceof Number v) || v.intValue() != VERSION) {
            throw new UncheckedIOException(new IOException("probe set " + file + " has version " + version
                    + ", expected " + VERSION));
        }
        List<StepSample> out = new ArrayList<>();
        try {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) doc.get("samples");
            for (Map<String, Object> r : rows) {
                out.add(sample(r));
            }
            return new ProbeSet((String) doc.get("split"), ((Number) doc.get("seed")).longValue(), out);
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("probe set " + file + " is malformed at sample "
                    + out.size() + ": " + e));
        }
    }

    private static StepSample sample(Map<String, Object> r) {
        CollectedStep step = new CollectedStep(num(r, "episode").intValue(), num(r, "group").intValue(),
                num(r, "step").intValue(), (String) r.get("task"), (String) r.get("task_type"),
                (String) r.get("observation"), ints(r.get("prompt")), ints(r.get("action")),
                floats(r.get("old_log_prob")), allowed(r.get("allowed")), num(r, "temperature").doubleValue(),
                (Boolean) r.get("valid"), r.get("progress") instanceof Number n ? n.doubleValue() : Double.NaN,
                r.get("env_reward") instanceof Number m ? m.doubleValue() : 0);
        StepTargets targets = new StepTargets(num(r, "reward").doubleValue(), (Boolean) r.get("won"),
                num(r, "episode_advantage").doubleValue(), num(r, "step_advantage").doubleValue(),
                num(r, "advantage").doubleValue(), num(r, "anchor").intValue());
        return new StepSample(step, targets);
    }

    private static Number num(Map<String, Object> r, String key) {
        return (Number) r.get(key);
    }

    private static int[] ints(Object o) {
        return ((List<?>) o).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
    }

    private static float[] floats(Object o) {
        List<?> l = (List<?>) o;
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ((Number) l.get(i)).floatValue();
        }
        return f;
    }

    private static int[][] allowed(Object o) {
        if (o == null) {
            return null;
        }
        List<?> l = (List<?>) o;
        int[][] a = new int[l.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i) == null ? null : ints(l.get(i));
        }
        return a;
    }
}
