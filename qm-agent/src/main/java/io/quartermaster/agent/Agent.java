package io.quartermaster.agent;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.DriverProvider;
import io.quartermaster.agent.driver.Drivers;
import io.quartermaster.agent.hosts.HostRoster;
import io.quartermaster.agent.hosts.MachineLocks;
import io.quartermaster.agent.hosts.ServedHost;
import io.quartermaster.agent.inventory.InventoryReporter;
import io.quartermaster.agent.server.AgentApiClient;
import io.quartermaster.agent.server.AgentJson;
import io.quartermaster.agent.server.CredentialFile;
import io.quartermaster.agent.server.Registrar;
import io.quartermaster.agent.server.ServerProblem;
import io.quartermaster.agent.steps.StepCatalog;
import io.quartermaster.agent.tasks.LeaseKeeper;
import io.quartermaster.agent.tasks.PollWatch;
import io.quartermaster.agent.tasks.TaskPoller;
import io.quartermaster.agent.tasks.TaskRunner;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.agent.Registration;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running agent: registered, one driver per host it serves, an inventory reporter and a task poller.
 *
 * <p>Start-up recovers nothing from disk on purpose: the agent keeps no record of tasks. The server delivers
 * again every task whose lease ran out unanswered, and the hypervisor is the record of what exists, read by
 * the first inventory report, which goes out before any task is taken.
 */
public final class Agent implements AutoCloseable {

    /** Exit codes, as in sysexits.h. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_SOFTWARE = 70;
    public static final int EXIT_CREDENTIAL_REJECTED = 77;
    public static final int EXIT_CONFIG = 78;

    private static final System.Logger log = System.getLogger(Agent.class.getName());

    private final TaskPoller poller;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread reporterLoop;
    private final Thread pollerLoop;

    private Agent(HostRoster roster, InventoryReporter reporter, TaskPoller poller) {
        this.poller = poller;
        this.reporterLoop = Thread.ofVirtual().name("inventory").start(() -> loop(reporter::run));
        this.pollerLoop = Thread.ofVirtual().name("tasks").start(() -> loop(poller::run));
        log.log(Level.INFO, "Agent started for hosts {0}", roster.all());
    }

    /**
     * Registers (or reads the kept registration), makes a driver for every host the server assigned and
     * starts reporting and polling.
     *
     * @throws ServerProblem when the server refuses the registration or the kept credential
     * @throws IllegalArgumentException when the configuration does not fit the registration or the driver
     */
    public static Agent start(AgentConfig config, Clock clock, Sleeper sleeper) throws IOException, InterruptedException {
        JsonMapper json = AgentJson.mapper();
        var api = new AgentApiClient(config.serverUrl(), json, version());
        var credentials = new CredentialFile(config.credentialFile(), json);
        Registration registration = new Registrar(api, credentials, sleeper)
                .obtain(config.bootstrapToken(), config.agentName(), version());
        api.useCredential(registration.credential());
        checkHosts(config, registration);
        DriverProvider provider = Drivers.provider(config.driver());
        List<ServedHost> hosts = registration.hosts().stream().map(host -> {
            Driver driver = provider.create(host.id(), config.driverSettings());
            warnOnHypervisorMismatch(host, driver);
            var steps = StepCatalog.forDriver(driver, config.steps(), json, clock, sleeper, api::download);
            return new ServedHost(host.id(), host.name(), driver, steps);
        }).toList();
        if (hosts.isEmpty()) {
            log.log(Level.WARNING, "The server assigned no hosts to agent {0}: it will do nothing", registration.agentId());
        }
        var roster = new HostRoster(hosts);
        var locks = new MachineLocks();
        var polls = new PollWatch(clock);
        var reporter = new InventoryReporter(roster, locks, api, config.inventoryInterval(), version(), clock, polls);
        var runner = new TaskRunner(roster, locks, api, new LeaseKeeper(api, clock, sleeper), reporter::requestReport,
                clock, sleeper);
        var poller = new TaskPoller(roster, api, runner, config.pollWait(), config.pollMax(), sleeper, polls);
        reporter.reportAll(); // the server learns the hosts' facts and names the primary before any task runs
        return new Agent(roster, reporter, poller);
    }

    /** The hosts setting is a check: the server decides which hosts an agent serves. */
    private static void checkHosts(AgentConfig config, Registration registration) {
        var assigned = registration.hosts().stream().map(Registration.HostRef::name).sorted().toList();
        if (!config.hosts().isEmpty() && !config.hosts().stream().sorted().toList().equals(assigned)) {
            throw new IllegalArgumentException("hosts is " + config.hosts() + " but the server assigned " + assigned
                    + " to this agent: fix the setting or the host assignment");
        }
    }

    /** A warning, not a refusal: drivers and hypervisor types need not share names (libvirt drives kvm). */
    private static void warnOnHypervisorMismatch(Registration.HostRef host, Driver driver) {
        String type = host.hypervisorType();
        if (type != null && !type.equalsIgnoreCase(driver.name())
                && !type.equalsIgnoreCase(driver.fingerprint().hypervisor())) {
            log.log(Level.WARNING, "Host {0} is of hypervisor type {1} on the server, but this agent drives it with the "
                    + "{2} driver ({3})", host.name(), type, driver.name(), driver.fingerprint().hypervisor());
        }
    }

    /** Blocks until the agent stops; the exit code says why. */
    public int awaitExit() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return EXIT_SOFTWARE;
        }
    }

    /** Stops polling and reporting; running tasks get a grace period, the rest are delivered again later. */
    @Override
    public void close() throws InterruptedException {
        pollerLoop.interrupt();
        reporterLoop.interrupt();
        poller.close(Duration.ofSeconds(30));
        exit.complete(EXIT_OK);
    }

    private void loop(Loop body) {
        try {
            body.run();
        } catch (InterruptedException stopping) {
            exit.complete(EXIT_OK);
        } catch (ServerProblem problem) {
            if (problem.isInvalidCredential()) {
                log.log(Level.ERROR, "The server no longer accepts this agent''s credential ({0}); delete the credential "
                        + "file and register again with a new bootstrap token", problem.getMessage());
                exit.complete(EXIT_CREDENTIAL_REJECTED);
            } else {
                log.log(Level.ERROR, "The agent stopped on a problem the server reported", problem);
                exit.complete(EXIT_SOFTWARE);
            }
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "The agent stopped on an unexpected error", e);
            exit.complete(EXIT_SOFTWARE);
        }
    }

    static String version() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    @FunctionalInterface
    private interface Loop {
        void run() throws InterruptedException;
    }
}
