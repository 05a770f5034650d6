package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.DriverException;

/**
 * A step could not be done: a CamelCase {@code reason} for the server to record and switch on, a message for a
 * person, and whether trying again may help ({@code retryable}: the server queues the task again while
 * attempts remain; otherwise the workflow undoes what was done and the machine fails).
 */
public class StepFailure extends RuntimeException {

    private final String reason;
    private final boolean retryable;

    public StepFailure(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }

    public static StepFailure of(DriverException failure) {
        return new StepFailure(failure.reason(), failure.getMessage(), failure.retryable());
    }

    /**
     * The step was interrupted because the agent is stopping; retryable, so the next delivery runs it again. The
     * caller restores the thread's interrupt flag before throwing it.
     */
    public static StepFailure agentStopping() {
        return new StepFailure("Interrupted", "The agent is stopping.", true);
    }

    public static StepFailure invalidParameters(String message) {
        return new StepFailure("InvalidParameters", message, false);
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
