package io.quartermaster.agent.server;

/**
 * The server refused a call with a problem ({@code application/problem+json}): its HTTP status, its CamelCase
 * {@code reason} ({@code StaleTask}, {@code NotFound}, {@code InvalidCredential}…) and its detail.
 */
public class ServerProblem extends RuntimeException {

    private final int status;
    private final String reason;

    public ServerProblem(int status, String reason, String detail) {
        super(reason + " (" + status + "): " + detail);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The result was for an attempt or epoch that is no longer current: nothing to do but drop it. */
    public boolean isStaleTask() {
        return "StaleTask".equals(reason);
    }

    /** The agent's credential (or bootstrap token) is not accepted: only an operator can fix that. */
    public boolean isInvalidCredential() {
        return status == 401 || "InvalidCredential".equals(reason);
    }
}
