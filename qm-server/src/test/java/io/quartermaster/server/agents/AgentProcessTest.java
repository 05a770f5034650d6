package io.quartermaster.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.AgentProcess;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.ProcessDatabase;
import io.quartermaster.server.support.ServerProcess;
import io.quartermaster.server.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server and its agents as operating-system processes of their own, as they run in production: an
 * agent killed in the middle of a step and started again finishes every machine with exactly one domain
 * each on its (simulated) host; a backup agent takes a stopped primary's host within the primary lease and
 * finishes its work; a machine deleted or switched off in the simulated host's state file behind the
 * server's back shows as a condition on the machine, and clears when the file is put back.
 *
 * <p>The agents use the simulator driver with {@code driver.state-file}: the simulated hypervisor is a JSON
 * file per host that outlives any agent process, shared by every agent of the host. The server's agent
 * timings are short ({@value #PRIMARY_LEASE} primary lease) so that nothing here waits long.
 */
@Tag("database")
@ExtendWith(TestDatabase.Availability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentProcessTest {

    private static final String PRIMARY_LEASE = "PT3S";
    private static final Duration WORK_WITHIN = Duration.ofSeconds(40);
    /** A takeover needs the lease to lapse, then the backup's next report (every second) and a busy machine's slack. */
    private static final Duration TAKEOVER_WITHIN = Duration.parse(PRIMARY_LEASE).plusSeconds(3);

    Path directory;
    ProcessDatabase database;
    ServerProcess server;
    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;
    Auth tenantAdmin;
    Auth owner;
    final List<AgentProcess> agents = new ArrayList<>();

    /** A host with a group of its own whose template places machines there only. */
    record Site(UUID host, UUID group, UUID template, Path stateFile) {}

    @BeforeAll
    void startServer(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory) {
        this.directory = directory;
        database = ProcessDatabase.create(directory);
        List<String> settings = new ArrayList<>(database.serverArguments());
        settings.addAll(List.of("--qm.demo-data=false", "--qm.admin.password=test-admin-password",
                "--qm.security.bcrypt-strength=4", "--qm.mail.enabled=false", "--qm.dev-agent.enabled=false",
                "--qm.agents.primary-lease=" + PRIMARY_LEASE, "--qm.agents.task-lock=PT6S",
                "--qm.agents.silent-after=PT15S", "--qm.agents.retry-backoff=PT1S",
                "--logging.level.root=warn", "--logging.level.io.quartermaster=info"));
        server = new ServerProcess(directory, settings).start();
        api = server.api();
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("agent-procs");
        tenantAdmin = fixtures.user(tenant, "tadmin", true);
        owner = fixtures.user(tenant, "owner", false);
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(AgentProcess::close);
        agents.clear();
    }

    @AfterAll
    void stopServer() throws SQLException {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    void anAgentKilledInTheMiddleOfAStepAndStartedAgainBuildsEachMachineOnce() throws IOException {
        Site site = site("kill");
        AgentProcess agent = agent("killed", site, Map.of("driver.latency.Create-Machine", "1500ms")).start();
        await("the agent to be the host's primary", () -> hostAgent(site).path("primaryAgent").isString());
        List<UUID> machines = order(site, 3);
        await("a machine to be at Create-Machine", () -> machines.stream()
                .anyMatch(m -> machine(m).path("currentStep").asString("").equals("Create-Machine")));

        Map<String, Long> atKill = whereEach(machines);
        assertThat(agent.kill()).as("exit status of the killed agent").isEqualTo(AgentProcess.KILLED);
        Instant killed = Instant.now();
        agent.start(); // the same folder: its credential file, and the host's state file, are still there

        await("every machine to be Active", () -> machines.stream().allMatch(m -> state(m).equals("Active")));
        Instant built = Instant.now();
        await("a report after the build that agrees with the server", () -> reportedAfter(site, built)
                && hostAgent(site).path("unmanaged").isEmpty()
                && machines.stream().allMatch(m -> machine(m).path("conditions").isEmpty()));
        assertThat(machines.stream().flatMap(m -> hostStepsDone(m).stream()).filter(done -> !done.endsWith("(attempt 1)")))
                .as("host steps done again after the kill (machines at the kill: %s)", atKill).isNotEmpty();
        assertThat(agent.stop()).as("exit status of the agent asked to stop").isIn(0, 143);
        assertThat(domainsOn(site)).as("machines on the simulated host").containsExactlyInAnyOrderElementsOf(machines);
        System.out.printf("[qm] agent process on %s: killed with %s, all Active %.1f s later%n", TestDatabase.kind(),
                atKill, Duration.between(killed, built).toMillis() / 1000.0);
    }

    @Test
    void aBackupAgentTakesOverWithinTheLeaseAndFinishesThePendingWork() throws IOException {
        Site site = site("failover");
        Map<String, String> slowBuild = Map.of("driver.latency.Create-Machine", "1000ms");
        AgentProcess primary = agent("primary", site, slowBuild).start();
        await("the first agent to be primary", () -> hostAgent(site).path("primaryAgent").asString("").startsWith("primary"));
        agent("backup", site, slowBuild).start();
        await("the backup to report", () -> agentView("backup").path("lastSeenAt").isString());
        long epochBefore = hostAgent(site).path("epoch").asLong();

        List<UUID> machines = new ArrayList<>(order(site, 2));
        await("a machine to be at Create-Machine", () -> machines.stream()
                .anyMatch(m -> machine(m).path("currentStep").asString("").equals("Create-Machine")));
        assertThat(primary.stop()).as("exit status of the primary asked to stop").isIn(0, 143);
        Instant stopped = Instant.now();
        machines.addAll(order(site, 1)); // requested while the host has no primary
        await("the backup to take the host", () -> hostAgent(site).path("primaryAgent").asString("").startsWith("backup"));
        Duration takeover = Duration.between(stopped, Instant.now());
        assertThat(takeover).as("time from the primary's stop to the backup's takeover").isLessThan(TAKEOVER_WITHIN);
        assertThat(hostAgent(site).path("epoch").asLong()).as("the host's fencing epoch").isGreaterThan(epochBefore);

        await("every machine to be Active", () -> machines.stream().allMatch(m -> state(m).equals("Active")));
        Instant built = Instant.now();
        await("a report after the build that agrees with the server", () -> reportedAfter(site, built)
                && machines.stream().allMatch(m -> machine(m).path("conditions").isEmpty()));
        assertThat(domainsOn(site)).as("machines on the simulated host").containsExactlyInAnyOrderElementsOf(machines);
        System.out.printf("[qm] agent process on %s: backup took over %.1f s after the primary stopped (lease %s),"
                + " all Active %.1f s after the stop%n", TestDatabase.kind(), takeover.toMillis() / 1000.0, PRIMARY_LEASE,
                Duration.between(stopped, built).toMillis() / 1000.0);
    }

    @Test
    void aMachineChangedInTheSimulatedHostBehindTheServersBackShowsAsAConditionUntilPutBack() throws IOException {
        Site site = site("drift");
        agent("drift", site, Map.of()).start();
        UUID machine = order(site, 1).getFirst();
        await("the machine to be Active", () -> state(machine).equals("Active"));
        Instant built = Instant.now();
        await("a report that agrees", () -> reportedAfter(site, built) && machine(machine).path("conditions").isEmpty());
        String original = Files.readString(site.stateFile());

        edit(site, state -> ((ArrayNode) state.path("machines")).removeIf(m -> m.path("id").asString()
                .equals(machine.toString())));
        await("MissingOnHost on the machine", () -> conditions(machine).equals(List.of("MissingOnHost")));
        Files.writeString(site.stateFile(), original);
        await("the condition to clear", () -> conditions(machine).isEmpty());

        edit(site, state -> state.path("machines").forEach(m -> ((ObjectNode) m).put("power", "Off")));
        await("PowerDrift on the machine", () -> conditions(machine).equals(List.of("PowerDrift")));
        assertThat(machine(machine).path("powerState").asString()).as("the power the server records").isEqualTo("On");
        Files.writeString(site.stateFile(), original);
        await("the condition to clear", () -> conditions(machine).isEmpty());
    }

    // --- hosts, agents and machines ---

    private Site site(String name) {
        UUID host = catalog.host(tenant, fixtures.unique(name + "-host"), 16, 65536, 1000);
        UUID group = fixtures.group(tenant, fixtures.unique(name));
        fixtures.member(group, owner, "USER");
        catalog.reservation(host, group, name, 8, 16384, 500, 10, 1);
        UUID template = catalog.template(tenant, fixtures.unique(name), 1024, List.of(group),
                Map.of("namingPrefix", name));
        return new Site(host, group, template, directory.resolve("hosts").resolve(host + ".json"));
    }

    /** An agent of the site's host with a bootstrap token of its own, its folder named after it. */
    private AgentProcess agent(String name, Site site, Map<String, String> driverSettings) {
        var token = api.post(tenantAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(site.host())));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.url", api.baseUrl());
        properties.put("bootstrap.token", token.json().path("token").asString());
        properties.put("agent.name", fixtures.unique(name));
        properties.put("driver", "simulator");
        properties.put("driver.seed", "7");
        properties.put("driver.state-file", directory.resolve("hosts").resolve("{host}.json").toString());
        properties.put("inventory.interval", "1s");
        properties.put("poll.wait", "5s");
        properties.putAll(driverSettings);
        AgentProcess agent = AgentProcess.configure(directory.resolve("agents").resolve(fixtures.unique(name)), properties);
        agents.add(agent);
        return agent;
    }

    private List<UUID> order(Site site, int count) {
        var response = api.post(owner, "/api/v1/requests", Map.of("templateId", site.template(), "groupId", site.group(),
                "count", count, "reason", "agent process test"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        List<UUID> ids = new ArrayList<>();
        response.json().path("machines").forEach(m -> ids.add(UUID.fromString(m.path("id").asString())));
        return ids;
    }

    private JsonNode machine(UUID id) {
        return api.get(owner, "/api/v1/machines/" + id).json();
    }

    private String state(UUID id) {
        return machine(id).path("state").asString();
    }

    private List<String> conditions(UUID id) {
        List<String> types = new ArrayList<>();
        machine(id).path("conditions").forEach(c -> types.add(c.path("type").asString()));
        return types;
    }

    /** "Done (attempt 1)"… for each host step the agent reported done. */
    private List<String> hostStepsDone(UUID id) {
        List<String> done = new ArrayList<>();
        api.get(owner, "/api/v1/machines/" + id + "/history?size=500").json().path("items").forEach(e -> {
            if (e.path("actor").asString("").equals("agent") && e.path("detail").asString("").startsWith("Done")) {
                done.add(e.path("step").asString() + ": " + e.path("detail").asString());
            }
        });
        return done;
    }

    private Map<String, Long> whereEach(List<UUID> machines) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (UUID id : machines) {
            JsonNode view = machine(id);
            String where = view.path("state").asString()
                    + (view.path("currentStep").isNull() ? "" : " at " + view.path("currentStep").asString());
            result.merge(where, 1L, Long::sum);
        }
        return result;
    }

    private JsonNode hostAgent(Site site) {
        return api.get(tenantAdmin, "/api/v1/hosts/" + site.host() + "/agent").json();
    }

    private boolean reportedAfter(Site site, Instant moment) {
        JsonNode last = hostAgent(site).path("lastReportAt");
        return last.isString() && Instant.parse(last.asString()).isAfter(moment);
    }

    private JsonNode agentView(String namePrefix) {
        for (JsonNode agent : api.get(tenantAdmin, "/api/v1/agents?size=100").json().path("items")) {
            if (agent.path("name").asString("").startsWith(namePrefix)) {
                return agent;
            }
        }
        return Api.JSON.createObjectNode();
    }

    // --- the simulated host's state file ---

    /** The ids of the machines the simulated hypervisor has (read once no agent writes the file). */
    private List<UUID> domainsOn(Site site) throws IOException {
        List<UUID> ids = new ArrayList<>();
        Api.JSON.readTree(Files.readString(site.stateFile())).path("machines")
                .forEach(m -> ids.add(UUID.fromString(m.path("id").asString())));
        return ids;
    }

    /** Changes the state file as an operator with an editor would, while the agent runs. */
    private void edit(Site site, Consumer<ObjectNode> change) throws IOException {
        ObjectNode state = (ObjectNode) Api.JSON.readTree(Files.readString(site.stateFile()));
        change.accept(state);
        Files.writeString(site.stateFile(), Api.JSON.writeValueAsString(state));
    }

    // --- waiting ---

    /** Polls the live processes until the condition holds: work in progress, not time passing. */
    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WORK_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder(server.logTail());
                agents.forEach(agent -> logs.append('\n').append(agent.logTail()));
                throw new AssertionError("Timed out after " + WORK_WITHIN + " waiting for " + what + "\n" + logs);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
