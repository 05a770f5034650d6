package io.quartermaster.server.tenancy;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Tenant tenant) {
        jdbc.sql("INSERT INTO tenants (id, name, display_name, created_at, version) VALUES (?, ?, ?, ?, 0)")
                .params(tenant.id(), tenant.name(), tenant.displayName(), ts(tenant.createdAt()))
                .update();
    }

    Optional<Tenant> find(UUID id) {
        return jdbc.sql("SELECT * FROM tenants WHERE id = ?").param(id).query(TenantRepository::map).optional();
    }

    Optional<Tenant> findByName(String name) {
        return jdbc.sql("SELECT * FROM tenants WHERE name = ?").param(name).query(TenantRepository::map).optional();
    }

    List<Tenant> page(long offset, int limit) {
        return jdbc.sql("SELECT * FROM tenants ORDER BY name LIMIT ? OFFSET ?").params(limit, offset)
                .query(TenantRepository::map).list();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM tenants").query(Long.class).single();
    }

    /** Compare-and-swap: true when the row still had {@code expectedVersion} and was changed. */
    boolean update(UUID id, String displayName, long expectedVersion) {
        return jdbc.sql("UPDATE tenants SET display_name = ?, version = version + 1 WHERE id = ? AND version = ?")
                .params(displayName, id, expectedVersion).update() == 1;
    }

    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("DELETE FROM tenants WHERE id = ? AND version = ?").params(id, expectedVersion).update() == 1;
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(uuid(rs, "id"), rs.getString("name"), rs.getString("display_name"), instant(rs, "created_at"),
                rs.getLong("version"));
    }
}
