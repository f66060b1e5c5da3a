package dev.untangle.env.remote;

import java.net.URI;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One environment server of a suite: its base URL, the permits that bound its requests in flight, and the
 * number of live environment instances placed on it.
 */
public final class RemoteServer {

    private final URI url;
    private final Semaphore inFlight;
    private final AtomicInteger live = new AtomicInteger();
    private volatile long downUntilNanos = System.nanoTime();

    RemoteServer(URI url, int maxInFlight) {
        this.url = url;
        this.inFlight = new Semaphore(maxInFlight, true);
    }

    /** The base URL, without a trailing slash. */
    public URI url() {
        return url;
    }

    /** Environment instances now placed on this server. */
    public int live() {
        return live.get();
    }

    /** Whether a connection to this server failed within the last quarantine period. */
    public boolean down() {
        return System.nanoTime() - downUntilNanos < 0;
    }

    /** Avoids this server for new instances during {@code nanos} after a connection failure. */
    void markDown(long nanos) {
        downUntilNanos = System.nanoTime() + nanos;
    }

    Semaphore permits() {
        return inFlight;
    }

    void attach() {
        live.incrementAndGet();
    }

    void detach() {
        live.decrementAndGet();
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
