package io.quartermaster.api.capacity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A host: a hypervisor (or bare-metal pool) whose capacity is sliced into reservations. */
public record HostView(
        UUID id,
        UUID tenantId,
        String name,
        String hypervisorType,
        String site,
        List<String> tags,
        int totalCpu,
        long totalMemoryMiB,
        long totalDiskGiB,
        BigDecimal overcommitRatio,
        HostState state,
        String stateReason,
        HostCapacity capacity,
        Instant createdAt,
        long version) {}
