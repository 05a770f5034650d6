package io.quartermaster.api.notifications;

import jakarta.validation.constraints.NotNull;

/**
 * Sets every preference at once (both are required). {@code version}, when given, must be the one read,
 * so a change made meanwhile elsewhere is refused instead of overwritten.
 */
public record UpdateNotificationPreferences(
        @NotNull Boolean leaseReminders,
        @NotNull Boolean approvalRequests,
        Long version) {}
