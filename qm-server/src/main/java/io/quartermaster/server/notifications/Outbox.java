package io.quartermaster.server.notifications;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.api.notifications.NotificationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notifications table. Sending is claim-based so several server nodes can share it: a node claims a
 * due row with one conditional UPDATE (only one node's UPDATE matches), sends, and records the outcome
 * only while its claim holds. A claim lapses after a while, so a row claimed by a node that died is
 * taken again — at worst one message is sent twice, never lost.
 */
@Repository
class Outbox {

    /** A message to send: what the sender needs from a claimed row. */
    record Claimed(UUID id, NoticeKind kind, String recipientEmail, String subject, String body, int attempts) {}

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, NoticeKind kind, UUID recipientId, String recipientEmail, String subject, String body,
            NotificationStatus status, String statusReason, Instant now) {
        jdbc.sql("""
                INSERT INTO notifications (id, kind, recipient_id, recipient_email, subject, body, status,
                                           status_reason, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, kind.name(), recipientId, recipientEmail, subject, body, status.name(), statusReason,
                        ts(now), ts(stored(now)))
                .update();
    }

    /** Pending rows whose time has come and that no live claim holds, oldest first. */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM notifications
                WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                ORDER BY next_attempt_at LIMIT ?""")
                .params(ts(now), ts(now), limit).query(UUID.class).list();
    }

    /** Takes the row for {@code node} until {@code until}, counting an attempt; empty when another node has it. */
    Optional<Claimed> claim(UUID id, String node, Instant until, Instant now) {
        int claimed = jdbc.sql("""
                UPDATE notifications SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1
                WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?
                  AND (claimed_until IS NULL OR claimed_until < ?)""")
                .params(node, ts(until), id, ts(now), ts(now)).update();
        if (claimed == 0) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, kind, recipient_email, subject, body, attempts FROM notifications WHERE id = ?")
                .param(id)
                .query((rs, row) -> new Claimed(uuid(rs, "id"), NoticeKind.valueOf(rs.getString("kind")),
                        rs.getString("recipient_email"), rs.getString("subject"), rs.getString("body"),
                        rs.getInt("attempts")))
                .optional();
    }

    /** Records the delivery; false when the claim had lapsed and the row is no longer this node's. */
    boolean sent(UUID id, String node, Instant at, String via) {
        return jdbc.sql("""
                UPDATE notifications SET status = 'SENT', sent_at = ?, sent_via = ?, claimed_by = NULL,
                                         claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(ts(at), via, id, node).update() == 1;
    }

    /** Records a failed attempt to be tried again at {@code nextAttemptAt}; false when the claim had lapsed. */
    boolean retryAt(UUID id, String node, String error, Instant nextAttemptAt) {
        return jdbc.sql("""
                UPDATE notifications SET last_error = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(error, ts(stored(nextAttemptAt)), id, node).update() == 1;
    }

    /** Gives up on the row after its last failed attempt; false when the claim had lapsed. */
    boolean failed(UUID id, String node, String error) {
        return jdbc.sql("""
                UPDATE notifications SET status = 'FAILED', last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(error, id, node).update() == 1;
    }

    /** Deletes finished rows created before {@code before}; pending ones stay whatever their age. */
    int purge(Instant before) {
        return jdbc.sql("DELETE FROM notifications WHERE status <> 'PENDING' AND created_at < ?").param(ts(before))
                .update();
    }

    List<NotificationView> page(UUID recipientId, NotificationStatus status, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(recipientId, status, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT * FROM notifications" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")
                .params(params).query(Outbox::view).list();
    }

    long count(UUID recipientId, NotificationStatus status) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("SELECT COUNT(*) FROM notifications" + where(recipientId, status, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(UUID recipientId, NotificationStatus status, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        if (recipientId != null) {
            conditions.add("recipient_id = ?");
            params.add(recipientId);
        }
        if (status != null) {
            conditions.add("status = ?");
            params.add(status.name());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * A due time as the database keeps it: cut to microseconds, its precision. Otherwise it would round
     * up, and a message due "now" would not be due yet by the clock that wrote it (which, in tests, stands
     * still).
     */
    private static Instant stored(Instant dueAt) {
        return dueAt.truncatedTo(ChronoUnit.MICROS);
    }

    private static NotificationView view(ResultSet rs, int row) throws SQLException {
        return new NotificationView(uuid(rs, "id"), rs.getString("kind"), uuid(rs, "recipient_id"),
                rs.getString("recipient_email"), rs.getString("subject"),
                NotificationStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "next_attempt_at"),
                instant(rs, "sent_at"), rs.getString("sent_via"));
    }
}
