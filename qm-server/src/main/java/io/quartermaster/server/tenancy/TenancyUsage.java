package io.quartermaster.server.tenancy;

import java.util.List;
import java.util.UUID;

/**
 * What other features still keep in a group or a tenant (reservations, templates, hosts…), so that
 * deleting one is refused with a list a person can work through instead of a bare conflict. Each
 * feature that owns such things implements it; tenancy depends on none of them.
 */
public interface TenancyUsage {

    /** Sentences such as "2 reservation(s)"; empty when this feature keeps nothing there. */
    List<String> usesOfGroup(UUID groupId);

    List<String> usesOfTenant(UUID tenantId);
}
