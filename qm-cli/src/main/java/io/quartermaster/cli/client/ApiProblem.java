package io.quartermaster.cli.client;

import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;

/**
 * The server said no: its problem document's {@code reason} and {@code detail}, and the exit code its HTTP
 * status maps to ({@link ExitCodes#forStatus}).
 */
public final class ApiProblem extends CliException {

    private final int status;
    private final String requestId;

    public ApiProblem(int status, String reason, String detail, String requestId) {
        super(ExitCodes.forStatus(status), reason, detail);
        this.status = status;
        this.requestId = requestId;
    }

    public int status() {
        return status;
    }

    /** The server's {@code X-Request-Id} for this call, to find it in the server's log and audit trail. */
    public String requestId() {
        return requestId;
    }
}
