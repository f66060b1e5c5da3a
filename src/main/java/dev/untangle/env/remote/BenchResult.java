package dev.untangle.env.remote;

/**
 * Result of one {@link ServeBenchmark} run.
 *
 * @param env               the suite served
 * @param clients           concurrent client threads
 * @param requests          HTTP requests answered (create, reset and step)
 * @param errors            requests that failed
 * @param seconds           wall-clock seconds from the first to the last request
 * @param requestsPerSecond {@code requests / seconds}
 * @param p50Millis         median request latency
 * @param p99Millis         99th-percentile request latency
 * @param episodes          episodes finished (done) during the run
 * @param stoppedBy         {@code requests} when the request cap ended the run, {@code time} when the time cap did
 */
public record BenchResult(String env, int clients, long requests, long errors, double seconds,
                          double requestsPerSecond, double p50Millis, double p99Millis, long episodes,
                          String stoppedBy) {
}
