package io.quartermaster.api.capacity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A slice of one host for one group. Lower {@code priority} numbers are tried first by placement.
 * {@code overcommitRatio} lets claims on cpu and memory exceed the slice by that factor.
 */
public record ReservationView(
        UUID id,
        UUID tenantId,
        UUID hostId,
        String hostName,
        UUID groupId,
        String name,
        int cpu,
        long memoryMiB,
        long diskGiB,
        int maxMachines,
        int priority,
        BigDecimal overcommitRatio,
        boolean preemptible,
        int warningPercent,
        int criticalPercent,
        ReservationUsage usage,
        Instant createdAt,
        long version) {}
