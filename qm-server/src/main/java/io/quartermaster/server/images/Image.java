package io.quartermaster.server.images;

import io.quartermaster.api.images.ImageView;
import io.quartermaster.server.access.Scope;
import java.time.Instant;
import java.util.UUID;

/** A registered master image as stored; {@code tenantId} null: shared by every tenant. */
record Image(UUID id, UUID tenantId, String name, String version, String format, long sizeBytes, String sha256,
        String fileName, Instant createdAt, String createdBy) {

    static final String SHARED = "shared";

    /** Where it lives: a tenant, or the system for a shared image (only system administrators manage those). */
    Scope scope() {
        return tenantId == null ? Scope.system() : Scope.tenant(tenantId);
    }

    /** The owner in the unique key of name and version: the tenant id, or {@value #SHARED}. */
    String ownerKey() {
        return tenantId == null ? SHARED : tenantId.toString();
    }

    boolean visibleToTenant(UUID tenant) {
        return tenantId == null || tenantId.equals(tenant);
    }

    static String contentPath(UUID id) {
        return "/agent/v1/images/" + id + "/content";
    }

    ImageView view() {
        return new ImageView(id, tenantId, tenantId == null, name, version, format, sizeBytes, sha256, contentPath(id),
                createdAt, createdBy);
    }
}
