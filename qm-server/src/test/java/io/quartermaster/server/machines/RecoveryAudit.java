package io.quartermaster.server.machines;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads a recovery test's database directly, once its server has stopped: what the API does not show
 * (agent tasks, released claims, the engine's failed jobs). Rows are filtered to the test's machines.
 */
record RecoveryAudit(Connection db) {

    List<String> openTasks(List<UUID> machines) throws SQLException {
        return rows("SELECT machine_id, step, state FROM agent_tasks WHERE state IN ('Queued', 'Leased')",
                machines);
    }

    Map<String, Integer> tasksPerStep(List<UUID> machines) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        rows("SELECT machine_id, step FROM agent_tasks", machines)
                .forEach(row -> counts.merge(row, 1, Integer::sum));
        return counts;
    }

    int deliveredAgain(List<UUID> machines) throws SQLException {
        return rows("SELECT machine_id, step FROM agent_tasks WHERE attempt > 1", machines).size();
    }

    /** Claim rows per holder ("machine:<id>"), live or released. */
    Map<String, Integer> claimRows(List<UUID> machines) throws SQLException {
        Set<String> holders = machines.stream().map(m -> "machine:" + m).collect(Collectors.toSet());
        Map<String, Integer> counts = new TreeMap<>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery("SELECT holder FROM claims")) {
            while (rs.next()) {
                if (holders.contains(rs.getString(1))) {
                    counts.merge(rs.getString(1), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Reservations whose counters are not the sums of their live claims, with both. */
    List<String> drift() throws SQLException {
        List<String> drifting = new ArrayList<>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery("""
                SELECT r.id, r.claimed_cpu, r.claimed_memory_mib, r.claimed_disk_gib, r.claimed_machines,
                       COALESCE(SUM(CASE WHEN c.compute_held THEN c.cpu ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN c.compute_held THEN c.memory_mib ELSE 0 END), 0),
                       COALESCE(SUM(c.disk_gib), 0), COUNT(c.id)
                FROM reservations r LEFT JOIN claims c ON c.reservation_id = r.id AND c.released_at IS NULL
                GROUP BY r.id, r.claimed_cpu, r.claimed_memory_mib, r.claimed_disk_gib, r.claimed_machines""")) {
            while (rs.next()) {
                List<Long> counters = List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                List<Long> live = List.of(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
                if (!counters.equals(live)) {
                    drifting.add(rs.getString(1) + ": counters " + counters + ", live claims " + live);
                }
            }
        }
        return drifting;
    }

    long deadLetterJobs() throws SQLException {
        try (var statement = db.createStatement();
                var rs = statement.executeQuery("SELECT COUNT(*) FROM act_ru_deadletter_job")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows (first column: a machine id) of the given machines, each as its values joined by spaces. */
    private List<String> rows(String sql, List<UUID> machines) throws SQLException {
        Set<String> ids = machines.stream().map(UUID::toString).collect(Collectors.toSet());
        List<String> rows = new ArrayList<>();
        try (var statement = db.createStatement(); var rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                if (ids.contains(rs.getString(1))) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        values.add(rs.getString(i));
                    }
                    rows.add(String.join(" ", values));
                }
            }
        }
        return rows;
    }
}
