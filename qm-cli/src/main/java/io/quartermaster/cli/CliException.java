package io.quartermaster.cli;

/**
 * A failure to show as one line, {@code error: <reason>: <detail>}, ending the command with {@code exitCode}.
 * The reason is a CamelCase word like the server's ({@code NotLoggedIn}, {@code Ambiguous}); the server's own
 * problems arrive as {@link io.quartermaster.cli.client.ApiProblem}.
 */
public class CliException extends RuntimeException {

    private final int exitCode;
    private final String reason;

    public CliException(int exitCode, String reason, String detail) {
        super(detail);
        this.exitCode = exitCode;
        this.reason = reason;
    }

    public int exitCode() {
        return exitCode;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }

    public static CliException usage(String reason, String detail) {
        return new CliException(ExitCodes.USAGE, reason, detail);
    }

    public static CliException notFound(String detail) {
        return new CliException(ExitCodes.NOT_FOUND, "NotFound", detail);
    }

    /** One line: newlines in a detail (a server's, a file's) would break scripts that read the first line. */
    public String oneLine() {
        String text = detail() == null || detail().isBlank() ? "" : ": " + detail().strip();
        return "error: " + reason + text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
