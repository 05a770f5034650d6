package io.quartermaster.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A business group of a tenant: its members request machines from its templates and reservations. */
public record GroupView(
        UUID id,
        UUID tenantId,
        String name,
        String description,
        PlacementPolicy placementPolicy,
        int memberCount,
        Instant createdAt,
        long version) {}
