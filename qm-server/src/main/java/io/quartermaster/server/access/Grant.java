package io.quartermaster.server.access;

import java.util.Objects;
import java.util.UUID;

/** A role held by a caller at one place: the system, a tenant, or a group. */
public record Grant(Role role, Scope.Level level, UUID tenantId, UUID groupId) {

    public static Grant system(Role role) {
        return new Grant(role, Scope.Level.SYSTEM, null, null);
    }

    public static Grant tenant(Role role, UUID tenantId) {
        return new Grant(role, Scope.Level.TENANT, tenantId, null);
    }

    public static Grant group(Role role, UUID tenantId, UUID groupId) {
        return new Grant(role, Scope.Level.GROUP, tenantId, groupId);
    }

    /** True when this grant is held at the given scope or above it (system ⊃ tenant ⊃ group). */
    public boolean covers(Scope scope) {
        return switch (level) {
            case SYSTEM -> true;
            case TENANT -> scope.level() != Scope.Level.SYSTEM && Objects.equals(tenantId, scope.tenantId());
            case GROUP -> scope.level() == Scope.Level.GROUP && Objects.equals(tenantId, scope.tenantId())
                    && Objects.equals(groupId, scope.groupId());
        };
    }
}
