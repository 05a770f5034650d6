package io.quartermaster.server.agents;

import io.quartermaster.agent.Agent;
import io.quartermaster.agent.AgentConfig;
import io.quartermaster.agent.driver.Drivers;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.server.platform.startup.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dev mode's host agents: the real qm-agent with the simulator driver (or the driver {@code
 * qm.dev-agent.driver} names, with {@code qm.dev-agent.driver-settings.*} as its settings), run in this
 * process and talking
 * to this server's own agent API over HTTP. Every few seconds hosts that no agent serves get one (per
 * tenant), so hosts added through the API are served too. Each agent's settings and registration, and
 * each simulated host's state ({@code simulator-<host id>.json}), are kept under {@code qm.dev-agent.dir}:
 * a restarted (or killed) dev server starts the same agents again, and its hosts hold the machines its
 * database says they hold. Never enabled in production.
 */
@Component
@ConditionalOnProperty(name = "qm.dev-agent.enabled", havingValue = "true")
class DevAgents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DevAgents.class);
    private static final Duration SCAN_EVERY = Duration.ofSeconds(2);
    private static final String SIMULATOR = "simulator";
    private static final String LIBVIRT = "libvirt";

    private final AgentAdminService admin;
    private final JdbcClient jdbc;
    private final Environment environment;
    private final Duration stepDelay;
    private final Path dir;
    private final String driver;
    private final Map<String, String> driverSettings;
    private final List<Agent> running = new ArrayList<>();
    private volatile boolean started;
    private Thread scanner;

    DevAgents(AgentAdminService admin, JdbcClient jdbc, Environment environment,
            @Value("${qm.dev-agent.step-delay:PT1S}") Duration stepDelay,
            @Value("${qm.dev-agent.dir:./data/dev-agent}") Path dir,
            @Value("${qm.dev-agent.driver:simulator}") String driver) {
        this.driver = driver.strip();
        this.driverSettings = Binder.get(environment).bind("qm.dev-agent.driver-settings",
                Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        try {
            Drivers.provider(this.driver); // an unknown driver stops the server now, not each agent later
        } catch (IllegalArgumentException unknown) {
            throw new InvalidSettingException("qm.dev-agent.driver (--driver): " + unknown.getMessage()
                    + ". A driver is found on the class path by its name.");
        }
        this.admin = admin;
        this.jdbc = jdbc;
        this.environment = environment;
        this.stepDelay = stepDelay;
        this.dir = dir;
    }

    /** Starts once the server answers HTTP: the agents register and poll through it like any other. */
    @EventListener(ApplicationReadyEvent.class)
    void startAgents() throws IOException {
        Files.createDirectories(dir);
        String server = "http://127.0.0.1:" + environment.getProperty("local.server.port");
        try (Stream<Path> kept = Files.list(dir)) {
            kept.filter(file -> file.toString().endsWith(".properties")).forEach(file -> launch(file, server));
        }
        scanner = Thread.ofVirtual().name("dev-agents").start(() -> {
            while (started) {
                try {
                    serveUnservedHosts(server);
                    Thread.sleep(SCAN_EVERY.toMillis()); // how often new hosts are looked for
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("Dev agents: {}", e.getMessage());
                }
            }
        });
        if (SIMULATOR.equals(driver)) {
            log.info("Dev agents: the simulator serves this server's hosts, each hypervisor call takes {}", stepDelay);
        } else {
            // The settings in effect, dev mode's defaults included: where a libvirt driver keeps its files, say.
            log.info("Dev agents: the {} driver serves this server's hosts, with {}", driver,
                    driverLines().strip().replace("\n", ", "));
        }
    }

    private void serveUnservedHosts(String server) throws IOException {
        Map<UUID, List<UUID>> unserved = jdbc.sql("""
                SELECT h.id, h.tenant_id FROM hosts h
                WHERE NOT EXISTS (SELECT 1 FROM agent_hosts ah JOIN agents a ON a.id = ah.agent_id
                                  WHERE ah.host_id = h.id AND a.revoked_at IS NULL)
                ORDER BY h.name""")
                .query((rs, row) -> Map.entry(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class)))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        for (var tenant : unserved.entrySet()) {
            String name = "dev-agent-" + UUID.randomUUID().toString().substring(0, 8);
            Path file = dir.resolve(name + ".properties");
            Files.writeString(file, "server.url=" + server + "\n"
                    + "credential.file=" + name + ".json\n"
                    + "agent.name=" + name + "\n"
                    + "inventory.interval=5s\n"
                    + "bootstrap.token=" + admin.systemToken(tenant.getKey(), tenant.getValue()).token() + "\n");
            launch(file, server);
        }
    }

    /** Runs the agent of a settings file; one whose registration this database does not know is forgotten. */
    private void launch(Path file, String server) {
        try {
            String settings = Files.readString(file).replaceAll("(?m)^server\\.url=.*$", "server.url=" + server)
                    .replaceAll("(?m)^driver[=.].*\\R?", "");
            Files.writeString(file, settings + driverLines()); // the port and the driver may differ from the last run
            Agent agent = Agent.start(AgentConfig.load(file), Clock.systemUTC(), Sleeper.REAL);
            synchronized (running) {
                running.add(agent);
            }
        } catch (io.quartermaster.agent.server.ServerProblem refused) {
            if (refused.status() != 401) {
                log.warn("Dev agent {} did not start: {}", file.getFileName(), refused.getMessage());
                return;
            }
            log.info("Dev agent {} is not known to this database ({}); a new one will be made", file.getFileName(),
                    refused.getMessage());
            forget(file);
        } catch (IOException | RuntimeException e) {
            log.warn("Dev agent {} did not start: {}", file.getFileName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The agent's driver settings: this server's driver, with dev mode's defaults for the simulator and for libvirt
     * (its seeds, serial logs, pools and image cache under the data folder, next to {@code qm.dev-agent.dir}, in
     * pools of dev mode's own), then the ones given.
     */
    String driverLines() {
        Map<String, String> settings = new java.util.TreeMap<>();
        // Absolute: driver settings are not read relative to the config file.
        Path home = dir.toAbsolutePath().normalize();
        if (SIMULATOR.equals(driver)) {
            settings.put("latency", stepDelay.toMillis() + "ms");
            settings.put("state-file", home.resolve("simulator-{host}.json").toString());
        } else if (LIBVIRT.equals(driver)) {
            settings.put("state-dir", home.resolveSibling("libvirt").toString());
            settings.put("pool", "qm-dev");
        }
        settings.putAll(driverSettings);
        StringBuilder lines = new StringBuilder("driver=" + driver + "\n");
        // Properties read a backslash as an escape, so one in a value (a Windows path) is doubled.
        settings.forEach((key, value) -> lines.append("driver.").append(key).append('=')
                .append(value.replace("\\", "\\\\")).append('\n'));
        return lines.toString();
    }

    private static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.resolveSibling(file.getFileName().toString().replace(".properties", ".json")));
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
        if (scanner != null) {
            scanner.interrupt();
        }
        synchronized (running) {
            for (Agent agent : running) {
                try {
                    agent.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            running.clear();
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Stops before the web server does, so the agents' last calls still find it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
