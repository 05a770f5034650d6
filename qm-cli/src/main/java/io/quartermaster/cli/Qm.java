package io.quartermaster.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code qm}, the command-line client. Its commands arrive with the CLI issue; the exit codes scripts
 * rely on are fixed here from the start.
 */
@Command(name = "qm", mixinStandardHelpOptions = true, versionProvider = Qm.Version.class,
        description = "Quartermaster from the terminal.")
public class Qm implements Runnable {

    /** Exit codes scripts can rely on. */
    public static final int OK = 0;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Qm()).setExitCodeExceptionMapper(e -> USAGE);
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
