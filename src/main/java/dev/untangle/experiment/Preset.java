package dev.untangle.experiment;

import dev.untangle.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An experiment preset: a training configuration (the keys of {@code untangle train}) plus an
 * {@code experiment:} section that the runner reads itself:
 * <pre>
 * experiment:
 *   seeds: 3                      # seeds per method
 *   methods: [grpo, grpo+gcd]     # compared methods
 *   workers: 2                    # runs at once, each in its own process (default 1)
 *   master: spark://host:7077     # run them as Spark tasks instead (default: none, this host)
 *   gcd_cold_start: critic        # +gcd arms start from their own critic-data SFT (default), or shared
 *   purpose: "smoke test: ..."    # what the preset is for, shown by the command and in the report's header
 *   optional:                     # applied only when this build knows the key (features still being merged)
 *     diagnostics.every: 5
 * </pre>
 * The built-in presets {@code quick}, {@code default} and {@code paper} are resources of this package; any
 * other name is read as a YAML file.
 *
 * @param name     the preset's name (or file)
 * @param trainYaml the training configuration without the {@code experiment} section, as YAML text
 * @param seeds    seeds per method (from {@code experiment.seeds}, default 3)
 * @param methods  method names (from {@code experiment.methods}, default {@link Method#DEFAULT})
 * @param optional {@code key=value} overrides to apply only if the configuration knows the key
 * @param workers  runs executed at once, each in its own process (from {@code experiment.workers}, default 1)
 * @param gcdColdStart where the {@code +gcd} arms start: {@code critic} (their own SFT with critic data, the paper's
 *                 pipeline; the default) or {@code shared} (the plain SFT every method shares), from
 *                 {@code experiment.gcd_cold_start}
 * @param purpose  what the preset is for, in one sentence ({@code experiment.purpose}; empty when not said): a smoke
 *                 test says here that its numbers mean nothing, and the command and the report repeat it
 * @param master   the Spark master URL on which the runs execute as tasks ({@code experiment.master}), or
 *                 {@code null}: this host, by {@code workers}
 */
public record Preset(String name, String trainYaml, int seeds, List<String> methods, List<String> optional,
                     int workers, String gcdColdStart, String purpose, String master) {

    /** The built-in presets. */
    public static final List<String> BUILT_IN = List.of("quick", "default", "capable", "paper", "science");
    /** The most seeds an experiment may have. */
    public static final int MAX_SEEDS = 1000;
    /** The key of the worker count. */
    public static final String WORKERS_KEY = "experiment.workers";
    /** The most worker processes an experiment may have. */
    public static final int MAX_WORKERS = 256;
    /** The key of the GCD arms' cold start. */
    public static final String COLD_START_KEY = "experiment.gcd_cold_start";
    /** {@code +gcd} arms start from their own critic-data SFT. */
    public static final String COLD_START_CRITIC = "critic";
    /** Every method starts from the shared plain SFT. */
    public static final String COLD_START_SHARED = "shared";

    /** A preset that runs on this host. */
    public Preset(String name, String trainYaml, int seeds, List<String> methods, List<String> optional,
                  int workers, String gcdColdStart, String purpose) {
        this(name, trainYaml, seeds, methods, optional, workers, gcdColdStart, purpose, null);
    }

    /** Copies the lists and checks the seed and worker counts. */
    public Preset {
        purpose = purpose == null ? "" : purpose.strip();
        methods = List.copyOf(methods);
        optional = List.copyOf(optional);
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw new ConfigException("experiment.seeds", "must be in [1, " + MAX_SEEDS + "], got " + seeds
                    + " (" + name + ")");
        }
        if (!List.of(COLD_START_CRITIC, COLD_START_SHARED).contains(gcdColdStart)) {
            throw new ConfigException(COLD_START_KEY, "must be critic or shared, got '" + gcdColdStart + "' ("
                    + name + ")");
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new ConfigException(WORKERS_KEY, "must be in [1, " + MAX_WORKERS + "], got " + workers
                    + " (" + name + ")");
        }
    }

    /**
     * Loads a built-in preset by name, or a YAML file.
     *
     * @throws ConfigException naming the preset or file when it cannot be read or is malformed
     */
    public static Preset load(String nameOrFile) {
        if (BUILT_IN.contains(nameOrFile)) {
            String res = "presets/" + nameOrFile + ".yaml";
            try (InputStream in = Preset.class.getResourceAsStream(res)) {
                if (in == null) {
                    throw new ConfigException("", "built-in preset " + nameOrFile + " is missing from the jar (" + res
                            + ")");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), nameOrFile);
            } catch (IOException e) {
                throw new ConfigException("", "cannot read built-in preset " + nameOrFile + ": " + e.getMessage());
            }
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("", "--preset " + nameOrFile + ": neither a built-in preset " + BUILT_IN
                    + " nor a YAML file");
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Parses preset text.
     *
     * @param text   YAML mapping
     * @param source name used in messages
     */
    public static Preset parse(String text, String source) {
        Object doc;
        try {
            doc = new Yaml().load(text);
        } catch (YAMLException e) {
            throw new ConfigException("", source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (doc == null) {
            doc = new LinkedHashMap<String, Object>();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException("", source + ": expected a mapping of configuration keys");
        }
        Map<String, Object> train = new LinkedHashMap<>();
        map.forEach((k, v) -> train.put(String.valueOf(k), v));
        Object exp = train.remove("experiment");
        int seeds = 3;
        int workers = 1;
        String coldStart = COLD_START_CRITIC;
        String purpose = "";
        String master = null;
        List<String> methods = Method.DEFAULT;
        List<String> optional = new ArrayList<>();
        if (exp != null) {
            if (!(exp instanceof Map<?, ?> e)) {
                throw new ConfigException("experiment", source + ": expected a mapping");
            }
            for (Map.Entry<?, ?> en : e.entrySet()) {
                String key = String.valueOf(en.getKey());
                Object v = en.getValue();
                switch (key) {
                    case "seeds" -> {
                        if (!(v instanceof Integer i)) {
                            throw new ConfigException("experiment.seeds", source + ": expected an integer, got " + v);
                        }
                        seeds = i;
                    }
                    case "gcd_cold_start" -> coldStart = String.valueOf(v);
                    case "purpose" -> purpose = String.valueOf(v);
                    case "master" -> master = String.valueOf(v);
                    case "workers" -> {
                        if (!(v instanceof Integer i)) {
                            throw new ConfigException(WORKERS_KEY, source + ": expected an integer, got " + v);
                        }
                        workers = i;
                    }
                    case "methods" -> {
                        if (!(v instanceof List<?> l)) {
                            throw new ConfigException(Method.METHODS_KEY, source + ": expected a list, got " + v);
                        }
                        methods = l.stream().map(String::valueOf).toList();
                    }
                    case "optional" -> {
                        if (!(v instanceof Map<?, ?> o)) {
                            throw new ConfigException("experiment.optional", source + ": expected a mapping of "
                                    + "dotted keys to values");
                        }
                        o.forEach((ok, ov) -> optional.add(ok + "=" + scalar(ov)));
                    }
                    default -> throw new ConfigException("experiment." + key, source
                            + ": unknown key (known: seeds, methods, workers, "
                            + "master, gcd_cold_start, purpose, optional)");
                }
            }
        }
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        String yaml = train.isEmpty() ? "{}\n" : new Yaml(opts).dump(train);
        return new Preset(source, yaml, seeds, methods, optional, workers, coldStart, purpose, master);
    }

    private static String scalar(Object v) {
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]";
        }
        return v instanceof Double d ? String.format(Locale.ROOT, "%s", d) : String.valueOf(v);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
