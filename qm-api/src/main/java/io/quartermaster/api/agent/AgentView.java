package io.quartermaster.api.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered agent, as administrators see it: its hosts (and whether it is their primary), when it
 * was last heard from, whether it counts as connected, and whether its credential was revoked.
 */
public record AgentView(UUID id, UUID tenantId, String name, String version, List<ServedHost> hosts,
        Instant createdAt, Instant lastSeenAt, boolean connected, Instant revokedAt) {

    /** A host the agent serves; {@code primary}: it holds the host's lease now (the others are backups). */
    public record ServedHost(UUID hostId, String hostName, boolean primary) {}
}
