package io.quartermaster.cli;

import io.quartermaster.cli.admin.AgentCommand;
import io.quartermaster.cli.admin.AuditCommand;
import io.quartermaster.cli.admin.HostCommand;
import io.quartermaster.cli.admin.ReservationCommand;
import io.quartermaster.cli.admin.WorkflowCommand;
import io.quartermaster.cli.approvals.ApprovalCommand;
import io.quartermaster.cli.catalog.TemplateCommand;
import io.quartermaster.cli.login.ContextCommand;
import io.quartermaster.cli.login.LoginCommand;
import io.quartermaster.cli.login.WhoamiCommand;
import io.quartermaster.cli.machines.HistoryCommand;
import io.quartermaster.cli.machines.MachineCommand;
import io.quartermaster.cli.machines.RequestCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code qm}, the command-line client of the REST API. Every command prints one line
 * ({@code error: Reason: detail}) when it fails and ends with one of the {@link ExitCodes}.
 */
@Command(name = "qm", versionProvider = Qm.Version.class,
        // Inherited by every subcommand: --help and --version, help as wide as the terminal, the exit codes.
        scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:It worked.",
            "1:Failed: a machine failed, a request was rejected, --timeout ran out (or qm itself failed).",
            "2:Usage error: a bad option or argument, an ambiguous name, input the server refused.",
            "3:Not found, or not visible to you.",
            "4:Not signed in, token refused, or not allowed.",
            "5:Conflict: capacity, quota, an action the machine's state does not allow now.",
            "6:Server error, or the server could not be reached."},
        description = "Quartermaster from the terminal: order machines, look after them, and administer templates, "
                + "capacity and workflows.",
        footer = {"%nExamples:",
            "  qm login https://qm.example.org --username uma",
            "  qm templates list",
            "  qm request 'Small test machine' --wait",
            "  qm machines list --state Active -o json",
            "  source <(qm completion bash)",
            "%nSettings:",
            "  config file  $XDG_CONFIG_HOME/qm/config.yaml, else ~/.config/qm/config.yaml (QM_CONFIG names another)",
            "  QM_SERVER, QM_TOKEN  override the context's server and token",
            "  COLUMNS      how wide tables may be"},
        subcommands = {LoginCommand.class, ContextCommand.class, WhoamiCommand.class, TemplateCommand.class,
            RequestCommand.class, MachineCommand.class, HistoryCommand.class, ApprovalCommand.class, HostCommand.class,
            ReservationCommand.class, AgentCommand.class, WorkflowCommand.class, AuditCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class})
public class Qm extends CommandGroup {

    /** Kept for callers of the first skeleton; see {@link ExitCodes}. */
    public static final int OK = ExitCodes.OK;
    public static final int USAGE = ExitCodes.USAGE;

    private final Cli cli;

    Qm(Cli cli) {
        this.cli = cli;
    }

    @Option(names = "--context", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Talk to this context's server instead of the current one's (also QM_CONTEXT).")
    void context(String name) {
        cli.useContext(name);
    }

    /** The command line for one run in this environment; {@code execute} returns the exit code. */
    public static CommandLine commandLine(CliEnvironment environment) {
        Cli cli = new Cli(environment);
        CommandLine commandLine = new CommandLine(Qm.class, new CommandFactory(cli));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        ErrorReporter errors = new ErrorReporter(environment);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        return commandLine;
    }

    public static CommandLine commandLine() {
        return commandLine(CliEnvironment.system());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Qm.class.getPackage().getImplementationVersion();
            return new String[] {"qm " + (version == null ? "(development build)" : version)};
        }
    }
}
