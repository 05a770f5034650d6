package io.quartermaster.server.notifications;

import static io.quartermaster.server.support.TestAgent.awaitUpTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.agents.AgentTaskService;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.TestAgent;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The lifecycle tells people by real e-mail: the group administrator that an approval waits, the
 * requester that it was decided, the owner that the machine is ready, that its lease ends soon, that it
 * expired and that it will be destroyed; a reminder the owner opted out of is not sent.
 */
class LifecycleMailTest extends NotificationTestBase {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration ENGINE = Duration.ofSeconds(30);

    @Autowired
    AgentTaskService agentTasks;

    @Test
    void everyoneHearsWhatConcernsThemAsTheMachineLives() throws Exception {
        String ownerAddress = address("owner");
        String adminAddress = address("admin");
        Auth owner = userAuth("owner", ownerAddress);
        Auth admin = userAuth("admin", adminAddress);
        TestAgent agent = new TestAgent(agentTasks);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        UUID group = fixtures.group(tenant, "mailed");
        fixtures.member(group, owner, "USER");
        fixtures.member(group, admin, "GROUP_ADMIN");
        UUID host = catalog.host(tenant, fixtures.unique("mail-host"), 8, 32768, 500);
        catalog.reservation(host, group, "mail", 4, 8192, 100, 10, 1);
        UUID template = catalog.template(tenant, fixtures.unique("Mailed"), 1024, List.of(group), Map.of(
                "leaseDays", 10, "tombstoneDays", 5, "namingPrefix", "mail", "approval", Map.of("mode", "ALWAYS")));

        var created = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "reason", "to read my mail"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID machine = UUID.fromString(created.json().path("machines").get(0).path("id").asString());
        eventually("the approval request reaches the group administrator", () -> messagesTo(adminAddress).size() == 1);
        assertThat(body(messagesTo(adminAddress).get(0))).contains("to read my mail");

        String approval = api.get(admin, "/api/v1/approvals").json().path("items").get(0).path("id").asString();
        assertThat(api.post(admin, "/api/v1/approvals/" + approval + "/approve", Map.of()).status()).isEqualTo(200);
        eventually("the decision reaches the requester", () -> messagesTo(ownerAddress).size() == 1);
        assertThat(messagesTo(ownerAddress).get(0).getSubject()).containsIgnoringCase("approved");

        agent.completeAll(machine);
        String name = api.get(owner, "/api/v1/machines/" + machine).json().path("name").asString();
        eventually("the ready notice", () -> messagesTo(ownerAddress).size() == 2);
        MimeMessage ready = messagesTo(ownerAddress).get(1);
        assertThat(ready.getSubject()).isEqualTo("Your machine " + name + " is ready");
        assertThat(body(ready)).contains(name + " on host mail-host", "/api/v1/machines/" + machine);

        clock.advance(DAY.multipliedBy(7).plusMinutes(1));
        eventually("the lease reminder", () -> messagesTo(ownerAddress).size() == 3);
        assertThat(body(messagesTo(ownerAddress).get(2))).contains("extend-lease");

        clock.advance(DAY.multipliedBy(3));
        awaitUpTo(ENGINE, "the power-off at lease end", () -> agent.history(machine).stream()
                .anyMatch(task -> task.step().equals("Stop-Machine") && task.open()));
        agent.completeAll(machine);
        eventually("the expiry notice", () -> messagesTo(ownerAddress).size() == 4);
        assertThat(messagesTo(ownerAddress).get(3).getSubject()).contains(name, "expired");

        clock.advance(DAY.multipliedBy(4).plusMinutes(1));
        eventually("the destruction warning", () -> messagesTo(ownerAddress).size() == 5);
        assertThat(body(messagesTo(ownerAddress).get(4))).contains(name);
    }

    @Test
    void anOwnerWhoOptedOutOfRemindersIsNotReminded() {
        String address = address("quiet-owner");
        Auth owner = userAuth("quiet-owner", address);
        assertThat(api.sendJson(owner, "PUT", "/api/v1/users/me/notification-preferences",
                Map.of("leaseReminders", false, "approvalRequests", true)).status()).isEqualTo(200);
        TestAgent agent = new TestAgent(agentTasks);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        UUID group = fixtures.group(tenant, "quiet");
        fixtures.member(group, owner, "USER");
        UUID host = catalog.host(tenant, fixtures.unique("quiet-host"), 8, 32768, 500);
        catalog.reservation(host, group, "quiet", 4, 8192, 100, 10, 1);
        UUID template = catalog.template(tenant, fixtures.unique("Quiet"), 1024, List.of(group), Map.of(
                "leaseDays", 10, "tombstoneDays", 5, "namingPrefix", "quiet"));
        var created = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        UUID machine = UUID.fromString(created.json().path("machines").get(0).path("id").asString());
        agent.completeAll(machine);
        UUID ownerId = fixtures.userId(owner);

        clock.advance(DAY.multipliedBy(7).plusMinutes(1));
        eventually("the reminder is recorded as skipped", () -> rowsOf(ownerId).stream()
                .anyMatch(row -> row.kind() == NoticeKind.LEASE_REMINDER));
        assertThat(rowsOf(ownerId)).extracting(Row::kind, Row::statusReason)
                .contains(org.assertj.core.groups.Tuple.tuple(NoticeKind.LEASE_REMINDER, "OptedOut"));
        eventually("only the ready notice arrives", () -> messagesTo(address).size() == 1);
    }

    private static String body(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }
}
