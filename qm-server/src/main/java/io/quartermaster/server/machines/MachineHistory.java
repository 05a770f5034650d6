package io.quartermaster.server.machines;

import static io.quartermaster.server.platform.db.Sql.instant;
import static io.quartermaster.server.platform.db.Sql.ts;

import io.quartermaster.api.machines.MachineEvent;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A machine's timeline: transitions, steps, actions and notices, in the order they happened. */
@Repository
class MachineHistory {

    static final String TRANSITION = "Transition";
    static final String STEP = "Step";
    static final String ACTION = "Action";
    static final String NOTICE = "Notice";

    private final JdbcClient jdbc;
    private final Clock clock;

    MachineHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(UUID machineId, String kind, String fromState, String toState, String step, String actor, String detail) {
        jdbc.sql("""
                INSERT INTO machine_events (machine_id, at, kind, from_state, to_state, step, actor, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(machineId, ts(clock.instant()), kind, fromState, toState, step, actor,
                        detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail)
                .update();
    }

    List<MachineEvent> of(UUID machineId, int offset, int size) {
        return jdbc.sql("SELECT * FROM machine_events WHERE machine_id = ? ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")
                .params(machineId, offset, size)
                .query((rs, row) -> new MachineEvent(rs.getLong("id"), instant(rs, "at"), rs.getString("kind"),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("step"), rs.getString("actor"),
                        rs.getString("detail")))
                .list();
    }

    long count(UUID machineId) {
        return jdbc.sql("SELECT COUNT(*) FROM machine_events WHERE machine_id = ?").param(machineId).query(Long.class)
                .single();
    }
}
