package io.quartermaster.server.notifications;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox, on every server node, in one background virtual thread. It wakes when a notice
 * is committed on this node (and sends it {@code qm.mail.gather} later, with whatever else was committed
 * meanwhile) and otherwise every {@code qm.mail.poll-interval} (for retries that fall due and rows written
 * on other nodes). A failed attempt is tried again after
 * an exponentially growing wait and given up (FAILED) after {@code qm.mail.max-attempts}, its last
 * error kept on the row. No database transaction is open while talking to the mail server.
 *
 * <p>On start there is nothing to recover explicitly: a row claimed by a node that stopped mid-send is
 * taken again once its claim lapses ({@link #CLAIM}); the mail server may then get it twice.
 */
@Component
class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /** Longer than any SMTP exchange can take with the timeouts in application.yml, so claims do not lapse mid-send. */
    static final Duration CLAIM = Duration.ofMinutes(5);
    static final int BATCH = 50;
    static final String ATTEMPTS_METRIC = "qm.notifications.attempts";
    private static final int MAX_BATCHES_PER_ROUND = 20;
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Outbox outbox;
    private final MailTransport transport;
    private final MailSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String node = "node-" + UUID.randomUUID();
    private final AtomicLong batches = new AtomicLong();
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile Thread loop;
    private Instant purgedAt = Instant.MIN;

    OutboxSender(Outbox outbox, MailTransport transport, MailSettings settings, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.transport = transport;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /** Asks for a round now instead of at the next poll (called after a notice commits). */
    void wake() {
        wakeUp.release();
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("Notifications are off (qm.mail.enabled=false): nothing will be mailed.");
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("qm-mail-sender").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = loop;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                sendDue();
                purgeOld();
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; nothing is lost, the rows wait for the next round.
                log.warn("Sending notifications failed; trying again in {}", settings.pollInterval(), e);
            }
            try {
                if (wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    // Notices committed meanwhile go in the same batch: a round costs two transactions
                    // (claim, then record the deliveries) however many messages it sends.
                    Thread.sleep(settings.gather().toMillis());
                }
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One round: claims and sends what is due, batch by batch (bounded, so a round always ends). */
    void sendDue() {
        for (int batch = 0; batch < MAX_BATCHES_PER_ROUND && running; batch++) {
            Instant now = clock.instant();
            String claimant = node + "/" + batches.incrementAndGet();
            List<Outbox.Claimed> claimed = outbox.claimDue(claimant, now.plus(CLAIM), now, BATCH);
            boolean allTried = deliver(claimed, claimant);
            if (claimed.size() < BATCH || !allTried) {
                return;
            }
        }
    }

    /**
     * Sends a claimed batch and records the deliveries in one statement at its end; a failed attempt is
     * recorded at once. Rows not tried before the node stops, or once the batch has run for half its claim
     * (a mail server answering slowly or not at all), are given back for the next round.
     *
     * @return false when some were given back (the round ends there)
     */
    private boolean deliver(List<Outbox.Claimed> batch, String claimant) {
        long deadline = System.nanoTime() + CLAIM.dividedBy(2).toNanos();
        List<UUID> sent = new ArrayList<>();
        List<UUID> untried = new ArrayList<>();
        for (Outbox.Claimed mail : batch) {
            if (!running || System.nanoTime() - deadline > 0) {
                untried.add(mail.id());
                continue;
            }
            try {
                transport.send(mail);
            } catch (RuntimeException e) {
                failed(mail, claimant, e);
                continue;
            }
            count("sent");
            sent.add(mail.id());
        }
        int recorded = outbox.sent(sent, claimant, clock.instant(), transport.name());
        if (recorded < sent.size()) {
            log.warn("{} of {} notifications were sent but their claim had lapsed; another node may send them again.",
                    sent.size() - recorded, sent.size());
        }
        outbox.release(untried, claimant);
        return untried.isEmpty();
    }

    private void failed(Outbox.Claimed mail, String claimant, RuntimeException e) {
        String error = describe(e);
        boolean hopeless = e instanceof MailPreparationException || e instanceof MailParseException;
        if (hopeless || mail.attempts() >= settings.maxAttempts()) {
            outbox.failed(mail.id(), claimant, error);
            count("failed");
            log.warn("Gave up on {} notification {} to {} after {} attempt(s): {}", mail.kind(), mail.id(),
                    mail.recipientEmail(), mail.attempts(), error);
        } else {
            Instant next = clock.instant().plus(settings.retryDelay(mail.attempts()));
            outbox.retryAt(mail.id(), claimant, error, next);
            count("retry");
            log.info("Could not send {} notification {} to {} (attempt {} of {}), trying again at {}: {}", mail.kind(),
                    mail.id(), mail.recipientEmail(), mail.attempts(), settings.maxAttempts(), next, error);
        }
    }

    /** {@code qm.notifications.attempts{outcome=sent|retry|failed}}: attempts on this node, by how they ended. */
    private void count(String outcome) {
        meters.counter(ATTEMPTS_METRIC, "outcome", outcome).increment();
    }

    private void purgeOld() {
        Instant now = clock.instant();
        if (purgedAt.isAfter(now.minus(PURGE_EVERY))) {
            return;
        }
        purgedAt = now;
        int deleted = outbox.purge(now.minus(settings.keepFor()));
        if (deleted > 0) {
            log.info("Deleted {} notification(s) older than {}", deleted, settings.keepFor());
        }
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() <= 2000 ? message : message.substring(0, 1999) + "…";
    }
}
