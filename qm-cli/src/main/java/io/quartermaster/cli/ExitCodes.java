package io.quartermaster.cli;

/**
 * The exit codes of {@code qm}, which scripts can rely on. They are listed in every command's help and
 * in README.md; a code's meaning never changes.
 */
public final class ExitCodes {

    /** It worked. */
    public static final int OK = 0;
    /**
     * The command ran, but what it waited for did not happen (a machine failed, a request was rejected, time
     * ran out), or qm itself failed.
     */
    public static final int FAILED = 1;
    /** The command line was wrong (unknown option, missing argument, ambiguous name) or the server refused the input as invalid. */
    public static final int USAGE = 2;
    /** What the command names does not exist, or the caller may not see it. */
    public static final int NOT_FOUND = 3;
    /** Not signed in, the token was refused, or the caller may not do this. */
    public static final int DENIED = 4;
    /** The server refused because of the current state: a conflicting change, no capacity, an action the machine does not allow now, a quota. */
    public static final int CONFLICT = 5;
    /** The server failed or could not be reached. */
    public static final int UNAVAILABLE = 6;

    private ExitCodes() {}

    /** The exit code for an HTTP error status. */
    public static int forStatus(int status) {
        return switch (status) {
            case 401, 403 -> DENIED;
            case 404, 410 -> NOT_FOUND;
            case 409, 412, 423 -> CONFLICT;
            default -> status >= 500 || status == 429 ? UNAVAILABLE : status >= 400 ? USAGE : FAILED;
        };
    }
}
