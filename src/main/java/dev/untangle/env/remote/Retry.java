package dev.untangle.env.remote;

/** Which failures of a request may be retried, by how idempotent the request is. */
public enum Retry {
    /** Never repeated (for example {@code /step}: a repeat would play the action twice). */
    NEVER,
    /**
     * Repeated only when the connection could not be opened, so the server never saw the request (for
     * example {@code /create}: a repeat after a timeout could leak a server-side environment).
     */
    IF_NOT_SENT,
    /** Repeated after any transient failure (reads, {@code /reset}, {@code /close}). */
    IDEMPOTENT;

    /**
     * Whether this policy allows another attempt after {@code failure}. A request the server never read
     * ({@code UNANSWERED}: a stale kept-alive connection) may always be sent again; the caller does so once.
     */
    boolean allows(RemoteCallException failure) {
        if (failure.kind() == RemoteCallException.Kind.UNANSWERED) {
            return true;
        }
        return switch (this) {
            case NEVER -> false;
            case IF_NOT_SENT -> failure.kind() == RemoteCallException.Kind.CONNECT;
            case IDEMPOTENT -> failure.transientFailure();
        };
    }
}
