package dev.untangle.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A flat view of a YAML configuration: dotted keys ({@code algorithm.group_size}) to scalar values or lists,
 * with the file and line each value came from, {@code key=value} overrides applied on top, and a record of
 * every key read (with the value used, defaults included) so that unknown keys can be rejected and the
 * resolved configuration written to the run directory.
 *
 * <p>Reads are not thread-safe: build typed records from one thread, then share the records.
 */
public final class ConfigTree {

    private final Map<String, Object> values;      // dotted key -> String | List<String>
    private final Map<String, String> origins;     // dotted key -> "file:line" or "override"
    private final Map<String, Object> resolved = new TreeMap<>();
    private final Set<String> read = new TreeSet<>();
    private final Set<String> sections = new TreeSet<>();   // prefixes read whole by section()

    private ConfigTree(Map<String, Object> values, Map<String, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** An empty tree (every read returns its default). */
    public static ConfigTree empty() {
        return new ConfigTree(new TreeMap<>(), new TreeMap<>());
    }

    /**
     * Parses a YAML file.
     *
     * @throws ConfigException naming the file (and line) when it cannot be read or parsed
     */
    public static ConfigTree load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /**
     * Parses YAML text.
     *
     * @param text   YAML mapping
     * @param source name used in error messages (a file name)
     */
    public static ConfigTree parse(String text, String source) {
        ConfigTree tree = empty();
        Node root;
        try (Reader r = new StringReader(text)) {
            root = new Yaml(new LoaderOptions()).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException("", source + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("", source + ": invalid YAML: " + e.getMessage());
        }
        if (root == null) {
            return tree;
        }
        if (!(root instanceof MappingNode map)) {
            throw new ConfigException("", source + ":" + line(root) + ": the top level must be a mapping of keys");
        }
        tree.flatten("", map, source);
        return tree;
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private void flatten(String prefix, MappingNode map, String source) {
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new ConfigException(prefix, source + ":" + line(t.getKeyNode()) + ": keys must be plain words");
            }
            String key = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
            Node v = t.getValueNode();
            String origin = source + ":" + line(v);
            if (v instanceof MappingNode m) {
                flatten(key, m, source);
            } else if (v instanceof SequenceNode seq) {
                List<String> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    if (!(item instanceof ScalarNode s)) {
                        throw new ConfigException(key, origin + ": list items must be plain values");
                    }
                    items.add(s.getValue());
                }
                values.put(key, List.copyOf(items));
                origins.put(key, origin);
            } else if (v instanceof ScalarNode s) {
                if (values.containsKey(key)) {
                    throw new ConfigException(key, origin + ": duplicate key");
                }
                values.put(key, s.getValue());
                origins.put(key, origin);
            }
        }
    }

