package io.quartermaster.api.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A business group of a tenant: its members request machines from its templates and reservations.
 * {@code forbiddenActions}: machine actions its users may not take (its administrators still may).
 */
public record GroupView(
        UUID id,
        UUID tenantId,
        String name,
        String description,
        PlacementPolicy placementPolicy,
        List<String> forbiddenActions,
        int memberCount,
        Instant createdAt,
        long version) {}
