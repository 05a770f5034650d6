package io.quartermaster.api.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One e-mail notification as the outbox holds it. {@code statusReason} says why it was skipped;
 * {@code lastError} is the last delivery failure (kept after a later success); {@code sentVia} is
 * {@code smtp} or {@code log} (no mail server configured).
 */
public record NotificationView(
        UUID id,
        String kind,
        UUID recipientId,
        String recipientEmail,
        String subject,
        NotificationStatus status,
        String statusReason,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant sentAt,
        String sentVia) {}
