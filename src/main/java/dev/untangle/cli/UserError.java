package dev.untangle.cli;

/** A problem with what the user asked for (a bad option, a missing file); printed as one line, exit code 2. */
public class UserError extends RuntimeException {

    /** Creates an error with a one-line message naming the problem. */
    public UserError(String message) {
        super(message);
    }
}
