package io.quartermaster.server.platform.startup;

/**
 * A setting the server cannot start with (an unknown driver name…); the message names the setting and
 * says what to give instead, in one line. The server command prints it without a stack trace.
 */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }

    static InvalidSettingException findIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
