package io.quartermaster.api.tenancy;

import java.time.Instant;
import java.util.UUID;

/** A tenant: the top of the hierarchy; nothing is shared across tenants. */
public record TenantView(UUID id, String name, String displayName, Instant createdAt, long version) {}
