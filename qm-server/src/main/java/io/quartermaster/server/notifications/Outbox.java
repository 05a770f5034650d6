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
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifications table. Sending is claim-based so several server nodes can share it: a node locks and
 * claims a batch of due rows in one transaction (a row locked by another node's claim is passed over),
 * sends, and records the outcome only while its claim holds. A claim lapses after a while, so a row claimed by a node that died is
 * taken again — at worst one message is sent twice, never lost.
 */
@Repository
class Outbox {

    /** A message to send: what the sender needs from a claimed row. */
    record Claimed(UUID id, NoticeKind kind, String recipientEmail, String subject, String body, int attempts) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Outbox(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
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

    /**
     * Claims up to {@code limit} due rows that no live claim holds, oldest first, for {@code claimant}
     * until {@code until}, counting an attempt on each, and returns them, in one transaction whatever the
     * batch's size: the due rows are locked ({@code FOR UPDATE SKIP LOCKED}: rows another node is claiming
     * at that moment are passed over, not waited for, so claimers never wait on each other in a different
     * order and deadlock), claimed with one UPDATE and read back by {@code claimant}, which must be new for
     * each batch (among the pending rows, which the index on status keeps few to look at).
     */
    List<Claimed> claimDue(String claimant, Instant until, Instant now, int limit) {
        return transactions.execute(status -> {
            List<UUID> due = jdbc.sql("""
                    SELECT id FROM notifications
                    WHERE status = 'PENDING' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .params(ts(now), ts(now), limit).query(UUID.class).list();
            if (due.isEmpty()) {
                return List.<Claimed>of();
            }
            jdbc.sql("""
                    UPDATE notifications SET claimed_by = :claimant, claimed_until = :until, attempts = attempts + 1
                    WHERE id IN (:ids) AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < :now)""")
                    .param("claimant", claimant).param("until", ts(until)).param("ids", due).param("now", ts(now))
                    .update();
            return jdbc.sql("""
                    SELECT id, kind, recipient_email, subject, body, attempts FROM notifications
                    WHERE status = 'PENDING' AND claimed_by = ? ORDER BY next_attempt_at, id""")
                    .param(claimant)
                    .query((rs, row) -> new Claimed(uuid(rs, "id"), NoticeKind.valueOf(rs.getString("kind")),
                            rs.getString("recipient_email"), rs.getString("subject"), rs.getString("body"),
                            rs.getInt("attempts")))
                    .list();
        });
    }

    /**
     * Records the delivery of {@code ids}, all claimed by {@code claimant}, in one statement; returns how
     * many were still {@code claimant}'s (a row whose claim had lapsed may be another node's now).
     */
    int sent(List<UUID> ids, String claimant, Instant at, String via) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE notifications SET status = 'SENT', sent_at = :at, sent_via = :via, claimed_by = NULL,
                                         claimed_until = NULL
                WHERE claimed_by = :claimant AND id IN (:ids)""")
                .param("at", ts(at)).param("via", via).param("claimant", claimant).param("ids", ids)
                .update();
    }

    /**
     * Gives back claimed rows that were not tried (the node is stopping, or the batch ran long), undoing
     * the attempt their claim counted; returns how many were still {@code claimant}'s.
     */
    int release(List<UUID> ids, String claimant) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE notifications SET claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1
                WHERE claimed_by = :claimant AND id IN (:ids)""")
                .param("claimant", claimant).param("ids", ids).update();
    }

    /** Records a failed attempt to be tried again at {@code nextAttemptAt}; false when the claim had lapsed. */
    boolean retryAt(UUID id, String claimant, String error, Instant nextAttemptAt) {
        return jdbc.sql("""
                UPDATE notifications SET last_error = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(error, ts(stored(nextAttemptAt)), id, claimant).update() == 1;
    }

    /** Gives up on the row after its last failed attempt; false when the claim had lapsed. */
    boolean failed(UUID id, String claimant, String error) {
        return jdbc.sql("""
                UPDATE notifications SET status = 'FAILED', last_error = ?, claimed_by = NULL, claimed_until = NULL
                WHERE id = ? AND claimed_by = ?""")
                .params(error, id, claimant).update() == 1;
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
