package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.UserView;
import io.quartermaster.server.access.Scope;
import java.time.Instant;
import java.util.UUID;

record User(UUID id, UUID tenantId, String username, String displayName, String email, String passwordHash,
        boolean enabled, boolean tenantAdmin, boolean systemAdmin, Instant createdAt, long version) {

    /**
     * Where the user lives for authorization: the system for system administrators (even one who belongs
     * to a tenant, so no tenant administrator can change them), otherwise their tenant.
     */
    Scope scope() {
        return systemAdmin || tenantId == null ? Scope.system() : Scope.tenant(tenantId);
    }

    UserView view() {
        return new UserView(id, tenantId, username, displayName, email, enabled, tenantAdmin, systemAdmin, createdAt,
                version);
    }
}
