package io.quartermaster.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Without a mail server configured (the plain test configuration, as in dev mode) a notice is written
 * to the log, one line with its recipient and subject, and counts as sent: nothing fails, nothing waits.
 */
@QmServerTest
@ExtendWith(OutputCaptureExtension.class)
class NotificationWithoutMailServerTest {

    @LocalServerPort
    int port;

    @Autowired
    NotificationService notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMessageIsLoggedInsteadOfMailed(CapturedOutput output) throws Exception {
        Api api = new Api(port);
        Fixtures fixtures = new Fixtures(api);
        UUID tenant = fixtures.tenant("unmailed");
        String address = fixtures.unique("logged") + "@example.org";
        var created = api.post(Fixtures.ADMIN, "/api/v1/users", Map.of("tenantId", tenant,
                "username", fixtures.unique("logged"), "password", Fixtures.PASSWORD, "email", address));
        UUID user = UUID.fromString(created.json().path("id").asString());

        transactions.executeWithoutResult(status -> notifications.notify(Notice.machineReady(user, UUID.randomUUID(),
                "logged-01", "console", null)));

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"SENT".equals(status(user)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(status(user)).isEqualTo("SENT");
        assertThat(jdbc.sql("SELECT sent_via FROM notifications WHERE recipient_id = ?").param(user)
                .query(String.class).single()).isEqualTo("log");
        assertThat(output.getOut().lines().filter(line -> line.contains(address)))
                .singleElement().asString()
                .contains("INFO", "Mail not sent (no SMTP server configured)", "Your machine logged-01 is ready");
    }

    private String status(UUID user) {
        return jdbc.sql("SELECT status FROM notifications WHERE recipient_id = ?").param(user).query(String.class)
                .optional().orElse(null);
    }
}
