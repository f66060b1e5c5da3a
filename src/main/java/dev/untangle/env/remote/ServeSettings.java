package dev.untangle.env.remote;

import java.time.Duration;

/**
 * Settings of {@link AgentGymServer}; build with {@link #builder()}.
 *
 * @param host           address to bind ({@code 127.0.0.1} unless told otherwise)
 * @param port           TCP port; 0 picks a free one
 * @param maxEnvs        live environments at most; {@code /create} beyond it answers an error
 * @param idleTimeout    an environment untouched this long is closed and freed
 * @param maxBodyBytes   largest request body accepted; larger ones get HTTP 413
 * @param threads        request-handling threads (a connection that is still sending its request holds none)
 * @param requestTimeout the longest a request may take to arrive: its line and headers within this of their first
 *                       byte, then its body within as long again; a connection that takes longer is closed
 * @param readTimeout    a connection on which no byte arrives or leaves for this long is closed (an idle
 *                       keep-alive connection, a stalled body, a client that stopped reading its answer)
 * @param maxConnections open client connections at most; further ones wait in the accept queue until one closes
 */
public record ServeSettings(String host, int port, int maxEnvs, Duration idleTimeout, int maxBodyBytes,
                            int threads, Duration requestTimeout, Duration readTimeout, int maxConnections) {

    /** Checks every value, naming the setting at fault. */
    public ServeSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (maxEnvs < 1) {
            throw new IllegalArgumentException("max envs must be >= 1, got " + maxEnvs);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be > 0, got " + idleTimeout);
        }
        if (maxBodyBytes < 256) {
            throw new IllegalArgumentException("max body bytes must be >= 256, got " + maxBodyBytes);
        }
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
        }
        if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("request timeout must be >= 0.1 s, got "
                    + requestTimeout.toMillis() / 1000.0 + " s");
        }
        if (readTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("read timeout must be >= 0.1 s, got "
                    + readTimeout.toMillis() / 1000.0 + " s");
        }
        if (maxConnections < 1 || maxConnections > 65536) {
            throw new IllegalArgumentException("max connections must be in 1..65536, got " + maxConnections);
        }
    }

    /**
     * A builder with the defaults: 127.0.0.1:36001, 256 environments, 10 min idle, 64 KiB bodies, 16 threads,
     * requests within 10 s, connections closed after 30 s without a byte, 512 connections.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServeSettings}; every {@code optX} has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 36001;
        private int maxEnvs = 256;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private int maxBodyBytes = 64 * 1024;
        private int threads = 16;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private int maxConnections = 512;

        private Builder() {
        }

        /** Address to bind (default 127.0.0.1). */
        public Builder optHost(String v) {
            host = v;
            return this;
        }

        /** Port (default 36001; 0 picks a free one). */
        public Builder optPort(int v) {
            port = v;
            return this;
        }

        /** Live environments at most (default 256). */
        public Builder optMaxEnvs(int v) {
            maxEnvs = v;
            return this;
        }

        /** Idle time after which an environment is freed (default 10 min). */
        public Builder optIdleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        /** Largest request body (default 64 KiB). */
        public Builder optMaxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        /** Request-handling threads (default 16). */
        public Builder optThreads(int v) {
            threads = v;
            return this;
        }

        /** The longest a request's line and headers, then its body, may take to arrive (default 10 s). */
        public Builder optRequestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        /** The longest a connection may go without a byte in or out (default 30 s). */
        public Builder optReadTimeout(Duration v) {
            readTimeout = v;
            return this;
        }

        /** Open client connections at most (default 512). */
        public Builder optMaxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /** The settings; throws IllegalArgumentException naming a bad value. */
        public ServeSettings build() {
            return new ServeSettings(host, port, maxEnvs, idleTimeout, maxBodyBytes, threads, requestTimeout,
                    readTimeout, maxConnections);
        }
    }
}
