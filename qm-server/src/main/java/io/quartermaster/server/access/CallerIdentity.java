package io.quartermaster.server.access;

import java.util.UUID;

/** What an authenticated principal must tell about itself; the identity feature's principal implements it. */
public interface CallerIdentity {
    UUID userId();

    String username();

    /** Null for system administrators, who belong to no tenant. */
    UUID tenantId();
}
