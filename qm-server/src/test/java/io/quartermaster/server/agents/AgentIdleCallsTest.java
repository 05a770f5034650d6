package io.quartermaster.server.agents;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestClock;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What an idle agent costs: its credential is remembered (and still stops working when revoked, on this
 * node at once and from another node at the next revocation check), and reports that change nothing
 * write nothing while a host that falls silent still becomes Disconnected. (The tests' lease is 30 s,
 * silence 60 s: see application-test.yml.)
 */
@QmServerTest
class AgentIdleCallsTest {

    private static final Map<String, Object> FACTS = Map.of("cpuCount", 16, "memoryMiB", 65536, "hypervisor", "simulator",
            "hypervisorVersion", "1", "driver", "simulator", "agentVersion", "test");

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    HeartbeatMonitor heartbeat;

    @Autowired
    AgentCredentials credentials;

    @Autowired
    PollHeartbeats pollHeartbeats;

    @Autowired
    TaskSignals signals;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Fixtures fixtures;
    UUID tenant;
    Auth tenantAdmin;
    UUID host;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("idle");
        tenantAdmin = fixtures.user(tenant, "tadmin", true);
        host = catalog.host(tenant, fixtures.unique("idle-host"), 16, 65536, 1000);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aRememberedCredentialStopsWorkingWhenTheAgentIsRevoked() {
        Registered agent = register("agent-r");
        assertThat(api.get(agent.auth(), "/agent/v1/tasks?wait=0").status()).isEqualTo(200); // remembered now

        assertThat(api.post(tenantAdmin, "/api/v1/agents/" + agent.id() + "/revoke", Map.of()).status()).isEqualTo(200);

        assertProblem(api.get(agent.auth(), "/agent/v1/tasks?wait=0"), 401, "InvalidCredential");
    }

    @Test
    void anAgentRevokedOnAnotherNodeIsRefusedHereAfterTheNextRevocationCheck() {
        Registered agent = register("agent-n");
        assertThat(api.get(agent.auth(), "/agent/v1/tasks?wait=0").status()).isEqualTo(200);

        // Another node revokes it: only the database knows, so this node still remembers the credential...
        jdbc.sql("UPDATE agents SET revoked_at = ? WHERE id = ?").params(Timestamp.from(clock.instant()), agent.id())
                .update();
        // ...until its revocation check (every qm.agents.revocation-check, run here by hand).
        credentials.forgetRevoked();

        assertProblem(api.get(agent.auth(), "/agent/v1/tasks?wait=0"), 401, "InvalidCredential");
    }

    @Test
    void aRememberedCredentialIsLookedUpAgainAfterTheCacheTime() {
        Registered agent = register("agent-t");
        assertThat(api.get(agent.auth(), "/agent/v1/tasks?wait=0").status()).isEqualTo(200);
        jdbc.sql("UPDATE agents SET revoked_at = ? WHERE id = ?").params(Timestamp.from(clock.instant()), agent.id())
                .update();

        clock.advance(Duration.ofMinutes(6)); // past qm.agents.credential-cache (5 minutes)

        assertProblem(api.get(agent.auth(), "/agent/v1/tasks?wait=0"), 401, "InvalidCredential");
    }

    @Test
    void aReportThatChangesNothingWritesNothing() {
        Registered agent = register("agent-w");
        UUID stranger = UUID.randomUUID();
        List<Map<String, Object>> machines = List.of(Map.of("id", stranger, "name", "hand-made", "powerState", "On",
                "cpu", 2, "memoryMiB", 2048));
        assertThat(report(agent, machines, FACTS, 0).path("primary").asBoolean()).isTrue();
        Map<String, Object> first = written(agent);

        clock.advance(Duration.ofSeconds(5)); // less than a quarter of the lease (30 s) and of silent-after (60 s)
        JsonNode ack = report(agent, machines, null, 1);

        assertThat(ack.path("primary").asBoolean()).isTrue();
        assertThat(written(agent)).isEqualTo(first);

        // Once a quarter of the lease has passed, the report renews it (and notes the report and the agent).
        clock.advance(Duration.ofSeconds(5));
        report(agent, machines, null, 1);
        Map<String, Object> renewed = written(agent);
        assertThat(renewed.get("lease_until")).isNotEqualTo(first.get("lease_until"));
        assertThat(renewed.get("last_report_at")).isNotEqualTo(first.get("last_report_at"));
        assertThat(renewed.get("unmanaged_seen")).isEqualTo(first.get("unmanaged_seen")); // 10 s: still fresh
    }

