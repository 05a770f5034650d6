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
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(User user) {
        jdbc.sql("""
                INSERT INTO users (id, tenant_id, username, display_name, email, password_hash, enabled, tenant_admin,
                                   system_admin, created_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(user.id(), user.tenantId(), user.username(), user.displayName(), user.email(),
                        user.passwordHash(), user.enabled(), user.tenantAdmin(), user.systemAdmin(),
                        ts(user.createdAt()))
                .update();
    }

    Optional<User> find(UUID id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(UserRepository::map).optional();
    }

    Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM users WHERE username = ?").param(username).query(UserRepository::map).optional();
    }

    /**
     * Users of one tenant, or of every tenant (and the system administrators) when {@code tenantId} is
     * null; system administrators are left out unless {@code withSystemAdmins}.
     */
    List<User> page(UUID tenantId, boolean withSystemAdmins, long offset, int limit) {
        return jdbc.sql("SELECT * FROM users" + where(tenantId, withSystemAdmins) + " ORDER BY username LIMIT :limit OFFSET :offset")
                .param("tenantId", tenantId).param("limit", limit).param("offset", offset)
                .query(UserRepository::map).list();
    }

    long count(UUID tenantId, boolean withSystemAdmins) {
        return jdbc.sql("SELECT COUNT(*) FROM users" + where(tenantId, withSystemAdmins)).param("tenantId", tenantId)
                .query(Long.class).single();
    }

    /** Every user of a tenant, system administrators included (deletion checks). */
    long count(UUID tenantId) {
        return count(tenantId, true);
    }

    private static String where(UUID tenantId, boolean withSystemAdmins) {
        java.util.List<String> conditions = new java.util.ArrayList<>();
        if (tenantId != null) {
            conditions.add("tenant_id = :tenantId");
        }
        if (!withSystemAdmins) {
            conditions.add("NOT system_admin");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<UUID> tenantAdminIds(UUID tenantId) {
        return jdbc.sql("SELECT id FROM users WHERE tenant_id = ? AND tenant_admin ORDER BY username").param(tenantId)
                .query(UUID.class).list();
    }

    /** Locks the enabled system administrators' rows and counts them, so two deletions cannot both pass. */
    long lockAndCountEnabledSystemAdmins() {
        return jdbc.sql("SELECT id FROM users WHERE system_admin AND enabled FOR UPDATE").query(UUID.class).list().size();
    }

    boolean update(User user, long expectedVersion) {
        return jdbc.sql("""
                UPDATE users SET display_name = ?, email = ?, password_hash = ?, enabled = ?, tenant_admin = ?,
                                 version = version + 1
                WHERE id = ? AND version = ?""")
                .params(user.displayName(), user.email(), user.passwordHash(), user.enabled(), user.tenantAdmin(),
                        user.id(), expectedVersion)
                .update() == 1;
    }

    boolean delete(UUID id, long expectedVersion) {
        return jdbc.sql("DELETE FROM users WHERE id = ? AND version = ?").params(id, expectedVersion).update() == 1;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(uuid(rs, "id"), uuid(rs, "tenant_id"), rs.getString("username"), rs.getString("display_name"),
                rs.getString("email"), rs.getString("password_hash"), rs.getBoolean("enabled"),
                rs.getBoolean("tenant_admin"), rs.getBoolean("system_admin"), instant(rs, "created_at"),
                rs.getLong("version"));
    }
}
