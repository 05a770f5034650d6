package io.quartermaster.server.access;

import java.util.Objects;
import java.util.UUID;

/**
 * Where an object lives: in the whole system, in a tenant, or in a group of a tenant. A grant covers a
 * scope when it is held at that scope or above it.
 */
public record Scope(Level level, UUID tenantId, UUID groupId) {

    public enum Level { SYSTEM, TENANT, GROUP }

    public Scope {
        Objects.requireNonNull(level);
        if (level != Level.SYSTEM) {
            Objects.requireNonNull(tenantId, "tenantId");
        }
        if (level == Level.GROUP) {
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    public static Scope system() {
        return new Scope(Level.SYSTEM, null, null);
    }

    public static Scope tenant(UUID tenantId) {
        return new Scope(Level.TENANT, tenantId, null);
    }

    public static Scope group(UUID tenantId, UUID groupId) {
        return new Scope(Level.GROUP, tenantId, groupId);
    }
}
