package io.quartermaster.api.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bootstrap token: {@code token} is shown once, when it is made (put it in the agent's config as
 * {@code bootstrap.token}); it registers one agent for {@code hostIds} before {@code expiresAt}.
 */
public record BootstrapTokenView(UUID id, UUID tenantId, String token, List<UUID> hostIds, Instant createdAt,
        Instant expiresAt, String createdBy) {}
