package io.quartermaster.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.server.support.Fixtures;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Notices reach people over real SMTP after their transaction commits, never when it rolls back, and
 * survive a mail server that is down: the caller is not failed, the message is retried with a growing
 * wait (moved through with the test clock) and delivered once the server is back, or given up.
 */
class NotificationDeliveryTest extends NotificationTestBase {

    @Test
    void aNoticeCommittedWithItsChangeArrivesBySmtpWithItsSubjectAndBody() throws Exception {
        String address = address("ready");
        UUID uma = user("uma", address);
        UUID machine = UUID.randomUUID();
        Instant leaseEnd = Instant.parse("2031-05-04T10:15:30Z");

        notifyCommitted(Notice.machineReady(uma, machine, "uma-dev-01", "ssh uma@10.0.0.7", leaseEnd));

        eventually("the message arrives", () -> messagesTo(address).size() == 1);
        MimeMessage message = messagesTo(address).get(0);
        assertThat(message.getSubject()).isEqualTo("Your machine uma-dev-01 is ready");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Quartermaster <quartermaster@localhost>");
        assertThat(message.getHeader(SmtpTransport.ID_HEADER)).hasSize(1);
        assertThat(message.getContent().toString())
                .contains("ssh uma@10.0.0.7", "2031-05-04 10:15 UTC",
                        "POST https://qm.example/api/v1/machines/" + machine + "/actions/extend-lease");
        eventually("the row is marked sent", () -> onlyRowOf(uma).status() == NotificationStatus.SENT);
        assertThat(onlyRowOf(uma)).extracting(Row::attempts, Row::sentVia, Row::lastError)
                .containsExactly(1, "smtp", null);
    }

    @Test
    void aNoticeOfARolledBackChangeIsNeverSent() {
        String rolledBackAddress = address("rolled-back");
        UUID rolledBack = user("rolled-back", rolledBackAddress);
        String committedAddress = address("committed");
        UUID committed = user("committed", committedAddress);

        transactions.executeWithoutResult(status -> {
            notifications.notify(Notice.leaseReminder(rolledBack, UUID.randomUUID(), "gone-01", Instant.now()));
            status.setRollbackOnly();
        });
        notifyCommitted(Notice.leaseReminder(committed, UUID.randomUUID(), "kept-01", Instant.now()));

        // Both would be due in the same round; once the committed one is here, the other would be too.
        eventually("the committed notice arrives", () -> messagesTo(committedAddress).size() == 1);
        assertThat(messagesTo(rolledBackAddress)).isEmpty();
        assertThat(rowsOf(rolledBack)).isEmpty();
    }

    @Test
    void withTheMailServerDownNotifySucceedsAndTheMessageArrivesWhenItIsBack() throws Exception {
        String address = address("patient");
        UUID patient = user("patient", address);
        SMTP.stop();

        notifyCommitted(Notice.machineExpired(patient, UUID.randomUUID(), "old-01", Instant.now(),
                Instant.now().plus(7, ChronoUnit.DAYS)));

        eventually("the first attempt fails", () -> onlyRowOf(patient).attempts() == 1
                && onlyRowOf(patient).lastError() != null);
        assertThat(onlyRowOf(patient).status()).isEqualTo(NotificationStatus.PENDING);

        SMTP.start();
        clock.advance(FIRST_RETRY.minusSeconds(5));
        Thread.sleep(300); // three polls: not yet due, so not sent
        assertThat(onlyRowOf(patient).attempts()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(10));
        eventually("the retry delivers it", () -> messagesTo(address).size() == 1);
        eventually("the row is marked sent", () -> onlyRowOf(patient).status() == NotificationStatus.SENT);
        Row row = onlyRowOf(patient);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.lastError()).as("the last error stays on the row").isNotBlank();
        assertThat(messagesTo(address).get(0).getSubject()).isEqualTo("Your machine old-01 expired and is powered off");
    }

    @Test
    void afterTheLastAttemptFailsTheMessageIsFailedWithItsError() {
        UUID unlucky = user("unlucky", address("unlucky"));
        SMTP.stop();
        try {
            notifyCommitted(Notice.destructionWarning(unlucky, UUID.randomUUID(), "doomed-01", Instant.now()));

            eventually("attempt 1 fails", () -> onlyRowOf(unlucky).attempts() == 1
                    && onlyRowOf(unlucky).lastError() != null);
            clock.advance(FIRST_RETRY.plusSeconds(1));
            eventually("attempt 2 fails", () -> onlyRowOf(unlucky).attempts() == 2
                    && onlyRowOf(unlucky).status() == NotificationStatus.PENDING && !claimed(unlucky));
            clock.advance(FIRST_RETRY.multipliedBy(2).plusSeconds(1)); // the wait doubles
            eventually("attempt 3 is the last", () -> onlyRowOf(unlucky).status() == NotificationStatus.FAILED);

            Row row = onlyRowOf(unlucky);
            assertThat(row.attempts()).isEqualTo(3);
            assertThat(row.lastError()).isNotBlank();
        } finally {
            SMTP.start();
        }
    }

    @Test
    void eachAdministratorOfTheGroupIsToldThatARequestWaits() {
        UUID group = fixtures.group(tenant, "approvers");
        String garyAddress = address("gary");
        String ginaAddress = address("gina");
        var gary = userAuth("gary", garyAddress);
        var gina = userAuth("gina", ginaAddress);
        var member = userAuth("member", address("member"));
        fixtures.member(group, gary, "GROUP_ADMIN");
        fixtures.member(group, gina, "GROUP_ADMIN");
        fixtures.member(group, member, "USER");
        UUID approval = UUID.randomUUID();

        int told = transactions.execute(status -> notifications.notifyGroupAdmins(group, admin ->
                Notice.approvalWaiting(admin, approval, "uma", "Build server 4 GB", 2, "approvers", "load tests")));

        assertThat(told).isEqualTo(2);
        eventually("both admins get it", () -> messagesTo(garyAddress).size() == 1
                && messagesTo(ginaAddress).size() == 1);
        assertThat(rowsOf(fixtures.userId(member))).isEmpty();
    }

    @Test
    void aGroupWithoutAdministratorsHasItsTenantAdministratorsTold() {
        UUID group = fixtures.group(tenant, "unattended");
        String tinaAddress = address("tina");
        var created = api.post(Fixtures.ADMIN, "/api/v1/users", Map.of("tenantId", tenant, "tenantAdmin", true,
                "username", fixtures.unique("tina"), "password", Fixtures.PASSWORD, "email", tinaAddress));
        assertThat(created.status()).isEqualTo(201);

        int told = transactions.execute(status -> notifications.notifyGroupAdmins(group,
                admin -> Notice.approvalWaiting(admin, UUID.randomUUID(), "uma", "Small", 1, null, null)));

        assertThat(told).isEqualTo(1);
        eventually("the tenant admin gets it", () -> messagesTo(tinaAddress).size() == 1);
    }

    private boolean claimed(UUID recipient) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE recipient_id = ? AND claimed_by IS NOT NULL")
                .param(recipient).query(Long.class).single() > 0;
    }
}
