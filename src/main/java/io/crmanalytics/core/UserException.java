package io.crmanalytics.core;

/**
 * A failure the user can fix (bad path, missing entity, bad option, rejected input). The CLI prints its
 * message as one line and exits 1, without a stack trace.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
