package io.quartermaster.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * A person who can sign in. {@code tenantId} is null only for system administrators, who belong to
 * no tenant.
 */
public record UserView(
        UUID id,
        UUID tenantId,
        String username,
        String displayName,
        String email,
        boolean enabled,
        boolean tenantAdmin,
        boolean systemAdmin,
        Instant createdAt,
        long version) {}
