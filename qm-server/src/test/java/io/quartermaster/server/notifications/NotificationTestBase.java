package io.quartermaster.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one configuration of the notification tests: the real server with a real SMTP peer (GreenMail on a
 * free port), polling every 100 ms, three attempts a minute apart (then two). Every notification test
 * class extends this, so they share one application context. Retries fall due by moving the test clock.
 */
@QmServerTest
abstract class NotificationTestBase {

    static final int SMTP_PORT = freePort();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration WAIT = Duration.ofSeconds(15);

    @DynamicPropertySource
    static void mailSettings(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("qm.mail.poll-interval", () -> "100ms");
        registry.add("qm.mail.max-attempts", () -> 3);
        registry.add("qm.mail.retry-initial-delay", () -> FIRST_RETRY.toString());
        registry.add("qm.mail.server-url", () -> "https://qm.example/");
    }

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    NotificationService notifications;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    Api api;
    Fixtures fixtures;
    UUID tenant;
    TransactionTemplate transactions;

    @BeforeEach
    void setUpMailAndFixtures() throws Exception {
        if (!SMTP.isRunning()) {
            SMTP.start();
        }
        SMTP.purgeEmailFromAllMailboxes();
        api = new Api(port);
        fixtures = new Fixtures(api);
        tenant = fixtures.tenant("notified");
        transactions = new TransactionTemplate(transactionManager);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    /** A user of the test tenant with the given e-mail address (null: none); returns their id. */
    UUID user(String name, String email) {
        return fixtures.userId(userAuth(name, email));
    }

    Auth userAuth(String name, String email) {
        Map<String, Object> body = new HashMap<>(Map.of("tenantId", tenant, "username", fixtures.unique(name),
                "password", Fixtures.PASSWORD));
        if (email != null) {
            body.put("email", email);
        }
        var created = api.post(Fixtures.ADMIN, "/api/v1/users", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return Auth.basic(fixtures.unique(name), Fixtures.PASSWORD);
    }

    /** An address no other test uses, so what arrives for it belongs to this test. */
    String address(String name) {
        return fixtures.unique(name) + "@example.org";
    }

    void notifyCommitted(Notice notice) {
        transactions.executeWithoutResult(status -> notifications.notify(notice));
    }

    List<MimeMessage> messagesTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The outbox rows of a recipient, oldest first, as the admin listing would show them. */
    record Row(NoticeKind kind, NotificationStatus status, String statusReason, int attempts, String lastError,
            String sentVia) {}

    List<Row> rowsOf(UUID recipientId) {
        return jdbc.sql("""
                SELECT kind, status, status_reason, attempts, last_error, sent_via FROM notifications
                WHERE recipient_id = ? ORDER BY created_at, id""")
                .param(recipientId)
                .query((rs, n) -> new Row(NoticeKind.valueOf(rs.getString("kind")),
                        NotificationStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getString("sent_via")))
                .list();
    }

    Row onlyRowOf(UUID recipientId) {
        List<Row> rows = rowsOf(recipientId);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** Polls (the background sender runs on its own thread) until the condition holds. */
    void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what + "; the clock says " + clock.instant()
                        + ", the outbox holds " + jdbc.sql("""
                                SELECT kind, recipient_email, status, attempts, next_attempt_at, claimed_by, claimed_until
                                FROM notifications ORDER BY created_at""").query().listOfRows());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
