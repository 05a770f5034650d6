package io.quartermaster.agent.driver;

import java.util.UUID;

/**
 * A driver operation failed. {@code reason} is a CamelCase word the server shows and switches on
 * ({@code MachineNotFound}, {@code NameInUse}, {@code ImageNotFound}, {@code HypervisorUnavailable}…);
 * {@code retryable} says whether trying the same call again later may succeed.
 */
public class DriverException extends RuntimeException {

    private final String reason;
    private final boolean retryable;

    public DriverException(String reason, String message, boolean retryable) {
        this(reason, message, retryable, null);
    }

    public DriverException(String reason, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryable = retryable;
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    public static DriverException machineNotFound(UUID machineId) {
        return new DriverException("MachineNotFound", "No machine " + machineId + " on this host.", false);
    }
}
