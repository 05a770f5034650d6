package io.quartermaster.server.agents;

import static io.quartermaster.server.support.TestAgent.awaitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.Agent;
import io.quartermaster.agent.AgentConfig;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import io.quartermaster.server.support.TestClock;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The real qm-agent (simulator driver) against the real server over HTTP: it registers with a bootstrap
 * token, builds, powers and destroys machines on its simulated hypervisor, and a terminal failure there
 * is undone on the host so nothing is left behind.
 */
@QmServerTest
class RealAgentEndToEndTest {

    private static final Duration LIMIT = Duration.ofSeconds(60); // generous: a loaded machine is slow, a broken one never gets there

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    Api api;
    Fixtures fixtures;
    Auth owner;
    Auth tenantAdmin;
    UUID group;
    UUID host;
    UUID template;
    Agent agent;
    Agent backup;

    @Autowired
    TestClock clock;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        UUID tenant = fixtures.tenant("real-agent");
        tenantAdmin = fixtures.user(tenant, "tadmin", true);
        owner = fixtures.user(tenant, "owner", false);
        group = fixtures.group(tenant, "lab");
        fixtures.member(group, owner, "USER");
        host = catalog.host(tenant, fixtures.unique("sim-host"), 16, 65536, 1000);
        catalog.reservation(host, group, "lab", 8, 16384, 500, 10, 1);
        template = catalog.template(tenant, fixtures.unique("small"), 1024, List.of(group), Map.of("namingPrefix", "e2e"));
    }

    @AfterEach
    void stopAgents() throws Exception {
        for (Agent running : new Agent[] {agent, backup}) {
            if (running != null) {
                running.close();
            }
        }
        clock.reset();
    }

    @Test
    void theAgentBuildsPowersAndDestroysMachinesOnItsHypervisor() throws Exception {
        agent = start(Map.of());
        UUID machine = order();
        awaitUpTo(LIMIT, "the machine to be Active", () -> state(machine).equals("Active"));
        awaitUpTo(LIMIT, "a report that agrees", () -> hostAgent().path("lastReportAt").isString()
                && machineView(machine).path("conditions").isEmpty());

        assertThat(act(machine, "power-off")).isEqualTo(200);
        awaitUpTo(LIMIT, "power off", () -> machineView(machine).path("powerState").asString().equals("Off")
                && machineView(machine).path("currentStep").isNull());
        assertThat(act(machine, "dispose")).isEqualTo(200);
        awaitUpTo(LIMIT, "the machine to be Disposed", () -> state(machine).equals("Disposed"));
        // The simulated hypervisor no longer has it: nothing unmanaged is left on the host.
        awaitUpTo(LIMIT, "another report", () -> hostAgent().path("unmanaged").isEmpty());
        assertThat(api.get(tenantAdmin, "/api/v1/agents").json().path("items").get(0).path("connected").asBoolean())
                .isTrue();
    }

    @Test
    void aTerminalFailureOnTheHostIsUndoneThereAndTheMachineFails() throws Exception {
        agent = start(Map.of("driver.failure.rate.Start-Machine", "1", "driver.failure.retryable.Start-Machine", "false"));
        UUID machine = order();
        awaitUpTo(LIMIT, "the machine to fail", () -> state(machine).equals("Failed"));
        JsonNode failed = machineView(machine);
        assertThat(failed.path("lastFailure").path("step").asString()).isEqualTo("Start-Machine");
        String history = api.get(owner, "/api/v1/machines/" + machine + "/history").json().toString();
        assertThat(history).contains("Destroy-Machine", "Delete-Volume");
        awaitUpTo(LIMIT, "a report after the undo", () -> hostAgent().path("unmanaged").isEmpty()
                && hostAgent().path("lastReportAt").isString());
    }

    @Test
    void aBackupAgentTakesOverWhenThePrimaryStops() throws Exception {
        agent = start(Map.of(), "primary");
        awaitUpTo(LIMIT, "the first agent to be primary", () -> hostAgent().path("primaryAgent").asString()
                .startsWith("primary"));
        backup = start(Map.of(), "backup");
        UUID first = order();
        awaitUpTo(LIMIT, "the primary to build a machine", () -> state(first).equals("Active"));

        agent.close();
        agent = null;
        // Time passes on the server's clock (it stands still otherwise) until the stopped primary's lease has
        // lapsed. More than once: a report the primary sent just before it stopped may land after a move.
        awaitUpTo(LIMIT, "the backup to take the host", () -> {
            if (hostAgent().path("primaryAgent").asString().startsWith("backup")) {
                return true;
            }
            clock.advance(Duration.ofSeconds(31));
            return false;
        });
        UUID second = order();
        awaitUpTo(LIMIT, "the backup to build a machine", () -> state(second).equals("Active"));
        assertThat(hostAgent().path("epoch").asLong()).isGreaterThan(1);
    }

    private Agent start(Map<String, String> extra) throws Exception {
        return start(extra, "e2e-agent");
    }

    private Agent start(Map<String, String> extra, String name) throws Exception {
        String token = api.post(tenantAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(host)))
                .json().path("token").asString();
        StringBuilder properties = new StringBuilder("server.url=http://127.0.0.1:" + port + "\n"
                + "bootstrap.token=" + token + "\nagent.name=" + fixtures.unique(name) + "\n"
                + "driver=simulator\ndriver.seed=7\ninventory.interval=1s\npoll.wait=5s\n");
        extra.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Path folder = Files.createDirectories(dir.resolve(name)); // each agent keeps its own credential file
        Path file = folder.resolve("agent.properties");
        Files.writeString(file, properties);
        return Agent.start(AgentConfig.load(file), Clock.systemUTC(), Sleeper.REAL);
    }

    private UUID order() {
        var response = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("machines").get(0).path("id").asString());
    }

    private int act(UUID machine, String action) {
        return api.post(owner, "/api/v1/machines/" + machine + "/actions/" + action, Map.of()).status();
    }

    private JsonNode machineView(UUID machine) {
        return api.get(owner, "/api/v1/machines/" + machine).json();
    }

    private String state(UUID machine) {
        return machineView(machine).path("state").asString();
    }

    private JsonNode hostAgent() {
        return api.get(tenantAdmin, "/api/v1/hosts/" + host + "/agent").json();
    }
}
