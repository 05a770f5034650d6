package io.quartermaster.server.notifications;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code qm.mail.*}: how notifications are mailed. The SMTP server itself is Spring's
 * {@code spring.mail.*}; without {@code spring.mail.host} messages are written to the log instead.
 *
 * @param enabled           false: notices are still recorded, as SKIPPED, and nothing is sent
 * @param from              the sender address of every message
 * @param serverUrl         this server's address as readers reach it, for the links in messages
 * @param pollInterval      how often each node looks for messages to retry or left by other nodes
 *                          (a notice committed on this node is sent {@code gather} after it committed)
 * @param gather            how long a node waits, once a notice committed on it, before sending, so that
 *                          notices committed together are claimed and recorded as one batch
 * @param maxAttempts       attempts before a message is marked FAILED
 * @param retryInitialDelay wait after the first failed attempt; it doubles with each further one
 * @param retryMaxDelay     the longest wait between attempts
 * @param keepFor           how long sent, skipped and failed messages stay listed before they are deleted
 */
@Validated
@ConfigurationProperties("qm.mail")
record MailSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("Quartermaster <quartermaster@localhost>") @NotBlank String from,
        @DefaultValue("http://localhost:8080") @NotBlank String serverUrl,
        @DefaultValue("5s") @NotNull Duration pollInterval,
        @DefaultValue("500ms") @NotNull Duration gather,
        @DefaultValue("8") @Min(1) int maxAttempts,
        @DefaultValue("30s") @NotNull Duration retryInitialDelay,
        @DefaultValue("1h") @NotNull Duration retryMaxDelay,
        @DefaultValue("30d") @NotNull Duration keepFor) {

    /** The wait before the next attempt after {@code attemptsMade} failed ones: 1, 2, 4… times the first wait. */
    Duration retryDelay(int attemptsMade) {
        int doublings = Math.min(Math.max(attemptsMade - 1, 0), 30);
        Duration delay = retryInitialDelay.multipliedBy(1L << doublings);
        return delay.compareTo(retryMaxDelay) > 0 ? retryMaxDelay : delay;
    }

    /** The server address without a trailing slash, so templates can append paths. */
    String baseUrl() {
        return serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    }
}
