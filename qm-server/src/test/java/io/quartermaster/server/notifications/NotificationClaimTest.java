package io.quartermaster.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.server.support.SecondNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Several server nodes share one outbox and each message is sent once: a batch is claimed with one
 * conditional UPDATE, and each message goes to exactly one node's batch however many claim at once; a
 * lapsed claim (its node died) is taken again; a node whose claim lapsed cannot record an outcome over the
 * new owner's; a message given back untried is claimed again without an attempt counted.
 */
class NotificationClaimTest extends NotificationTestBase {

    static final int CONTENDERS = 16;
    /** Claimants of these tests; rows other tests left pending that they claim are given back afterwards. */
    static final String CONTENDER = "contender-";
    /** A batch size larger than every pending row, so the test's rows are in the batch whatever else waits. */
    static final int ANY = 10_000;

    @Autowired
    Outbox outbox;

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    @Test
    void ofManyNodesClaimingAtOnceEachMessageGoesToExactlyOne() throws Exception {
        // Due only a day from now, so this node's own sender leaves the rows to the contenders.
        Instant later = clock.instant().plus(Duration.ofDays(1));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(pendingRow(later));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(CONTENDERS)) {
            for (int round = 0; round < 5; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Outbox.Claimed>>> claims = new ArrayList<>();
                for (int node = 0; node < CONTENDERS; node++) {
                    String claimant = CONTENDER + node + "/" + round;
                    claims.add(threads.submit(() -> {
                        start.await();
                        return outbox.claimDue(claimant, later.plus(OutboxSender.CLAIM), later, ANY);
                    }));
                }
                start.countDown();
                Map<UUID, Integer> claimedBy = new HashMap<>();
                for (var claim : claims) {
                    claim.get().stream().map(Outbox.Claimed::id).filter(ids::contains)
                            .forEach(id -> claimedBy.merge(id, 1, Integer::sum));
                }
                assertThat(claimedBy).as("how often each message was claimed in round %s", round)
                        .containsOnlyKeys(ids).allSatisfy((id, times) -> assertThat(times).isOne());
                releaseContenders();
            }
        } finally {
            ids.forEach(this::delete);
            releaseContenders();
        }
    }

    @Test
    void aLapsedClaimIsTakenAgainAndItsFormerOwnerCannotRecordAnOutcome() {
        Instant later = clock.instant().plus(Duration.ofDays(1));
        UUID id = pendingRow(later);
        try {
            assertThat(claimedIds(CONTENDER + "crashed", later)).contains(id);
            Instant stillHeld = later.plus(OutboxSender.CLAIM).minusSeconds(1);
            assertThat(claimedIds(CONTENDER + "other/1", stillHeld)).doesNotContain(id);

            Instant lapsed = later.plus(OutboxSender.CLAIM).plusSeconds(1);
            var retaken = outbox.claimDue(CONTENDER + "other/2", lapsed.plus(OutboxSender.CLAIM), lapsed, ANY).stream()
                    .filter(mail -> mail.id().equals(id)).findFirst();

            assertThat(retaken).get().extracting(Outbox.Claimed::attempts).isEqualTo(2);
            assertThat(outbox.sent(List.of(id), CONTENDER + "crashed", lapsed, "smtp")).isZero();
            assertThat(outbox.sent(List.of(id), CONTENDER + "other/2", lapsed, "smtp")).isOne();
            assertThat(rowStatus(id)).isEqualTo("SENT");
        } finally {
            delete(id);
            releaseContenders();
        }
    }

    @Test
    void aMessageGivenBackUntriedIsClaimedAgainWithoutAnAttemptCounted() {
        Instant later = clock.instant().plus(Duration.ofDays(1));
        UUID id = pendingRow(later);
        try {
            assertThat(claimedIds(CONTENDER + "stopping", later)).contains(id);
            assertThat(outbox.release(List.of(id), CONTENDER + "someone-else")).isZero();
            assertThat(outbox.release(List.of(id), CONTENDER + "stopping")).isOne();

            var again = outbox.claimDue(CONTENDER + "next", later.plus(OutboxSender.CLAIM), later, ANY).stream()
                    .filter(mail -> mail.id().equals(id)).findFirst();
            assertThat(again).get().extracting(Outbox.Claimed::attempts).isEqualTo(1);
        } finally {
            delete(id);
            releaseContenders();
        }
    }

    @Test
    void twoServerNodesDrainingOneOutboxSendEveryMessageExactlyOnce() {
        int count = 150;
        List<UUID> recipients = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String address = address("crowd" + i);
            recipients.add(user("crowd" + i, address));
            addresses.add(address);
        }
        try (var secondNode = SecondNode.start(environment, "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT, "--qm.mail.poll-interval=20ms")) {
            double sentHereBefore = sentBy(meters);
            // A minute back by this node's clock, so the rows are due at once by the other node's real clock too.
            clock.advance(Duration.ofMinutes(-1));
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < count; i++) {
                    notifications.notify(Notice.leaseReminder(recipients.get(i % 3), UUID.randomUUID(), "m-" + i,
                            Instant.now()));
                }
            });

            eventually("every message is sent", () -> recipients.stream().flatMap(r -> rowsOf(r).stream())
                    .allMatch(row -> row.status() == NotificationStatus.SENT));
            var received = Arrays.stream(SMTP.getReceivedMessages()).filter(message -> addresses.stream()
                    .anyMatch(address -> recipientIs(message, address))).toList();
            Set<String> ids = new HashSet<>();
            received.forEach(message -> ids.add(header(message)));
            assertThat(received).hasSize(count);
            assertThat(ids).hasSize(count);
            assertThat(recipients.stream().flatMap(r -> rowsOf(r).stream())).allMatch(row -> row.attempts() == 1);
            double here = sentBy(meters) - sentHereBefore;
            double there = sentBy(secondNode.getBean(MeterRegistry.class));
            assertThat(here + there).isEqualTo(count);
            assertThat(there).as("the other node took part (this node sent %s)", here).isPositive();
        }
    }

    private static double sentBy(MeterRegistry registry) {
        var counter = registry.find(OutboxSender.ATTEMPTS_METRIC).tag("outcome", "sent").counter();
        return counter == null ? 0 : counter.count();
    }

    private static boolean recipientIs(MimeMessage message, String address) {
        try {
            return message.getAllRecipients()[0].toString().equals(address);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage message) {
        try {
            return message.getHeader(SmtpTransport.ID_HEADER)[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<UUID> claimedIds(String claimant, Instant now) {
        return outbox.claimDue(claimant, now.plus(OutboxSender.CLAIM), now, ANY).stream().map(Outbox.Claimed::id).toList();
    }

    private String rowStatus(UUID id) {
        return jdbc.sql("SELECT status FROM notifications WHERE id = ?").param(id).query(String.class).single();
    }

    /** Gives back what the contenders claimed, as an untried batch is given back. */
    private void releaseContenders() {
        jdbc.sql("""
                UPDATE notifications SET claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1
                WHERE claimed_by LIKE ?""").param(CONTENDER + "%").update();
    }

    private UUID pendingRow(Instant dueAt) {
        UUID id = UUID.randomUUID();
        outbox.insert(id, NoticeKind.LEASE_REMINDER, UUID.randomUUID(), "race@example.org", "s", "b",
                NotificationStatus.PENDING, null, dueAt);
        return id;
    }

    private void delete(UUID id) {
        jdbc.sql("DELETE FROM notifications WHERE id = ?").param(id).update();
    }
}
