package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The load test stops by itself at its request cap and counts what it did. */
class ServeBenchmarkTest {

    @Test
    void stopsAtTheRequestCapWithoutErrors() {
        BenchResult r = ServeBenchmark.run(new CounterSuite(), 3, Duration.ofMinutes(2), 150, 5);
        assertEquals("requests", r.stoppedBy());
        assertEquals(150, r.requests());
        assertEquals(0, r.errors());
        assertTrue(r.episodes() > 0, r.toString());
        assertTrue(r.requestsPerSecond() > 0 && r.p99Millis() >= r.p50Millis(), r.toString());
    }
}
