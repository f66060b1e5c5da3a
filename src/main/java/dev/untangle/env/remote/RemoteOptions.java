package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Options of a remote AgentGym suite, read from the {@code env.*} config keys (without the prefix).
 *
 * @param urls             server base URLs ({@code urls}, comma separated); instances are spread over them
 * @param splits           task-id ranges mapped onto the server's game / data index ({@code splits}); empty when
 *                         they are read from the server ({@code splits=server}, {@code untangle serve} only)
 * @param connectTimeout   TCP connect timeout ({@code connect_timeout_ms})
 * @param requestTimeout   timeout of one HTTP request, connect included ({@code timeout_ms})
 * @param retries          extra attempts for idempotent requests ({@code retries})
 * @param backoff          wait before the first retry, doubled per retry up to 10 s ({@code backoff_ms})
 * @param maxInFlight      requests in flight per server ({@code max_in_flight}); ALFWorld servers answer one
 *                         request at a time, so its default is 1
 * @param maxResponseBytes largest response body accepted ({@code max_response_bytes})
 * @param worldType        ALFWorld {@code world_type} sent with {@code /reset} ({@code world_type})
 */
public record RemoteOptions(List<URI> urls, List<SplitRange> splits, Duration connectTimeout,
                            Duration requestTimeout, int retries, Duration backoff, int maxInFlight,
                            int maxResponseBytes, String worldType) {

    /** Option keys this suite accepts ({@code name} is the environment name itself and is ignored). */
    public static final Set<String> KEYS = Set.of("name", "urls", "url", "splits", "connect_timeout_ms",
            "timeout_ms", "retries", "backoff_ms", "max_in_flight", "max_response_bytes", "world_type");

    /** Value of option {@code splits} that reads splits, task types and corpus from {@code GET /suite}. */
    public static final String FROM_SERVER = "server";

    /** Checks every value, naming the option at fault. */
    public RemoteOptions {
        urls = List.copyOf(urls);
        splits = List.copyOf(splits);
        if (urls.isEmpty()) {
            throw new EnvironmentException("option urls: at least one server URL is required "
                    + "(for example env.options.urls=http://127.0.0.1:36001)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new EnvironmentException("option connect_timeout_ms: must be > 0");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new EnvironmentException("option timeout_ms: must be > 0");
        }
        if (retries < 0 || retries > 20) {
            throw new EnvironmentException("option retries: must be in 0..20, got " + retries);
        }
        if (backoff.isNegative()) {
            throw new EnvironmentException("option backoff_ms: must be >= 0");
        }
        if (maxInFlight < 1 || maxInFlight > 1024) {
            throw new EnvironmentException("option max_in_flight: must be in 1..1024, got " + maxInFlight);
        }
        if (maxResponseBytes < 1024) {
            throw new EnvironmentException("option max_response_bytes: must be >= 1024, got " + maxResponseBytes);
        }
        if (!List.of("Text", "Embody", "Hybrid").contains(worldType)) {
            throw new EnvironmentException("option world_type: must be Text, Embody or Hybrid, got " + worldType);
        }
    }

    /** Whether splits, task types and corpus come from the server's {@code GET /suite}. */
    public boolean splitsFromServer() {
        return splits.isEmpty();
    }

    /**
     * Reads options for one flavour, applying its defaults.
     *
     * @throws EnvironmentException for an unknown option or a bad value, naming the option
     */
    public static RemoteOptions parse(Flavour flavour, Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new EnvironmentException("unknown option(s) " + unknown + " for agentgym:" + flavour.name()
                    + "; known: " + new TreeSet<>(KEYS));
        }
        String urlText = options.getOrDefault("urls", options.get("url"));
        if (urlText == null || urlText.isBlank()) {
            throw new EnvironmentException("option urls: agentgym:" + flavour.name()
                    + " needs at least one server URL (for example env.options.urls=http://127.0.0.1:36001)");
        }
        List<URI> urls = parseUrls(urlText);
        String splitText = options.get("splits");
        List<SplitRange> splits = splitText == null ? flavour.defaultSplits()
                : splitText.trim().equals(FROM_SERVER) ? List.of() : SplitRange.parseAll(splitText);
        return new RemoteOptions(urls, splits,
                Duration.ofMillis(longOption(options, "connect_timeout_ms", 5_000)),
                Duration.ofMillis(longOption(options, "timeout_ms", 300_000)),
                (int) longOption(options, "retries", 3),
                Duration.ofMillis(longOption(options, "backoff_ms", 500)),
                (int) longOption(options, "max_in_flight", flavour.defaultMaxInFlight()),
                (int) longOption(options, "max_response_bytes", 8L << 20),
                options.getOrDefault("world_type", "Text"));
    }

    /** Parses a comma-separated URL list (brackets and blanks allowed), naming the bad entry. */
    public static List<URI> parseUrls(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        List<URI> out = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            URI u;
            try {
                u = new URI(p);
            } catch (URISyntaxException e) {
                throw new EnvironmentException("option urls: '" + part.trim() + "' is not a URL: " + e.getReason());
            }
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new EnvironmentException("option urls: '" + part.trim()
                        + "' must be an http(s) URL with a host, for example http://127.0.0.1:36001");
            }
            if (out.contains(u)) {
                throw new EnvironmentException("option urls: " + u + " is listed twice");
            }
            out.add(u);
        }
        if (out.isEmpty()) {
            throw new EnvironmentException("option urls: no URL given");
        }
        return List.copyOf(out);
    }

    private static long longOption(Map<String, String> options, String key, long def) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new EnvironmentException("option " + key + ": '" + v + "' is not an integer");
        }
    }
}
