package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.EnvironmentSuite;
import dev.untangle.env.Reset;
import dev.untangle.env.SplitInfo;
import dev.untangle.env.StepResult;
import dev.untangle.env.TextEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded loopback load test of {@link AgentGymServer}: a server on 127.0.0.1 (free port) serves the suite,
 * and {@code clients} threads each play episodes through {@code agentgym:alfworld} (reset to a random task,
 * then random admissible commands, at most 50 steps), counting every HTTP request. It stops by itself at
 * {@code maxRequests} requests or after {@code timeCap}, whichever comes first.
 */
public final class ServeBenchmark {

    private static final int STEP_CAP = 50;

    private ServeBenchmark() {
    }

    /**
     * Runs the load test.
     *
     * @param suite       the suite to serve
     * @param clients     concurrent client threads, at least 1
     * @param timeCap     longest run
     * @param maxRequests most requests in all
     * @param seed        seed of the task and command choices
     * @throws EnvironmentException when the server cannot be started
     */
    public static BenchResult run(EnvironmentSuite suite, int clients, Duration timeCap, long maxRequests,
                                  long seed) {
        if (clients < 1 || clients > 256) {
            throw new IllegalArgumentException("clients must be in 1..256, got " + clients);
        }
        if (maxRequests < 1) {
            throw new IllegalArgumentException("max requests must be >= 1, got " + maxRequests);
        }
        ServeSettings settings = ServeSettings.builder().optPort(0).optThreads(Math.max(4, clients))
                .optMaxEnvs(Math.max(16, 2 * clients)).build();
        try (AgentGymServer server = AgentGymServer.start(suite, settings)) {
            StringBuilder splits = new StringBuilder();
            int offset = 0;
            for (SplitInfo s : suite.splits()) {
                splits.append(splits.length() == 0 ? "" : ",").append(s.name()).append(':').append(offset)
                        .append(':').append(s.size());
                offset += s.size();
            }
            Flavour f = Flavours.ALFWORLD;
            RemoteOptions opts = RemoteOptions.parse(f, java.util.Map.of("urls", server.url().toString(),
                    "splits", splits.toString(), "max_in_flight", String.valueOf(clients), "retries", "0",
                    "timeout_ms", "30000"));
            RemoteSuite remote = new RemoteSuite(f, opts);
            return drive(suite.name(), remote, clients, timeCap, maxRequests, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static BenchResult drive(String env, RemoteSuite remote, int clients, Duration timeCap,
                                     long maxRequests, long seed) {
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong episodes = new AtomicLong();
        long deadline = System.nanoTime() + timeCap.toNanos();
        SplitInfo split = remote.splits().get(0);
        SplittableRandom root = new SplittableRandom(seed);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            SplittableRandom rng = root.split();
            futures.add(pool.submit(() -> client(remote, split, rng, issued, errors, episodes, deadline,
                    maxRequests)));
        }
        List<long[]> all = new ArrayList<>();
        try {
            for (Future<long[]> fu : futures) {
                all.add(fu.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new EnvironmentException("benchmark client failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        long requests = lat.length;
        String stoppedBy = issued.get() >= maxRequests ? "requests" : "time";
        return new BenchResult(env, clients, requests, errors.get(), seconds, requests / seconds,
                percentile(lat, 0.50), percentile(lat, 0.99), episodes.get(), stoppedBy);
    }

    /** One client: plays episodes until the caps; returns its request latencies in nanoseconds. */
    private static long[] client(RemoteSuite remote, SplitInfo split, SplittableRandom rng, AtomicLong issued,
                                 AtomicLong errors, AtomicLong episodes, long deadline, long maxRequests) {
        long[] lat = new long[64];
        int n = 0;
        try (TextEnvironment env = remote.create()) {
            boolean needReset = true;
            List<String> admissible = List.of();
            while (System.nanoTime() < deadline && issued.getAndIncrement() < maxRequests) {
                long t0 = System.nanoTime();
                try {
                    if (needReset) {
                        Reset r = env.reset(split.name(), rng.nextInt(split.size()));
                        admissible = r.admissible();
                        needReset = false;
                    } else {
                        String cmd = admissible.isEmpty() ? "look" : admissible.get(rng.nextInt(admissible.size()));
                        StepResult s = env.step(cmd);
                        admissible = s.admissible();
                        if (s.done() || env.steps() >= STEP_CAP) {
                            needReset = true;
                            episodes.incrementAndGet();
                        }
                    }
                } catch (EnvironmentException e) {
                    errors.incrementAndGet();
                    needReset = true;
                }
                if (n == lat.length) {
                    lat = Arrays.copyOf(lat, n * 2);
                }
                lat[n++] = System.nanoTime() - t0;
            }
        }
        return Arrays.copyOf(lat, n);
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
