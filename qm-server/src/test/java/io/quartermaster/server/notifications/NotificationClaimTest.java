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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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
 * Several server nodes share one outbox and each message is sent once: a claim is one conditional
 * UPDATE that exactly one node wins, however many try at once; a lapsed claim (its node died) is taken
 * again; a node whose claim lapsed cannot record an outcome over the new owner's.
 */
class NotificationClaimTest extends NotificationTestBase {

    static final int CONTENDERS = 16;

    @Autowired
    Outbox outbox;

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry meters;

    @Test
    void ofManyNodesClaimingOneMessageAtOnceExactlyOneGetsIt() throws Exception {
        // Due only a day from now, so this node's own sender leaves the rows to the contenders.
        Instant later = clock.instant().plus(Duration.ofDays(1));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(pendingRow(later));
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(CONTENDERS)) {
            for (UUID id : ids) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<Outbox.Claimed>>> claims = new ArrayList<>();
                for (int node = 0; node < CONTENDERS; node++) {
                    String name = "node-" + node;
                    claims.add(threads.submit(() -> {
                        start.await();
                        return outbox.claim(id, name, later.plus(OutboxSender.CLAIM), later);
                    }));
                }
                start.countDown();
                int won = 0;
                for (var claim : claims) {
                    won += claim.get().isPresent() ? 1 : 0;
                }
                assertThat(won).as("claims won on %s", id).isOne();
            }
        } finally {
            ids.forEach(this::delete);
        }
    }

    @Test
    void aLapsedClaimIsTakenAgainAndItsFormerOwnerCannotRecordAnOutcome() {
        Instant later = clock.instant().plus(Duration.ofDays(1));
        UUID id = pendingRow(later);
        try {
            assertThat(outbox.claim(id, "crashed", later.plus(OutboxSender.CLAIM), later)).isPresent();
            Instant stillHeld = later.plus(OutboxSender.CLAIM).minusSeconds(1);
            assertThat(outbox.claim(id, "other", stillHeld.plus(OutboxSender.CLAIM), stillHeld)).isEmpty();

            Instant lapsed = later.plus(OutboxSender.CLAIM).plusSeconds(1);
            var retaken = outbox.claim(id, "other", lapsed.plus(OutboxSender.CLAIM), lapsed);

            assertThat(retaken).get().extracting(Outbox.Claimed::attempts).isEqualTo(2);
            assertThat(outbox.sent(id, "crashed", lapsed, "smtp")).isFalse();
            assertThat(outbox.sent(id, "other", lapsed, "smtp")).isTrue();
        } finally {
            delete(id);
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
