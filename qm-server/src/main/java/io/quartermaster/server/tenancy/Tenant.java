package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.TenantView;
import io.quartermaster.server.access.Scope;
import java.time.Instant;
import java.util.UUID;

record Tenant(UUID id, String name, String displayName, Instant createdAt, long version) {

    Scope scope() {
        return Scope.tenant(id);
    }

    TenantView view() {
        return new TenantView(id, name, displayName, createdAt, version);
    }
}
