package io.crmanalytics.cli;

import io.crmanalytics.core.UserException;
import org.apache.spark.sql.AnalysisException;

/** Turns any failure into one line a user can act on. */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String oneLine(Throwable e) {
        if (e instanceof UserException) {
            return e.getMessage();
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UserException) {
            return cause.getMessage();
        }
        if (e instanceof AnalysisException analysis) {
            return "SQL error: " + firstLine(analysis.getSimpleMessage());
        }
        return cause.getClass().getSimpleName() + ": " + firstLine(String.valueOf(cause.getMessage()));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            if (current instanceof UserException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
