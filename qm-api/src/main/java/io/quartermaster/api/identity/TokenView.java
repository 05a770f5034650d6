package io.quartermaster.api.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A personal API token as listed: never the secret itself, only its first characters
 * ({@code prefix}) so its owner can tell tokens apart.
 */
public record TokenView(
        UUID id,
        String name,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt) {}
