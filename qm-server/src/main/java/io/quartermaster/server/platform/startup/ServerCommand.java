package io.quartermaster.server.platform.startup;

import io.quartermaster.server.QuartermasterServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * The server's command line: {@code start-dev} and {@code start} are different commands, as in
 * Keycloak, so a production server can never be started with dev defaults by accident. Options it does
 * not know ({@code --spring.x=y}, {@code --qm.x=y}) are passed to Spring as properties.
 */
@Command(name = "qm-server", mixinStandardHelpOptions = true, versionProvider = ServerCommand.Version.class,
        description = "The Quartermaster server.",
        subcommands = {ServerCommand.StartDev.class, ServerCommand.Start.class})
public class ServerCommand implements Runnable {

    /** Exit code for a refused configuration (sysexits EX_CONFIG). */
    public static final int UNSAFE_CONFIGURATION = 78;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new ServerCommand());
        int code = commandLine.execute(args);
        Object result = commandLine.getParseResult() == null ? null : executionResult(commandLine);
        // A started server keeps running on its own threads; anything else ends here with its code.
        if (!(result instanceof Started)) {
            System.exit(code);
        }
    }

    private static Object executionResult(CommandLine commandLine) {
        CommandLine.ParseResult parsed = commandLine.getParseResult();
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return parsed.commandSpec().commandLine().getExecutionResult();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Marks a command whose server is up and running. */
    record Started() {}

    abstract static class StartCommand implements Callable<Object> {
        @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE}).", defaultValue = "8080")
        int port;

        @Unmatched
        List<String> springArguments = new ArrayList<>();

        abstract String profile();

        @Override
        public Object call() {
            SpringApplication application = new SpringApplication(QuartermasterServer.class);
            application.setMainApplicationClass(QuartermasterServer.class);
            // A profile added here cannot be switched off by any setting: start is always production.
            application.setAdditionalProfiles(profile());
            List<String> arguments = new ArrayList<>(springArguments);
            arguments.add("--server.port=" + port);
            try {
                application.run(arguments.toArray(String[]::new));
                return new Started();
            } catch (RuntimeException e) {
                UnsafeConfigurationException unsafe = UnsafeConfigurationException.findIn(e);
                if (unsafe != null) {
                    System.err.println("qm-server: refusing to start in production: " + unsafe.getMessage());
                    return UNSAFE_CONFIGURATION;
                }
                InvalidSettingException invalid = InvalidSettingException.findIn(e);
                if (invalid != null) {
                    System.err.println("qm-server: cannot start: " + invalid.getMessage());
                    return UNSAFE_CONFIGURATION;
                }
                throw e;
            }
        }
    }

    @Command(name = "start-dev", mixinStandardHelpOptions = true,
            description = "Start in dev mode: embedded database under ./data, demo data and demo logins.")
    static class StartDev extends StartCommand {
        @Option(names = "--driver", description = "Hypervisor driver of the in-process dev agents: simulator (the"
                + " default) or libvirt. Its settings: --qm.dev-agent.driver-settings.<key>=<value>.")
        String driver;

        @Override
        String profile() {
            return "dev";
        }

        @Override
        public Object call() {
            if (driver != null) {
                springArguments.add("--qm.dev-agent.driver=" + driver);
            }
            return super.call();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start in production mode. Refuses demo data, a default or missing admin password "
                    + "and the embedded database unless explicitly allowed.")
    static class Start extends StartCommand {
        @Override
        String profile() {
            return ProductionSafetyCheck.PRODUCTION_PROFILE;
        }
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ServerCommand.class.getPackage().getImplementationVersion();
            return new String[] {"qm-server " + (version == null ? "(development build)" : version)};
        }
    }
}
