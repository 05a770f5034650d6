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
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The clock passes a machine's lease reminder and its lease end at once (a server that was down, a storm
 * of leases that all end together): one expiry, no reminder after the fact, and no job of the machine's
 * workflow that failed or was retried, because only one of its timers is ever armed at a time. The same
 * for the destruction warning and the tombstone's end.
 */
@QmServerTest
class LeaseEndWithLateReminderTest {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration ENGINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    AgentTaskService agentTasks;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    @Autowired
    HistoryService history;

    Api api;
    TestAgent agent;
    Auth owner;
    UUID group;
    UUID template;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        Fixtures fixtures = new Fixtures(api);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        agent = new TestAgent(agentTasks);
        UUID tenant = fixtures.tenant("late-reminder");
        group = fixtures.group(tenant, "lab");
        owner = fixtures.user(tenant, "owner", false);
        fixtures.member(group, owner, "USER");
        UUID host = catalog.host(tenant, fixtures.unique("late-host"), 16, 65536, 1000);
        catalog.reservation(host, group, "late", 8, 16384, 500, 10, 1);
        template = catalog.template(tenant, fixtures.unique("late-template"), 2048, List.of(group), Map.of(
                "leaseDays", 10, "tombstoneDays", 5, "namingPrefix", "late"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aLeaseThatEndedBeforeItsReminderFiredExpiresOnceWithoutAReminder() {
        UUID machine = activeMachine();

        assertThat(passReminderAndLeaseEndAtOnce(machine)).containsExactly("Stop-Machine");

        JsonNode expired = machineOf(machine);
        assertThat(expired.path("state").asString()).isEqualTo("Expired");
        assertThat(expired.path("powerState").asString()).isEqualTo("Off");
        assertThat(Instant.parse(expired.path("tombstoneEndsAt").asString()))
                .isEqualTo(Instant.parse(expired.path("expiredAt").asString()).plus(DAY.multipliedBy(5)));
        assertThat(timeline(machine)).doesNotContain("Lease reminder", "Reminder due");
        assertThat(transitions(machine)).containsExactly("Requested->Provisioning", "Provisioning->Active",
                "Active->Expired");

        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(machine.toString())
                .processDefinitionKey("machine-lifecycle").singleResult().getId();
        assertThat(management.createDeadLetterJobQuery().processInstanceId(instance).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(instance).withException().count()).isZero();
        assertThat(management.createTimerJobQuery().processInstanceId(instance).withException().count()).isZero();
        // Waiting for the destruction warning now, its timer alone in the database (the tombstone's end
        // is armed after it).
        assertThat(management.createTimerJobQuery().processInstanceId(instance).list())
                .extracting(job -> job.getElementId()).containsExactly("warningDue");
    }

    @Test
    void aTombstoneThatEndedBeforeItsWarningFiredIsDisposedOfWithoutAWarning() {
        UUID machine = activeMachine();
        passReminderAndLeaseEndAtOnce(machine);
        assertThat(machineOf(machine).path("state").asString()).isEqualTo("Expired");

        // The warning (half-way) and the tombstone's end (day 5) both in the past in one move of the clock.
        clock.advance(DAY.multipliedBy(5).plusMinutes(1));
        awaitUpTo(ENGINE, "the destruction", () -> agent.history(machine).stream()
                .anyMatch(task -> task.step().equals("Destroy-Machine")));
        agent.completeAll(machine);

        awaitUpTo(ENGINE, "the machine disposed of", () -> machineOf(machine).path("state").asString().equals("Disposed"));
        assertThat(timeline(machine)).doesNotContain("Destruction warning");
        assertThat(transitions(machine)).endsWith("Active->Expired", "Expired->Disposing", "Disposing->Disposed");
        // No job of the machine's workflow failed or was retried on the way (it has ended: none is left).
        String instance = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(machine.toString())
                .processDefinitionKey("machine-lifecycle").singleResult().getId();
        assertThat(management.createDeadLetterJobQuery().processInstanceId(instance).count()).isZero();
        assertThat(management.createJobQuery().processInstanceId(instance).count()).isZero();
        assertThat(management.createTimerJobQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void aReminderDueBeforeTheLeaseEndIsStillSent() {
        UUID machine = activeMachine();

        clock.advance(DAY.multipliedBy(8));
        awaitUpTo(ENGINE, "the lease reminder", () -> timeline(machine).contains("Lease reminder"));
        assertThat(machineOf(machine).path("state").asString()).isEqualTo("Active");
        assertThat(agent.history(machine)).noneMatch(task -> task.step().equals("Stop-Machine"));

        // The lease end's own timer, armed after the reminder, still ends the lease.
        clock.advance(DAY.multipliedBy(2).plusMinutes(1));
        awaitUpTo(ENGINE, "the power-off at lease end", () -> agent.history(machine).stream()
                .anyMatch(task -> task.step().equals("Stop-Machine")));
        assertThat(agent.completeAll(machine)).containsExactly("Stop-Machine");
        assertThat(machineOf(machine).path("state").asString()).isEqualTo("Expired");
    }

    /**
     * Moves the clock past the reminder (day 7) and the lease end (day 10) at once, waits for the power-off
     * at lease end and answers it; returns the steps answered.
     */
    private List<String> passReminderAndLeaseEndAtOnce(UUID machine) {
        clock.advance(DAY.multipliedBy(10).plusMinutes(1));
        awaitUpTo(ENGINE, "the power-off at lease end", () -> agent.history(machine).stream()
                .anyMatch(task -> task.step().equals("Stop-Machine")));
        return agent.completeAll(machine);
    }

    private UUID activeMachine() {
        var created = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "reason", "integration tests"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID machine = UUID.fromString(created.json().path("machines").get(0).path("id").asString());
        agent.completeAll(machine);
        assertThat(machineOf(machine).path("state").asString()).isEqualTo("Active");
        return machine;
    }

    private JsonNode machineOf(UUID machine) {
        var response = api.get(owner, "/api/v1/machines/" + machine);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
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
