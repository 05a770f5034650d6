package io.quartermaster.server.access;

import java.util.List;
import java.util.UUID;

/** The authenticated caller of this request and every role they hold. */
public record Caller(UUID userId, String username, UUID tenantId, List<Grant> grants) {

    public Caller {
        grants = List.copyOf(grants);
    }

    public boolean isSystemAdmin() {
        return grants.stream().anyMatch(grant -> grant.level() == Scope.Level.SYSTEM);
    }
}
