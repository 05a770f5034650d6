package io.quartermaster.server.machines;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static io.quartermaster.server.support.TestAgent.awaitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.machines.MachineActions;
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
import java.util.Arrays;
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
 * The actions an owner takes on an active machine and what bounds them: the group's policy (which
 * binds its users, not its administrators), the template's lease policy (an extension beyond it waits
 * for a group administrator), and the rebuild of a machine that keeps its name and its claim.
 */
@QmServerTest
class MachineActionsTest {

    private static final Duration DAY = Duration.ofDays(1);

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    AgentTaskService agentTasks;

    Api api;
    Fixtures fixtures;
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
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        agent = new TestAgent(agentTasks);
        UUID tenant = fixtures.tenant("actions");
        group = fixtures.group(tenant, "forensics");
        owner = fixtures.user(tenant, "owner", false);
        groupAdmin = fixtures.user(tenant, "admin", false);
        fixtures.member(group, owner, "USER");
        fixtures.member(group, groupAdmin, "GROUP_ADMIN");
        UUID host = catalog.host(tenant, fixtures.unique("actions-host"), 16, 65536, 1000);
        reservation = catalog.reservation(host, group, "actions", 4, 8192, 200, 5, 1);
        template = catalog.template(tenant, fixtures.unique("evidence"), 1024, List.of(group), Map.of(
                "leaseDays", 10, "tombstoneDays", 5, "namingPrefix", "ev",
                "approval", Map.of("mode", "WHEN_EXCEEDS", "maxLeaseDaysWithoutApproval", 20)));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void groupPolicyForbidsAnActionToItsUsersButNotToItsAdministrators() {
        var changed = api.patch(Fixtures.ADMIN, "/api/v1/groups/" + group, Map.of("forbiddenActions",
                List.of("reboot", "power-off")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("forbiddenActions").toString()).isEqualTo("[\"power-off\",\"reboot\"]");
        UUID machine = activeMachine();

        JsonNode seenByOwner = machine(owner, machine);
        assertThat(actions(seenByOwner)).doesNotContain("power-off", "reboot", "change-owner").contains("dispose");
        assertThat(actions(machine(groupAdmin, machine))).contains("power-off", "reboot", "change-owner");
        var refused = api.post(owner, "/api/v1/machines/" + machine + "/actions/power-off", Map.of());
        assertProblem(refused, 403, "ActionForbiddenByPolicy");
        assertThat(refused.json().path("detail").asString()).contains("forensics", "power-off");
        assertThat(machine(owner, machine).path("powerState").asString()).isEqualTo("On");

        assertThat(api.post(groupAdmin, "/api/v1/machines/" + machine + "/actions/power-off", Map.of()).status())
                .isEqualTo(200);
        assertThat(agent.completeAll(machine)).containsExactly("Stop-Machine");
        assertThat(machine(owner, machine).path("powerState").asString()).isEqualTo("Off");
    }

    @Test
    void aGroupCannotForbidAnActionThatDoesNotExist() {
        var refused = api.patch(Fixtures.ADMIN, "/api/v1/groups/" + group, Map.of("forbiddenActions",
                List.of("power-off", "shred")));
        assertProblem(refused, 400, "ValidationFailed");
        assertThat(refused.toString()).contains("shred");
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/groups/" + group).json().path("forbiddenActions").size()).isZero();
    }

    @Test
    void everyActionTheServerKnowsIsListedInTheApi() {
        assertThat(Arrays.stream(MachineAction.values()).map(MachineAction::key).toList())
                .containsExactlyElementsOf(MachineActions.ALL);
    }

    @Test
    void reprovisionRebuildsTheMachineUnderTheSameNameWithTheSameClaim() {
        UUID machine = activeMachine();
        JsonNode before = machine(owner, machine);
        long claimed = usage().path("claimedMachines").asLong();

        assertThat(api.post(owner, "/api/v1/machines/" + machine + "/actions/reprovision", Map.of()).status())
                .isEqualTo(200);
        assertThat(agent.completeAll(machine)).containsExactly("Destroy-Machine", "Create-Volume", "Create-Machine",
                "Customize-Machine", "Start-Machine", "Wait-Running");
        JsonNode after = machine(owner, machine);
        assertThat(after.path("state").asString()).isEqualTo("Active");
        assertThat(after.path("name").asString()).isEqualTo(before.path("name").asString());
        assertThat(after.path("hostId").asString()).isEqualTo(before.path("hostId").asString());
        assertThat(usage().path("claimedMachines").asLong()).isEqualTo(claimed);
        assertThat(api.get(owner, "/api/v1/machines/" + machine + "/history").json().toString())
                .contains("reprovision");
    }

    @Test
    void anExtensionWithinPolicyIsAppliedAndOneBeyondItWaitsForApproval() {
        UUID machine = activeMachine();
        Instant leaseEnd = leaseEnd(machine);

        // Within policy (lease left ≤ 20 days): applied at once.
        var extended = api.post(owner, "/api/v1/machines/" + machine + "/actions/extend-lease", Map.of("days", 5));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        awaitUpTo(Duration.ofSeconds(10), "the lease to move", () -> leaseEnd(machine).equals(leaseEnd.plus(DAY.multipliedBy(5))));

        // Beyond it: a lease-extension approval for the group administrator; the lease stays meanwhile.
        var asked = api.post(owner, "/api/v1/machines/" + machine + "/actions/extend-lease",
                Map.of("days", 30, "reason", "the case goes on"));
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        assertThat(leaseEnd(machine)).isEqualTo(leaseEnd.plus(DAY.multipliedBy(5)));
        assertProblem(api.post(owner, "/api/v1/machines/" + machine + "/actions/extend-lease", Map.of("days", 40)),
                409, "ExtensionPending");
        JsonNode queue = api.get(groupAdmin, "/api/v1/approvals").json();
        assertThat(queue.path("total").asInt()).isEqualTo(1);
        JsonNode approval = queue.path("items").get(0);
        assertThat(approval.path("kind").asString()).isEqualTo("LeaseExtension");
        var approved = api.post(groupAdmin, "/api/v1/approvals/" + approval.path("id").asString() + "/approve",
                Map.of("reason", "ok"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        awaitUpTo(Duration.ofSeconds(10), "the approved extension to apply",
                () -> leaseEnd(machine).equals(leaseEnd.plus(DAY.multipliedBy(35))));
        assertThat(machine(owner, machine).path("state").asString()).isEqualTo("Active");
    }

    @Test
    void anOwnerSetsTheirOwnReminder() {
        UUID machine = activeMachine();
        assertProblem(api.post(owner, "/api/v1/machines/" + machine + "/actions/set-reminder", Map.of()), 400,
                "ValidationFailed");
        assertThat(api.post(owner, "/api/v1/machines/" + machine + "/actions/set-reminder",
                Map.of("reminderDaysBefore", 1)).status()).isEqualTo(200);
        awaitUpTo(Duration.ofSeconds(10), "the reminder setting", () -> machine(owner, machine)
                .path("reminderDaysBefore").asInt() == 1);

        // The default reminder (3 days before) no longer comes; the owner's one (1 day before) does.
        clock.advance(DAY.multipliedBy(8));
        assertThat(history(machine)).doesNotContain("Lease reminder: ends");
        clock.advance(DAY.multipliedBy(1).plusMinutes(1));
        awaitUpTo(Duration.ofSeconds(30), "the owner's reminder", () -> history(machine).contains("Lease reminder: ends"));
    }

    private UUID activeMachine() {
        var response = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        UUID machine = UUID.fromString(response.json().path("machines").get(0).path("id").asString());
        agent.completeAll(machine);
        assertThat(machine(owner, machine).path("state").asString()).isEqualTo("Active");
        return machine;
    }

    private Instant leaseEnd(UUID machine) {
        return Instant.parse(machine(owner, machine).path("leaseExpiresAt").asString());
    }

    private String history(UUID machine) {
        return api.get(owner, "/api/v1/machines/" + machine + "/history").json().toString();
    }

    private static List<String> actions(JsonNode machine) {
        return machine.path("allowedActions").valueStream().map(JsonNode::asString).toList();
    }

    private JsonNode machine(Auth auth, UUID machine) {
        var response = api.get(auth, "/api/v1/machines/" + machine);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode usage() {
        return api.get(Fixtures.ADMIN, "/api/v1/reservations/" + reservation + "/usage").json();
    }
}
