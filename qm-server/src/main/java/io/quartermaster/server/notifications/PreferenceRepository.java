package io.quartermaster.server.notifications;

import static io.quartermaster.server.platform.db.Sql.ts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification_preferences table; a user without a row has every notification on. */
@Repository
class PreferenceRepository {

    record Stored(boolean leaseReminders, boolean approvalRequests, long version) {}

    private final JdbcClient jdbc;

    PreferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(UUID userId) {
        return jdbc.sql("""
                SELECT lease_reminders, approval_requests, version FROM notification_preferences WHERE user_id = ?""")
                .param(userId)
                .query((rs, row) -> new Stored(rs.getBoolean("lease_reminders"), rs.getBoolean("approval_requests"),
                        rs.getLong("version")))
                .optional();
    }

    /** The first choice a user makes; a concurrent first choice fails on the primary key (a conflict). */
    void insert(UUID userId, boolean leaseReminders, boolean approvalRequests, Instant at) {
        jdbc.sql("""
                INSERT INTO notification_preferences (user_id, lease_reminders, approval_requests, updated_at, version)
                VALUES (?, ?, ?, ?, 1)""")
                .params(userId, leaseReminders, approvalRequests, ts(at)).update();
    }

    boolean update(UUID userId, boolean leaseReminders, boolean approvalRequests, Instant at, long expectedVersion) {
        return jdbc.sql("""
                UPDATE notification_preferences SET lease_reminders = ?, approval_requests = ?, updated_at = ?,
                                                    version = version + 1
                WHERE user_id = ? AND version = ?""")
                .params(leaseReminders, approvalRequests, ts(at), userId, expectedVersion).update() == 1;
    }
}
