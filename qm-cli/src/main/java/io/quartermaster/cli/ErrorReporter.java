package io.quartermaster.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How a failed command ends: one line on standard error and its exit code, never a stack trace
 * ({@code QM_DEBUG=1} adds one for qm's own bugs). Usage errors also say where the help is, and
 * suggest the option or command that was probably meant.
 */
final class ErrorReporter implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {

    private final CliEnvironment environment;

    ErrorReporter(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("error: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception thrown, CommandLine commandLine, CommandLine.ParseResult parsed) {
        Throwable e = thrown;
        while (e instanceof CommandLine.ExecutionException && e.getCause() != null) {
            e = e.getCause();
        }
        PrintWriter err = commandLine.getErr();
        if (e instanceof CommandLine.ParameterException usage) {
            return handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
        }
        if (e instanceof CliException failure) {
            err.println(failure.oneLine());
            err.flush();
            return failure.exitCode();
        }
        err.println(new CliException(ExitCodes.FAILED, "InternalError", e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (debug() ? "" : " (QM_DEBUG=1 shows where)")).oneLine());
        if (debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    private boolean debug() {
        return environment.variable("QM_DEBUG").isPresent();
    }
}