    @Test
    void aHostWhoseReportsWroteNothingStillBecomesDisconnectedWhenItFallsSilent() {
        Registered agent = register("agent-s");
        report(agent, List.of(), FACTS, 0);
        // Frequent reports keep the host Connected, though most of them write nothing.
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofSeconds(5));
            report(agent, List.of(), null, 1);
            heartbeat.check();
            assertThat(connection()).isEqualTo("Connected");
        }

        // Silence: at most silent-after (60 s) after the last report, the host is Disconnected.
        clock.advance(Duration.ofSeconds(61));
        heartbeat.check();

        assertThat(connection()).isEqualTo("Disconnected");
        report(agent, List.of(), null, 1);
        assertThat(connection()).isEqualTo("Connected");
    }

    @Test
    void aBackupTakesOverAPrimaryWhoseLeaseWasLastWrittenEarlierThanItsLastReport() {
        Registered primary = register("agent-p");
        Registered backup = register("agent-b");
        assertThat(report(primary, List.of(), FACTS, 0).path("primary").asBoolean()).isTrue();
        assertThat(report(backup, List.of(), FACTS, 0).path("primary").asBoolean()).isFalse();
        clock.advance(Duration.ofSeconds(5));
        report(primary, List.of(), null, 1); // writes nothing: the lease still runs 25 s
        assertThat(report(backup, List.of(), FACTS, 0).path("primary").asBoolean()).isFalse();

        clock.advance(Duration.ofSeconds(26)); // 31 s after the lease was written, 26 s after the last report

        JsonNode takeover = report(backup, List.of(), FACTS, 0);
        assertThat(takeover.path("primary").asBoolean()).isTrue();
        assertThat(report(primary, List.of(), null, 1).path("primary").asBoolean()).isFalse();
    }

    @Test
    void aPrimaryWhosePollWaitsKeepsItsHostWithoutReportingAndLosesItOnceItStopsPolling() throws Exception {
        Registered primary = register("agent-q");
        Registered backup = register("agent-k");
        JsonNode ack = report(primary, List.of(), FACTS, 0);
        assertThat(ack.path("primary").asBoolean()).isTrue();
        assertThat(ack.path("reportWithinMillis").asLong()).as("qm.agents.quiet-reports").isEqualTo(15 * 60_000);
        JsonNode backupAck = report(backup, List.of(), FACTS, 0);
        assertThat(backupAck.path("primary").asBoolean()).isFalse();
        assertThat(backupAck.path("reportWithinMillis").isNull()).as("a backup reports every interval").isTrue();

        // The primary's long poll waits (a few real seconds) while the clock runs three leases (30 s) and more
        // than silent-after (60 s) without a report from it.
        CompletableFuture<Integer> poll = CompletableFuture.supplyAsync(
                () -> api.get(primary.auth(), "/agent/v1/tasks?wait=PT4S").status());
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!signals.waitingAgents().contains(primary.id()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(signals.waitingAgents()).contains(primary.id());
        Object seenAtFirst = written(primary).get("last_seen_at");
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(8)); // about a quarter of the lease, as the heartbeats' own cadence
            pollHeartbeats.beat(); // (its own loop may also run one now and then, in real time)
            heartbeat.check();
            assertThat(connection()).isEqualTo("Connected");
            assertThat(report(backup, List.of(), FACTS, 0).path("primary").asBoolean()).isFalse();
        }
        assertThat(written(primary).get("last_seen_at")).isNotEqualTo(seenAtFirst);

        // Its poll over and none after it: nothing renews the lease, and the backup takes the host over.
        assertThat(poll.get(10, TimeUnit.SECONDS)).isEqualTo(200);
        pollHeartbeats.beat();
        clock.advance(Duration.ofSeconds(31));
        assertThat(report(backup, List.of(), FACTS, 0).path("primary").asBoolean()).isTrue();
    }

    private record Registered(UUID id, Auth auth) {}

    private Registered register(String name) {
        var token = api.post(tenantAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(host)));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String unique = fixtures.unique(name);
        var registered = api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken",
                token.json().path("token").asString(), "agentName", unique, "version", "test"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return new Registered(UUID.fromString(registered.json().path("agentId").asString()),
                Auth.bearer(unique, registered.json().path("credential").asString()));
    }

    private JsonNode report(Registered agent, List<Map<String, Object>> machines, Map<String, Object> facts, long epoch) {
        Map<String, Object> body = new HashMap<>(Map.of("epoch", epoch, "machines", machines));
        if (facts != null) {
            body.put("facts", facts);
        }
        var response = api.post(agent.auth(), "/agent/v1/hosts/" + host + "/inventory", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Everything a report may write, as stored now. */
    private Map<String, Object> written(Registered agent) {
        return jdbc.sql("""
                SELECT a.last_seen_at, s.lease_until, s.last_report_at, s.connection,
                       (SELECT MAX(u.last_seen_at) FROM unmanaged_machines u WHERE u.host_id = s.host_id) AS unmanaged_seen
                FROM agents a, host_agent_status s WHERE a.id = ? AND s.host_id = ?""")
                .params(agent.id(), host).query().singleRow().entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toLowerCase(),
                        entry -> String.valueOf(entry.getValue())));
    }

    private String connection() {
        return api.get(tenantAdmin, "/api/v1/hosts/" + host + "/agent").json().path("connection").asString();
    }
}
