package io.quartermaster.server.identity;

import io.quartermaster.api.identity.TokenView;
import java.time.Instant;
import java.util.UUID;

record ApiToken(UUID id, UUID userId, String name, String prefix, String secretHash, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    /** Whether its last recorded use is at or after {@code instant}. */
    boolean usedSince(Instant instant) {
        return lastUsedAt != null && !lastUsedAt.isBefore(instant);
    }

    TokenView view() {
        return new TokenView(id, name, prefix, createdAt, expiresAt, lastUsedAt, revokedAt);
    }
}
