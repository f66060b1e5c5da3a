package dev.untangle.env;

/**
 * An environment could not do what was asked: an unknown split, a task id out of range, or a failed
 * environment (for remote servers: connection, timeout, HTTP or protocol errors). The message names the
 * problem in one line.
 */
public class EnvironmentException extends RuntimeException {

    /** Creates an exception with a one-line message. */
    public EnvironmentException(String message) {
        super(message);
    }

    /** Creates an exception with a one-line message and its cause. */
    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
