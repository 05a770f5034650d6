package io.quartermaster.api.capacity;

import java.time.Instant;
import java.util.UUID;

/**
 * Capacity held in a reservation: for whom ({@code holder}, {@code ownerId}), why ({@code reason}) and
 * how much. {@code computeHeld} is false once cpu and memory were given back (a powered-off machine);
 * {@code releasedAt} is set when everything, disk and machine slot included, went back.
 */
public record ClaimView(
        UUID id,
        UUID reservationId,
        UUID hostId,
        UUID groupId,
        UUID templateId,
        UUID ownerId,
        String holder,
        String reason,
        int cpu,
        long memoryMiB,
        long diskGiB,
        boolean computeHeld,
        Instant createdAt,
        Instant computeReleasedAt,
        Instant releasedAt) {}
