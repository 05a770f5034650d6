package io.quartermaster.agent;

import io.quartermaster.agent.driver.Drivers;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.time.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The host agent's entry point: {@code qm-agent -c agent.properties [--check]}. */
@Command(name = "qm-agent", mixinStandardHelpOptions = true, versionProvider = QmAgent.Version.class,
        description = "The Quartermaster host agent: runs the server's tasks on this host's hypervisor and reports what is there.")
public class QmAgent implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The agent's properties file.")
    Path config;

    @Option(names = "--check", description = "Only check the configuration (and the driver's settings), then exit.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        AgentConfig settings;
        try {
            settings = AgentConfig.load(config);
            // The driver settings are checked here; no host yet, so no host's state is touched.
            Drivers.provider(settings.driver()).create(null, settings.driverSettings());
        } catch (IllegalArgumentException | IllegalStateException e) { // a bad setting; a hypervisor that cannot be reached
            System.err.println("qm-agent: " + e.getMessage());
            return Agent.EXIT_CONFIG;
        }
        if (check) {
            System.out.println("qm-agent: configuration is valid: server " + settings.serverUrl() + ", driver "
                    + settings.driver() + ", " + (Files.exists(settings.credentialFile())
                    ? "registered (" + settings.credentialFile() + ")" : "will register with the bootstrap token"));
            return Agent.EXIT_OK;
        }
        return run(settings);
    }

    private static int run(AgentConfig settings) throws Exception {
        Agent agent;
        try {
            agent = Agent.start(settings, Clock.systemUTC(), Sleeper.REAL);
        } catch (ServerProblem e) {
            System.err.println("qm-agent: the server refused this agent: " + e.getMessage());
            return e.isInvalidCredential() ? Agent.EXIT_CREDENTIAL_REJECTED : Agent.EXIT_CONFIG;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("qm-agent: " + e.getMessage());
            return Agent.EXIT_CONFIG;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "qm-agent-stop"));
        return agent.awaitExit();
    }

    public static void main(String[] args) {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            // One line per event: time, level, where, message (and a stack trace when there is one).
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %1$tz %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(new CommandLine(new QmAgent()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"qm-agent " + Agent.version()};
        }
    }
}