    /**
     * Applies {@code key=value} overrides; a value in brackets ({@code [a, b]}) is a list.
     *
     * @throws ConfigException for an override without {@code =}
     */
    public ConfigTree withOverrides(List<String> overrides) {
        Map<String, Object> v = new TreeMap<>(values);
        Map<String, String> o = new TreeMap<>(origins);
        for (String ov : overrides) {
            int eq = ov.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(ov, "overrides must look like key=value (got '" + ov + "')");
            }
            String key = ov.substring(0, eq).trim();
            String value = ov.substring(eq + 1).trim();
            if (value.startsWith("[") && value.endsWith("]")) {
                String inner = value.substring(1, value.length() - 1).trim();
                List<String> items = new ArrayList<>();
                if (!inner.isEmpty()) {
                    for (String s : inner.split(",")) {
                        items.add(s.trim());
                    }
                }
                v.put(key, List.copyOf(items));
            } else {
                v.put(key, value);
            }
            o.put(key, "override '" + ov + "'");
        }
        return new ConfigTree(v, o);
    }

    /** Whether the tree holds a value for {@code key}. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    private String where(String key) {
        String o = origins.get(key);
        return o == null ? "" : " (" + o + ")";
    }

    private String scalar(String key) {
        Object v = values.get(key);
        if (v instanceof List<?>) {
            throw new ConfigException(key, "expected a single value, got a list" + where(key));
        }
        return (String) v;
    }

    /** Reads a string. */
    public String getString(String key, String def) {
        read.add(key);
        String v = has(key) ? scalar(key) : def;
        resolved.put(key, v);
        return v;
    }

    /** Reads a string that must be one of {@code allowed}. */
    public String getChoice(String key, String def, List<String> allowed) {
        String v = getString(key, def);
        if (!allowed.contains(v)) {
            throw new ConfigException(key, "must be one of " + allowed + ", got '" + v + "'" + where(key));
        }
        return v;
    }

    /**
     * Reads a choice into its enum constant, once: the error for a value that is not allowed is
     * {@link #getChoice}'s, naming the key and the allowed names.
     */
    public <E extends Enum<E> & ConfigChoice> E getEnum(String key, E def, Class<E> type) {
        return ConfigChoice.parse(type, key, getChoice(key, def.configName(), ConfigChoice.names(type)));
    }

    /** Reads an integer. */
    public int getInt(String key, int def) {
        read.add(key);
        int v = def;
        if (has(key)) {
            String s = scalar(key);
            try {
                v = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "expected an integer, got '" + s + "'" + where(key));
            }
        }
        resolved.put(key, v);
        return v;
    }

    /** Reads a long integer. */
    public long getLong(String key, long def) {
        read.add(key);
        long v = def;
        if (has(key)) {
            String s = scalar(key);
            try {
                v = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "expected an integer, got '" + s + "'" + where(key));
            }
        }
        resolved.put(key, v);
        return v;
    }

    /** Reads a floating-point number. */
    public double getDouble(String key, double def) {
        read.add(key);
        double v = def;
        if (has(key)) {
            String s = scalar(key);
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "expected a number, got '" + s + "'" + where(key));
            }
            if (!Double.isFinite(v)) {
                throw new ConfigException(key, "must be a finite number, got '" + s + "'" + where(key));
            }
        }
        resolved.put(key, v);
        return v;
    }

    /** Reads a boolean ({@code true}/{@code false}). */
    public boolean getBoolean(String key, boolean def) {
        read.add(key);
        boolean v = def;
        if (has(key)) {
            String s = scalar(key).trim().toLowerCase(java.util.Locale.ROOT);
            if (s.equals("true") || s.equals("yes")) {
                v = true;
            } else if (s.equals("false") || s.equals("no")) {
                v = false;
            } else {
                throw new ConfigException(key, "expected true or false, got '" + s + "'" + where(key));
            }
        }
        resolved.put(key, v);
        return v;
    }

    /** Reads a list of strings; a single value is a one-item list. */
    public List<String> getList(String key, List<String> def) {
        read.add(key);
        List<String> v = def;
        if (has(key)) {
            Object o = values.get(key);
            v = o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of((String) o);
        }
        resolved.put(key, v);
        return v;
    }

    /** Fails when {@code ok} is false, naming the key, its origin and the message. */
    public void check(boolean ok, String key, String message) {
        if (!ok) {
            throw new ConfigException(key, message + where(key));
        }
    }

    /** All keys below {@code prefix.} with their raw string values (lists joined by commas), marked read. */
    public Map<String, String> section(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        sections.add(prefix);
        String p = prefix + ".";
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().startsWith(p)) {
                read.add(e.getKey());
                Object v = e.getValue();
                String s = v instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                        : (String) v;
                out.put(e.getKey().substring(p.length()), s);
                resolved.put(e.getKey(), v);
            }
        }
        return out;
    }

    /**
     * Whether a typed record asked for {@code key}, or for a whole section holding it (for example
     * {@code env.options.*}): after reading an empty tree, this is the configuration's schema.
     */
    public boolean wasAskedFor(String key) {
        if (read.contains(key)) {
            return true;
        }
        for (String prefix : sections) {
            if (key.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rejects keys that no typed record read: they are typos or options of another version.
     *
     * @throws ConfigException naming the first unknown key, where it came from, and the nearest known key
     */
    public void rejectUnknown() {
        for (String key : values.keySet()) {
            if (!read.contains(key)) {
                String hint = nearest(key);
                throw new ConfigException(key, "unknown key" + where(key)
                        + (hint == null ? "" : "; did you mean '" + hint + "'?"));
            }
        }
    }

    private String nearest(String key) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : read) {
            int d = editDistance(k, key);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return bestD <= Math.max(2, key.length() / 4) ? best : null;
    }

    /** Levenshtein distance between two words (used for "did you mean" suggestions of keys and commands). */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Every key read so far with the value used (defaults included), sorted by key. */
    public Map<String, Object> resolved() {
        return Collections.unmodifiableMap(new TreeMap<>(resolved));
    }

    /** The resolved configuration as nested YAML, for the run directory. */
    public String resolvedYaml() {
        Map<String, Object> nested = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : resolved().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            Map<String, Object> cur = nested;
            for (int i = 0; i < parts.length - 1; i++) {
                Object next = cur.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map)) {
                    break;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) next;
                cur = m;
            }
            cur.put(parts[parts.length - 1], e.getValue());
        }
        org.yaml.snakeyaml.DumperOptions opts = new org.yaml.snakeyaml.DumperOptions();
        opts.setDefaultFlowStyle(org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new Yaml(opts).dump(nested);
    }
}
