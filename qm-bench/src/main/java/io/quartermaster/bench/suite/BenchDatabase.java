package io.quartermaster.bench.suite;

import picocli.CommandLine.Option;

/** The PostgreSQL database a benchmark runs against (options shared by the benchmarks). */
public class BenchDatabase {

    @Option(names = "--database-url", description = "JDBC URL (default QM_BENCH_POSTGRES_URL or the local qm_bench database).")
    public String url;

    @Option(names = "--database-user", defaultValue = "${env:QM_BENCH_POSTGRES_USER:-qm}")
    public String user;

    @Option(names = "--database-password", defaultValue = "${env:QM_BENCH_POSTGRES_PASSWORD:-qm}")
    public String password;

    public String url() {
        if (url == null) {
            url = System.getenv().getOrDefault("QM_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/qm_bench");
        }
        return url;
    }

    /** Null when the database answers; otherwise one line saying what to do. */
    public String unreachable() {
        try (var ignored = java.sql.DriverManager.getConnection(url(), user, password)) {
            return null;
        } catch (java.sql.SQLException e) {
            return "cannot connect to " + url() + ": " + e.getMessage()
                    + ". Run scripts/ensure-postgres.sh, or set QM_BENCH_POSTGRES_URL.";
        }
    }
}
