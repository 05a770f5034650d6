package io.quartermaster.server.machines;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static io.quartermaster.server.support.TestAgent.awaitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.agents.AgentTask;
import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestAgent;
import io.quartermaster.server.support.TestClock;
import java.time.Duration;
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
 * What can go wrong, and people's actions: a failed build is undone newest step first and leaves
 * nothing behind; a request is refused whole when any part of it cannot be had; power actions give
 * compute back and take it again, or say why not.
 */
@QmServerTest
class MachineFailuresAndActionsTest {

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
    UUID tenant;
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
        tenant = fixtures.tenant("acts");
        group = fixtures.group(tenant, "lab");
        owner = fixtures.user(tenant, "owner", false);
        groupAdmin = fixtures.user(tenant, "approver", false);
        fixtures.member(group, owner, "USER");
        fixtures.member(group, groupAdmin, "GROUP_ADMIN");
        UUID host = catalog.host(tenant, fixtures.unique("acts-host"), 16, 65536, 1000);
        reservation = catalog.reservation(host, group, "acts", 2, 4096, 100, 3, 1);
        template = catalog.template(tenant, fixtures.unique("small"), 1024, List.of(group), Map.of(
                "maxMachinesPerUser", 2, "namingPrefix", "acts",
                "customProperties", List.of(Map.of("name", "Owner.Email", "value", "x@example.com", "userEditable", true),
                        Map.of("name", "BuildType", "value", "standard", "userEditable", false))));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aFailedBuildUndoesItsCompletedStepsNewestFirstAndCanBeRetried() {
        UUID machine = order(owner);
        List<String> done = agent.completeUntilFailing(machine, "Start-Machine", "HypervisorError");
        assertThat(done).containsExactly("Create-Volume", "Create-Machine", "Customize-Machine");

        // Undo runs on the host in reverse order: the machine, then its storage.
        assertThat(agent.completeAll(machine)).containsExactly("Destroy-Machine", "Delete-Volume");
        JsonNode failed = machine(owner, machine);
        assertThat(failed.path("state").asString()).isEqualTo("Failed");
        assertThat(failed.path("lastFailure").path("reason").asString()).isEqualTo("HypervisorError");
        assertThat(failed.path("lastFailure").path("step").asString()).isEqualTo("Start-Machine");
        assertThat(failed.path("name").isNull()).isTrue();
        assertThat(usage().path("claimedMachines").asInt()).isZero();
        assertThat(usage().path("claimed").path("cpu").asInt()).isZero();
        assertThat(agent.history(machine)).filteredOn(AgentTask::undo).extracting(AgentTask::step)
                .containsExactly("Destroy-Machine", "Delete-Volume");

        var retried = api.post(owner, "/api/v1/machines/" + machine + "/actions/retry", Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(usage().path("claimedMachines").asInt()).isEqualTo(1);
        agent.completeAll(machine);
        assertThat(machine(owner, machine).path("state").asString()).isEqualTo("Active");
    }

    @Test
    void aRequestIsCheckedWholeBeforeAnythingIsOrdered() {
        assertProblem(api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "properties", Map.of("BuildType", "fast"))), 400, "PropertyNotEditable");
        assertProblem(api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "properties", Map.of("Colour", "blue"))), 400, "UnknownProperty");
        assertProblem(api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "count", 3)), 409, "QuotaExceeded");
        // Two fit by the per-person limit but the reservation has cpu for two only: a third person's one does not.
        order(owner);
        order(owner);
        Auth other = fixtures.user(tenant, "other", false);
        fixtures.member(group, other, "USER");
        var noRoom = api.post(other, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertProblem(noRoom, 409, "CapacityUnavailable");
        assertThat(api.get(other, "/api/v1/requests").json().path("total").asInt()).isZero();
        assertThat(usage().path("claimedMachines").asInt()).isEqualTo(2);

        UUID otherGroup = fixtures.group(tenant, "elsewhere");
        fixtures.member(otherGroup, owner, "USER");
        assertProblem(api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", otherGroup)),
                403, "NotEntitled");
    }

    @Test
    void powerOffGivesComputeBackAndPowerOnTakesItAgainOrSaysWhyNot() {
        UUID machine = order(owner);
        agent.completeAll(machine);
        assertProblem(api.post(owner, "/api/v1/machines/" + machine + "/actions/power-on", Map.of()), 409,
                "ActionNotAllowed");

        assertThat(api.post(owner, "/api/v1/machines/" + machine + "/actions/power-off", Map.of()).status()).isEqualTo(200);
        assertProblem(api.post(owner, "/api/v1/machines/" + machine + "/actions/reboot", Map.of()), 409,
                "ActionNotAllowed");
        assertThat(agent.completeAll(machine)).containsExactly("Stop-Machine");
        assertThat(machine(owner, machine).path("powerState").asString()).isEqualTo("Off");
        assertThat(usage().path("claimed").path("cpu").asInt()).isZero();
        assertThat(usage().path("claimed").path("diskGiB").asInt()).isEqualTo(10);

        // Meanwhile someone else takes the room: powering on is refused and nothing changes.
        UUID second = order(groupAdmin);
        UUID third = order(groupAdmin);
        assertProblem(api.post(owner, "/api/v1/machines/" + machine + "/actions/power-on", Map.of()), 409,
                "CapacityUnavailable");
        assertThat(machine(owner, machine).path("powerState").asString()).isEqualTo("Off");
        assertThat(machine(owner, machine).path("allowedActions").toString()).contains("power-on");

        agent.completeAll(second);
        agent.completeAll(third);
        assertThat(api.post(groupAdmin, "/api/v1/machines/" + third + "/actions/dispose", Map.of()).status())
                .isEqualTo(200);
        assertThat(agent.completeAll(third)).containsExactly("Destroy-Machine");
        assertThat(api.post(owner, "/api/v1/machines/" + machine + "/actions/power-on", Map.of()).status()).isEqualTo(200);
        assertThat(agent.completeAll(machine)).containsExactly("Start-Machine", "Wait-Running");
        assertThat(machine(owner, machine).path("powerState").asString()).isEqualTo("On");
    }

    @Test
    void aGuestThatDoesNotComeUpAfterPowerOnIsTurnedOffAgainAndGivesItsComputeBack() {
        UUID machine = order(owner);
        agent.completeAll(machine);
        api.post(owner, "/api/v1/machines/" + machine + "/actions/power-off", Map.of());
        agent.completeAll(machine);

        assertThat(api.post(owner, "/api/v1/machines/" + machine + "/actions/power-on", Map.of()).status()).isEqualTo(200);
        assertThat(machine(owner, machine).path("powerState").asString()).as("not On before the guest is up")
                .isEqualTo("Off");
        assertThat(agent.completeUntilFailing(machine, "Wait-Running", "GuestNotReady")).containsExactly("Start-Machine");
        assertThat(agent.completeAll(machine)).containsExactly("Stop-Machine");

        JsonNode off = machine(owner, machine);
        assertThat(off.path("state").asString()).isEqualTo("Active");
        assertThat(off.path("powerState").asString()).isEqualTo("Off");
        assertThat(off.path("lastFailure").path("step").asString()).isEqualTo("Wait-Running");
        assertThat(off.path("lastFailure").path("reason").asString()).isEqualTo("GuestNotReady");
        assertThat(off.path("allowedActions").toString()).contains("power-on");
        assertThat(usage().path("claimed").path("cpu").asInt()).isZero();
    }

    @Test
    void aRejectedRequestEndsItsMachinesAndReleasesTheirClaims() {
        UUID approvalTemplate = catalog.template(tenant, fixtures.unique("gated"), 1024, List.of(group),
                Map.of("approval", Map.of("mode", "ALWAYS")));
        var request = api.post(owner, "/api/v1/requests", Map.of("templateId", approvalTemplate, "groupId", group));
        UUID machine = UUID.fromString(request.json().path("machines").get(0).path("id").asString());
        String approval = api.get(groupAdmin, "/api/v1/approvals").json().path("items").get(0).path("id").asString();
        assertThat(usage().path("claimedMachines").asInt()).isEqualTo(1);

        assertProblem(api.post(owner, "/api/v1/approvals/" + approval + "/approve", Map.of()), 403, "Forbidden");
        var rejected = api.post(groupAdmin, "/api/v1/approvals/" + approval + "/reject", Map.of("reason", "not now"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(machine(owner, machine).path("state").asString()).isEqualTo("Rejected");
        assertThat(usage().path("claimedMachines").asInt()).isZero();
        assertThat(api.get(owner, "/api/v1/requests/" + request.json().path("id").asString()).json()
                .path("decisionReason").asString()).isEqualTo("not now");
    }

    @Test
    void anApprovalNobodyDecidesExpiresAndTheRequestIsRejected() {
        UUID approvalTemplate = catalog.template(tenant, fixtures.unique("slow"), 1024, List.of(group),
                Map.of("approval", Map.of("mode", "ALWAYS")));
        var request = api.post(owner, "/api/v1/requests", Map.of("templateId", approvalTemplate, "groupId", group));
        UUID machine = UUID.fromString(request.json().path("machines").get(0).path("id").asString());

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        awaitUpTo(Duration.ofSeconds(30), "the approval to expire",
                () -> machine(owner, machine).path("state").asString().equals("Rejected"));
        assertThat(api.get(owner, "/api/v1/approvals?state=Expired").json().path("total").asInt()).isEqualTo(1);
        assertThat(usage().path("claimedMachines").asInt()).isZero();
    }

    private UUID order(Auth who) {
        var response = api.post(who, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("machines").get(0).path("id").asString());
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
