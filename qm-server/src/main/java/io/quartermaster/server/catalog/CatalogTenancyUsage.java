package io.quartermaster.server.catalog;

import io.quartermaster.server.tenancy.TenancyUsage;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Templates entitled to a group, and templates of a tenant. */
@Component
class CatalogTenancyUsage implements TenancyUsage {

    private final JdbcClient jdbc;

    CatalogTenancyUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> usesOfGroup(UUID groupId) {
        long templates = jdbc.sql("SELECT COUNT(*) FROM template_entitlements WHERE group_id = ?").param(groupId)
                .query(Long.class).single();
        return templates == 0 ? List.of() : List.of(templates + " template entitlement(s)");
    }

    @Override
    public List<String> usesOfTenant(UUID tenantId) {
        long templates = jdbc.sql("SELECT COUNT(*) FROM templates WHERE tenant_id = ?").param(tenantId)
                .query(Long.class).single();
        return templates == 0 ? List.of() : List.of(templates + " template(s)");
    }
}
