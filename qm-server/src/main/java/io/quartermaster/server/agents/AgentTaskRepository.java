package io.quartermaster.server.agents;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;
import static io.quartermaster.server.platform.db.Sql.uuid;

import tools.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;

/** The agent_tasks table. Every change is a conditional UPDATE naming the state it expects. */
@Repository
class AgentTaskRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String OPEN = "state IN ('Queued', 'Leased')";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AgentTaskRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, UUID machineId, UUID hostId, String step, Map<String, Object> parameters, boolean undo,
            int maxAttempts, String executionId, Instant now) {
        jdbc.sql("""
                INSERT INTO agent_tasks (id, machine_id, host_id, step, parameters, state, undo, max_attempts, execution_id,
                                         created_at)
                VALUES (?, ?, ?, ?, ?, 'Queued', ?, ?, ?, ?)""")
                .params(id, machineId, hostId, step, json.writeValueAsString(parameters), undo, maxAttempts, executionId,
                        ts(now))
                .update();
    }

    Optional<AgentTask> find(UUID id) {
        return jdbc.sql("SELECT * FROM agent_tasks WHERE id = ?").param(id).query(this::map).optional();
    }

    /**
     * Tasks an agent may take now on the given hosts, oldest first: queued ones, and leased ones whose
     * agent went silent. A machine's tasks run one at a time in the order they were written, so undo
     * steps run in the reverse order of what they undo.
     */
    List<AgentTask> deliverable(Collection<UUID> hostIds, Instant now, int max) {
        return jdbc.sql("""
                SELECT * FROM agent_tasks t
                WHERE t.host_id IN (:hosts)
                  AND (t.state = 'Queued' OR (t.state = 'Leased' AND t.lease_until < :now))
                  AND (t.not_before IS NULL OR t.not_before <= :now)
                  AND NOT EXISTS (SELECT 1 FROM agent_tasks e WHERE e.machine_id = t.machine_id AND e.seq < t.seq
                                  AND e.state IN ('Queued', 'Leased'))
                ORDER BY t.seq
                FETCH FIRST :max ROWS ONLY""")
                .param("hosts", hostIds).param("now", ts(now)).param("max", max)
                .query(this::map).list();
    }

    /** Which of the hosts have a task {@link #deliverable} now (one query for many hosts). */
    List<UUID> hostsWithDeliverable(Collection<UUID> hostIds, Instant now) {
        if (hostIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT DISTINCT t.host_id FROM agent_tasks t
                WHERE t.host_id IN (:hosts)
                  AND (t.state = 'Queued' OR (t.state = 'Leased' AND t.lease_until < :now))
                  AND (t.not_before IS NULL OR t.not_before <= :now)""")
                .param("hosts", hostIds).param("now", ts(now)).query(UUID.class).list();
    }

    /** Leases the task to an agent if it is still deliverable as read; true when this caller got it. */
    boolean lease(AgentTask task, String agent, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE agent_tasks SET state = 'Leased', attempt = attempt + 1, leased_by = :agent, lease_until = :until,
                       epoch = COALESCE((SELECT s.epoch FROM host_agent_status s WHERE s.host_id = agent_tasks.host_id), 0)
                WHERE id = :id AND attempt = :attempt
                  AND (state = 'Queued' OR (state = 'Leased' AND lease_until < :now))""")
                .param("agent", agent).param("until", ts(until)).param("id", task.id())
                .param("attempt", task.attempt()).param("now", ts(now))
                .update() == 1;
    }

    /**
     * Puts back in the queue the tasks of a host still leased under an older epoch: their agent lost the
     * host, so the new primary gets them at once (with the next attempt number) instead of after their lease.
     */
    int requeueOlderThan(UUID hostId, long epoch) {
        return jdbc.sql("""
                UPDATE agent_tasks SET state = 'Queued', leased_by = NULL, lease_until = NULL
                WHERE host_id = ? AND state = 'Leased' AND epoch < ?""")
                .params(hostId, epoch).update();
    }

    /** Moves the end of a delivery's lease, if that delivery is still the task's current one. */
    boolean extend(UUID id, int attempt, long epoch, Instant until) {
        return jdbc.sql("""
                UPDATE agent_tasks SET lease_until = :until
                WHERE id = :id AND attempt = :attempt AND epoch = :epoch AND state = 'Leased'""")
                .param("until", ts(until)).param("id", id).param("attempt", attempt).param("epoch", epoch)
                .update() == 1;
    }

    boolean finish(UUID id, int attempt, String state, String result, String reason, String message, Instant now) {
        return jdbc.sql("""
                UPDATE agent_tasks SET state = :state, result = :result, error_reason = :reason, error_message = :message,
                                       completed_at = :now, lease_until = NULL
                WHERE id = :id AND attempt = :attempt AND state = 'Leased'""")
                .param("state", state).param("result", result).param("reason", reason).param("message", message)
                .param("now", ts(now)).param("id", id).param("attempt", attempt)
                .update() == 1;
    }

    /** Puts a task that failed with a retryable error back in the queue, to be taken after {@code notBefore}. */
    boolean requeue(UUID id, int attempt, String reason, String message, Instant notBefore) {
        return jdbc.sql("""
                UPDATE agent_tasks SET state = 'Queued', error_reason = :reason, error_message = :message,
                                       not_before = :notBefore, leased_by = NULL, lease_until = NULL
                WHERE id = :id AND attempt = :attempt AND state = 'Leased'""")
                .param("reason", reason).param("message", message).param("notBefore", ts(notBefore))
                .param("id", id).param("attempt", attempt)
                .update() == 1;
    }

    long countOpen(UUID machineId) {
        return jdbc.sql("SELECT COUNT(*) FROM agent_tasks WHERE machine_id = ? AND " + OPEN)
                .param(machineId).query(Long.class).single();
    }

    List<AgentTask> ofMachine(UUID machineId) {
        return jdbc.sql("SELECT * FROM agent_tasks WHERE machine_id = ? ORDER BY seq").param(machineId)
                .query(this::map).list();
    }

    List<UUID> hostsWithOpenTasks() {
        return jdbc.sql("SELECT DISTINCT host_id FROM agent_tasks WHERE " + OPEN).query(UUID.class).list();
    }

    private AgentTask map(ResultSet rs, int row) throws SQLException {
        return new AgentTask(uuid(rs, "id"), rs.getLong("seq"), uuid(rs, "machine_id"), uuid(rs, "host_id"),
                rs.getString("step"), json.readValue(rs.getString("parameters"), MAP), rs.getString("state"),
                rs.getBoolean("undo"), rs.getInt("attempt"), rs.getInt("max_attempts"), rs.getLong("epoch"),
                rs.getString("leased_by"), instant(rs, "lease_until"), rs.getString("execution_id"),
                rs.getString("error_reason"), rs.getString("error_message"), instant(rs, "created_at"),
                instant(rs, "completed_at"));
    }
}
