package io.quartermaster.bench.lifecycle;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's own counts for the benchmark database: committed transactions ({@code pg_stat_database},
 * every transaction of every connection, background ones included) and, when the pg_stat_statements
 * extension is installed there, how often each statement ran.
 */
final class DatabaseCounters {

    /** Counts at one moment; {@code statements} is empty without pg_stat_statements. */
    record Snapshot(long nanoTime, long commits, Map<Long, Calls> statements) {}

    /** One normalized statement and how often it ran. */
    record Calls(String query, long calls) {}

    private final Database database;
    private final Duration settle;
    private final boolean statementsAvailable;

    /**
     * @param settle how long to wait before each reading: a busy connection reports its counts at most
     *               once a second and an idle one after ten seconds, so 11 s makes every count complete
     */
    DatabaseCounters(Database database, Duration settle) {
        this.database = database;
        this.settle = settle;
        this.statementsAvailable = probeStatements();
    }

    boolean statementsAvailable() {
        return statementsAvailable;
    }

    String serverVersion() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            String version = rs.getString(1);
            int comma = version.indexOf(',');
            return comma > 0 ? version.substring(0, comma) : version;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Snapshot read() throws InterruptedException {
        Thread.sleep(settle.toMillis()); // lets every connection report its counts; see the constructor
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            long commits;
            try (ResultSet rs = statement.executeQuery(
                    LifecycleReport.BENCH_TAG + "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                commits = rs.getLong(1);
            }
            Map<Long, Calls> statements = new HashMap<>();
            if (statementsAvailable) {
                try (ResultSet rs = statement.executeQuery(LifecycleReport.BENCH_TAG + """
                        SELECT queryid, query, calls FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND queryid IS NOT NULL""")) {
                    while (rs.next()) {
                        statements.merge(rs.getLong(1), new Calls(rs.getString(2), rs.getLong(3)),
                                (a, b) -> new Calls(a.query(), a.calls() + b.calls()));
                    }
                }
            }
            return new Snapshot(System.nanoTime(), commits, statements);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading PostgreSQL's counters: " + e.getMessage(), e);
        }
    }

    /** Commits per second in the database between two readings with nothing asked of anyone. */
    double idleCommitsPerSecond() throws InterruptedException {
        Snapshot from = read();
        Snapshot to = read();
        return (to.commits() - from.commits()) / ((to.nanoTime() - from.nanoTime()) / 1e9);
    }

    /** Statements run between two snapshots, the most frequent first. */
    static List<Calls> statementsBetween(Snapshot from, Snapshot to) {
        List<Calls> ran = new ArrayList<>();
        to.statements().forEach((id, after) -> {
            Calls before = from.statements().get(id);
            long calls = after.calls() - (before == null ? 0 : before.calls());
            if (calls > 0) {
                ran.add(new Calls(after.query(), calls));
            }
        });
        ran.sort((a, b) -> Long.compare(b.calls(), a.calls()));
        return ran;
    }

    private boolean probeStatements() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            return true;
        } catch (SQLException absentOrNotLoaded) {
            return false;
        }
    }
}
