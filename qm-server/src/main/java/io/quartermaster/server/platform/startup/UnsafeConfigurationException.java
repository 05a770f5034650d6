package io.quartermaster.server.platform.startup;

/** Production mode found settings it will not run with; the message says which, in one line. */
public class UnsafeConfigurationException extends RuntimeException {

    public UnsafeConfigurationException(String message) {
        super(message);
    }

    static UnsafeConfigurationException findIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsafeConfigurationException unsafe) {
                return unsafe;
            }
        }
        return null;
    }
}
