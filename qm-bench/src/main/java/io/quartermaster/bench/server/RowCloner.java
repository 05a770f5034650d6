package io.quartermaster.bench.server;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Copies rows the server itself wrote, in bulk inside PostgreSQL: {@code INSERT … SELECT} of a
 * template row joined with {@code generate_series(from, to) AS g}, every column copied as it is except
 * those given as SQL expressions of {@code g} (ids, names, foreign keys). A column mapped to null is
 * left to its default (identity columns).
 */
public final class RowCloner {

    private final JdbcTemplate jdbc;
    private final String schema;

    public RowCloner(JdbcTemplate jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Returns the rows written. */
    public int copy(String table, String templateWhere, int from, int to, Map<String, String> overrides) {
        List<String> columns = jdbc.queryForList("""
                SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?
                ORDER BY ordinal_position""", String.class, schema.toLowerCase(), table.toLowerCase());
        if (columns.isEmpty()) {
            throw new IllegalStateException("No table " + table + " in " + schema);
        }
        List<String> written = columns.stream().filter(c -> !overrides.containsKey(c) || overrides.get(c) != null).toList();
        String select = written.stream().map(c -> overrides.containsKey(c) ? overrides.get(c) : "t." + c)
                .collect(Collectors.joining(", "));
        return jdbc.update("/* qm-bench */ INSERT INTO " + table + " (" + String.join(", ", written) + ") SELECT " + select
                + " FROM " + table + " t, generate_series(" + from + ", " + to + ") AS g WHERE " + templateWhere);
    }
}
