package dev.untangle.env.remote;

import dev.untangle.env.EnvironmentException;

/**
 * One HTTP call to an environment server failed; the message names the environment, the server, the request
 * and the problem. {@link #kind()} tells a caller (for example {@code env check}) what went wrong.
 */
public final class RemoteCallException extends EnvironmentException {

    /** What went wrong with the call. */
    public enum Kind {
        /** The TCP connection could not be opened (refused, unreachable): the request never reached the server. */
        CONNECT,
        /** No complete answer within the configured timeout. */
        TIMEOUT,
        /** The connection broke or another I/O failure occurred after the request was sent. */
        IO,
        /**
         * The connection was closed before a single byte of an answer arrived, as when the client reused a
         * kept-alive connection that the server had already closed for idleness (uvicorn closes them after 5 s):
         * the server never read the request, so any request may be sent again once, on a fresh connection.
         */
        UNANSWERED,
        /** The server answered with a status other than 200. */
        HTTP_STATUS,
        /** The server answered HTTP 200 with an {@code {"error": ...}} body. */
        ERROR_BODY,
        /** The body is not JSON, or not the shape this environment's protocol promises. */
        MALFORMED,
        /** The body is larger than {@code max_response_bytes}. */
        TOO_LARGE
    }

    private final Kind kind;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param kind    what went wrong
     * @param status  the HTTP status, or -1 when there was no answer
     * @param message one line naming server, request and problem
     * @param cause   the underlying exception, or {@code null}
     */
    public RemoteCallException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or -1 when no answer came. */
    public int status() {
        return status;
    }

    /** Whether repeating an idempotent request may help (connection, timeout, I/O, 502/503/504). */
    public boolean transientFailure() {
        return switch (kind) {
            case CONNECT, TIMEOUT, IO, UNANSWERED -> true;
            case HTTP_STATUS -> status == 502 || status == 503 || status == 504;
            default -> false;
        };
    }
}
