package io.quartermaster.server.capacity;

import io.quartermaster.server.tenancy.TenancyUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reservations held by a group, and hosts registered in a tenant. */
@Component
class CapacityTenancyUsage implements TenancyUsage {

    private final JdbcClient jdbc;

    CapacityTenancyUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> usesOfGroup(UUID groupId) {
        long reservations = jdbc.sql("SELECT COUNT(*) FROM reservations WHERE group_id = ?").param(groupId)
                .query(Long.class).single();
        return reservations == 0 ? List.of() : List.of(reservations + " reservation(s)");
    }

    @Override
    public List<String> usesOfTenant(UUID tenantId) {
        List<String> uses = new ArrayList<>();
        long hosts = jdbc.sql("SELECT COUNT(*) FROM hosts WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
        if (hosts > 0) {
            uses.add(hosts + " host(s)");
        }
        return uses;
    }
}
