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

    /** Users of one tenant, or of every tenant (and the system administrators) when {@code tenantId} is null. */
    List<User> page(UUID tenantId, long offset, int limit) {
        return tenantId == null
                ? jdbc.sql("SELECT * FROM users ORDER BY username LIMIT ? OFFSET ?").params(limit, offset)
                        .query(UserRepository::map).list()
                : jdbc.sql("SELECT * FROM users WHERE tenant_id = ? ORDER BY username LIMIT ? OFFSET ?")
                        .params(tenantId, limit, offset).query(UserRepository::map).list();
    }

    long count(UUID tenantId) {
        return tenantId == null
                ? jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM users WHERE tenant_id = ?").param(tenantId).query(Long.class).single();
    }

    long countSystemAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE system_admin AND enabled").query(Long.class).single();
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
