package io.quartermaster.server.machines;

import static io.quartermaster.server.support.TestAgent.awaitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestAgent;
import io.quartermaster.server.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * One machine's whole life through the API, as its owner and their group administrator see it:
 * request → approval → provisioning → active → reminder → expired → restored → expired → disposed,
 * with the lease and tombstone timers fired by moving the clock. State, claims and audit are checked at
 * every point.
 */
@QmServerTest
class MachineLifeTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration ENGINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    AgentTaskService agentTasks;

    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    TestAgent agent;
    Auth owner;
    Auth groupAdmin;
    UUID group;
    UUID reservation;
    UUID template;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        agent = new TestAgent(agentTasks);
        UUID tenant = fixtures.tenant("life");
        group = fixtures.group(tenant, "lab");
        owner = fixtures.user(tenant, "owner", false);
        groupAdmin = fixtures.user(tenant, "approver", false);
        fixtures.member(group, owner, "USER");
        fixtures.member(group, groupAdmin, "GROUP_ADMIN");
        UUID host = catalog.host(tenant, fixtures.unique("life-host"), 16, 65536, 1000);
        reservation = catalog.reservation(host, group, "life", 8, 16384, 500, 10, 1);
        template = catalog.template(tenant, fixtures.unique("life-template"), 2048, List.of(group), Map.of(
                "leaseDays", 10, "tombstoneDays", 5, "namingPrefix", "life",
                "approval", Map.of("mode", "ALWAYS")));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aMachineLivesItsWholeLife() {
        // Requested: it needs approval; capacity is held meanwhile.
        var created = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "reason", "integration tests"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID machine = UUID.fromString(created.json().path("machines").get(0).path("id").asString());
        assertThat(machineOf(owner, machine).path("state").asString()).isEqualTo("PendingApproval");
        assertThat(usage().path("claimed").path("memoryMiB").asLong()).isEqualTo(2048);

        // The owner sees it waiting; the group administrator approves it from their queue.
        assertThat(api.get(owner, "/api/v1/approvals").json().path("total").asLong()).isEqualTo(1);
        JsonNode queue = api.get(groupAdmin, "/api/v1/approvals").json();
        assertThat(queue.path("total").asLong()).isEqualTo(1);
        String approval = queue.path("items").get(0).path("id").asString();
        var approved = api.post(groupAdmin, "/api/v1/approvals/" + approval + "/approve", Map.of("reason", "fine"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(machineOf(owner, machine).path("state").asString()).isEqualTo("Provisioning");

        // Provisioning: the host's agent runs the build steps in order.
        assertThat(agent.completeAll(machine)).containsExactly("Create-Volume", "Create-Machine", "Customize-Machine",
                "Start-Machine", "Wait-Running");
        JsonNode active = machineOf(owner, machine);
        assertThat(active.path("state").asString()).isEqualTo("Active");
        assertThat(active.path("powerState").asString()).isEqualTo("On");
        assertThat(active.path("name").asString()).startsWith("life");
        Instant leaseEnd = Instant.parse(active.path("leaseExpiresAt").asString());
        assertThat(leaseEnd).isEqualTo(Instant.parse(active.path("provisionedAt").asString()).plus(DAY.multipliedBy(10)));
        assertThat(usage().path("claimed").path("cpu").asLong()).isEqualTo(1);

        // Reminder three days before the lease ends.
        clock.advance(DAY.multipliedBy(7).plusMinutes(1));
        awaitUpTo(ENGINE, "the lease reminder", () -> timeline(machine).contains("Lease reminder"));
        assertThat(machineOf(owner, machine).path("state").asString()).isEqualTo("Active");

        // Lease end: powered off, compute returned, tombstoned.
        clock.advance(DAY.multipliedBy(3));
        awaitUpTo(ENGINE, "the power-off at lease end", () -> !agent.history(machine).stream()
                .filter(task -> task.step().equals("Stop-Machine") && task.open()).toList().isEmpty());
        assertThat(agent.completeAll(machine)).containsExactly("Stop-Machine");
        JsonNode expired = machineOf(owner, machine);
        assertThat(expired.path("state").asString()).isEqualTo("Expired");
        assertThat(expired.path("powerState").asString()).isEqualTo("Off");
        assertThat(usage().path("claimed").path("cpu").asLong()).isZero();
        assertThat(usage().path("claimed").path("memoryMiB").asLong()).isZero();
        assertThat(usage().path("claimed").path("diskGiB").asLong()).isEqualTo(10);
        assertThat(expired.path("allowedActions").toString()).contains("restore");

        // Restored by its owner during the tombstone: compute claimed again, a new lease.
        var restored = api.post(owner, "/api/v1/machines/" + machine + "/actions/restore", Map.of());
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(usage().path("claimed").path("cpu").asLong()).isEqualTo(1);
        assertThat(agent.completeAll(machine)).containsExactly("Start-Machine", "Wait-Running");
        JsonNode again = machineOf(owner, machine);
        assertThat(again.path("state").asString()).isEqualTo("Active");
        assertThat(Duration.between(clock.instant(), Instant.parse(again.path("leaseExpiresAt").asString())))
                .isCloseTo(DAY.multipliedBy(10), Duration.ofMillis(5)); // stored to the microsecond

        // Expires again; this time nobody restores it and the tombstone ends: disposed, everything returned.
        clock.advance(DAY.multipliedBy(10).plusMinutes(1));
        awaitUpTo(ENGINE, "the second lease end", () -> agent.history(machine).stream()
                .filter(task -> task.step().equals("Stop-Machine")).count() == 2);
        agent.completeAll(machine);
        assertThat(machineOf(owner, machine).path("state").asString()).isEqualTo("Expired");
        clock.advance(DAY.multipliedBy(5).plusMinutes(1));
        awaitUpTo(ENGINE, "the disposal at tombstone end", () -> agent.history(machine).stream()
                .anyMatch(task -> task.step().equals("Destroy-Machine")));
        assertThat(agent.completeAll(machine)).containsExactly("Destroy-Machine");
        JsonNode disposed = machineOf(owner, machine);
        assertThat(disposed.path("state").asString()).isEqualTo("Disposed");
        assertThat(usage().path("claimed").path("diskGiB").asLong()).isZero();
        assertThat(usage().path("claimedMachines").asLong()).isZero();

        // The timeline and the audit trail tell the same story.
        assertThat(transitions(machine)).containsExactly("Requested->PendingApproval", "PendingApproval->Provisioning",
                "Provisioning->Active", "Active->Expired", "Expired->Active", "Active->Expired", "Expired->Disposing",
                "Disposing->Disposed");
        JsonNode audit = api.get(Fixtures.ADMIN, "/api/v1/audit?targetId=" + machine + "&size=100").json();
        assertThat(audit.path("items").findValuesAsString("action")).contains("machine.transition", "machine.restore");
        assertThat(audit.path("items").findValuesAsString("action").stream()
                .filter("machine.transition"::equals).count()).isEqualTo(8);
    }

    @Test
    void aRestoredGuestThatNeverComesUpIsTurnedOffAgainAndStaysExpired() {
        var created = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        UUID machine = UUID.fromString(created.json().path("machines").get(0).path("id").asString());
        String approval = api.get(groupAdmin, "/api/v1/approvals").json().path("items").get(0).path("id").asString();
        api.post(groupAdmin, "/api/v1/approvals/" + approval + "/approve", Map.of());
        agent.completeAll(machine);
        clock.advance(DAY.multipliedBy(10).plusMinutes(1));
        awaitUpTo(ENGINE, "the power-off at lease end", () -> agent.history(machine).stream()
                .anyMatch(task -> task.step().equals("Stop-Machine")));
        agent.completeAll(machine);
        assertThat(machineOf(owner, machine).path("state").asString()).isEqualTo("Expired");

        assertThat(api.post(owner, "/api/v1/machines/" + machine + "/actions/restore", Map.of()).status()).isEqualTo(200);
        assertThat(machineOf(owner, machine).path("state").asString()).as("not Active before the guest is up")
                .isEqualTo("Expired");
        assertThat(agent.completeUntilFailing(machine, "Wait-Running", "GuestNotReady")).containsExactly("Start-Machine");
        assertThat(agent.completeAll(machine)).as("the guest that did not come up is turned off")
                .containsExactly("Stop-Machine");

        JsonNode still = machineOf(owner, machine);
        assertThat(still.path("state").asString()).isEqualTo("Expired");
        assertThat(still.path("powerState").asString()).isEqualTo("Off");
        assertThat(still.path("lastFailure").path("step").asString()).isEqualTo("Wait-Running");
        assertThat(still.path("lastFailure").path("reason").asString()).isEqualTo("GuestNotReady");
        assertThat(still.path("allowedActions").toString()).contains("restore");
        assertThat(usage().path("claimed").path("cpu").asLong()).isZero();
        assertThat(transitions(machine)).endsWith("Active->Expired");
    }

    private JsonNode machineOf(Auth auth, UUID machine) {
        var response = api.get(auth, "/api/v1/machines/" + machine);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode usage() {
        return api.get(Fixtures.ADMIN, "/api/v1/reservations/" + reservation + "/usage").json();
    }

    private String timeline(UUID machine) {
        return api.get(owner, "/api/v1/machines/" + machine + "/history?size=500").body();
    }

    private List<String> transitions(UUID machine) {
        JsonNode items = api.get(owner, "/api/v1/machines/" + machine + "/history?size=500").json().path("items");
        List<String> result = new java.util.ArrayList<>();
        for (JsonNode event : items) {
            if (event.path("kind").asString().equals("Transition")) {
                result.add(event.path("fromState").asString() + "->" + event.path("toState").asString());
            }
        }
        return result;
    }
}
