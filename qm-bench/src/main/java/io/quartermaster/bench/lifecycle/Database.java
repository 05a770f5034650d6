package io.quartermaster.bench.lifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL database a benchmark runs in; each subject works in a schema of its own there. */
record Database(String url, String user, String password) {

    /** The URL that makes {@code schema} the connections' current schema. */
    String urlFor(String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Bytes the schema's tables take on disk, their indexes and TOAST included (after a {@code VACUUM}
     * would free nothing: this is what PostgreSQL holds now).
     */
    long schemaBytes(String schema) {
        try (Connection connection = connect(); var statement = connection.prepareStatement("""
                SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind = 'r'""")) {
            statement.setString(1, schema.toLowerCase(java.util.Locale.ROOT));
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Measuring schema " + schema + ": " + e.getMessage(), e);
        }
    }

    /** Null when the database answers; otherwise one line saying what is wrong. */
    String unreachable() {
        try (Connection ignored = connect()) {
            return null;
        } catch (SQLException e) {
            return "cannot connect to " + url + ": " + e.getMessage();
        }
    }
}
