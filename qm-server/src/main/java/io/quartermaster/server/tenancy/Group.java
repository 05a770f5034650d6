package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.GroupView;
import io.quartermaster.api.tenancy.PlacementPolicy;
import io.quartermaster.server.access.Scope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

record Group(UUID id, UUID tenantId, String name, String description, PlacementPolicy placementPolicy,
        List<String> forbiddenActions, int memberCount,
        Instant createdAt, long version) {

    Scope scope() {
        return Scope.group(tenantId, id);
    }

    GroupView view() {
        return new GroupView(id, tenantId, name, description, placementPolicy, forbiddenActions, memberCount, createdAt,
                version);
    }
}
