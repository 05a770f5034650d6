package io.quartermaster.server.agents;

import io.quartermaster.agent.Agent;
import io.quartermaster.agent.AgentConfig;
import io.quartermaster.agent.time.Sleeper;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Dev mode's host agents: the real qm-agent with the simulator driver, run in this process and talking
 * to this server's own agent API over HTTP, one per tenant with hosts. Its registration and each simulated
 * host's state ({@code simulator-<host id>.json}) are kept under {@code qm.dev-agent.dir}, so a restarted
 * (or killed) dev server finds its agents registered and its hosts holding the machines its database says
 * they hold. Never enabled in production.
 */
@Component
@ConditionalOnProperty(name = "qm.dev-agent.enabled", havingValue = "true")
class DevAgents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DevAgents.class);

    private final AgentAdminService admin;
    private final JdbcClient jdbc;
    private final Environment environment;
    private final Duration stepDelay;
    private final Path dir;
    private final List<Agent> running = new ArrayList<>();
    private volatile boolean started;

    DevAgents(AgentAdminService admin, JdbcClient jdbc, Environment environment,
            @Value("${qm.dev-agent.step-delay:PT1S}") Duration stepDelay,
            @Value("${qm.dev-agent.dir:./data/dev-agent}") Path dir) {
        this.admin = admin;
        this.jdbc = jdbc;
        this.environment = environment;
        this.stepDelay = stepDelay;
        this.dir = dir;
    }

    /** Starts once the server answers HTTP: the agents register and poll through it like any other. */
    @EventListener(ApplicationReadyEvent.class)
    void startAgents() {
        String port = environment.getProperty("local.server.port");
        Map<UUID, List<UUID>> hostsByTenant = jdbc.sql("SELECT id, tenant_id FROM hosts ORDER BY name")
                .query((rs, row) -> Map.entry(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class)))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        hostsByTenant.forEach((tenant, hosts) -> Thread.ofVirtual().name("dev-agent-" + tenant).start(() -> {
            try {
                Agent agent = Agent.start(config(tenant, hosts, port), Clock.systemUTC(), Sleeper.REAL);
                synchronized (running) {
                    running.add(agent);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Dev agent for tenant {} did not start: {}", tenant, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        log.info("Dev agents: the simulator serves {} host(s), every step takes {}",
                hostsByTenant.values().stream().mapToInt(List::size).sum(), stepDelay);
    }

    private AgentConfig config(UUID tenant, List<UUID> hosts, String port) throws IOException {
        Files.createDirectories(dir);
        Path credential = dir.resolve(tenant + ".json");
        StringBuilder properties = new StringBuilder()
                .append("server.url=http://127.0.0.1:").append(port).append('\n')
                .append("credential.file=").append(credential.getFileName()).append('\n')
                .append("agent.name=dev-agent-").append(tenant.toString(), 0, 8).append('\n')
                .append("driver=simulator\n")
                .append("driver.latency=").append(stepDelay.toMillis()).append("ms\n")
                // Absolute: driver settings are not taken from the config file's folder. Properties read a
                // backslash as an escape, so one in the path (Windows) is doubled.
                .append("driver.state-file=").append(dir.toAbsolutePath().normalize().resolve("simulator-{host}.json").toString()
                        .replace("\\", "\\\\")).append('\n')
                .append("inventory.interval=5s\n");
        if (!Files.exists(credential)) {
            properties.append("bootstrap.token=").append(admin.systemToken(tenant, hosts).token()).append('\n');
        }
        Path file = dir.resolve(tenant + ".properties");
        Files.writeString(file, properties);
        return AgentConfig.load(file);
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public void stop() {
        started = false;
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
