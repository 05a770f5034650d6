package io.quartermaster.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The database's own speed, measured with PostgreSQL's {@code pgbench} in the same run as the
 * benchmarks that are compared with it: simple-update transactions ({@code -N}) per second with one
 * client (S1) and eight (S8), on tables of a small scale in a schema of their own.
 */
public final class PgBench {

    /** S1 and S8, and when they were measured. */
    public record Baseline(double s1, double s8, int seconds, String pgbench, Instant measuredAt) {

        /** Mean time of one single-client simple-update transaction: S1's inverse, in milliseconds. */
        public double s1Millis() {
            return 1000.0 / s1;
        }

        public Map<String, Object> figures() {
            return Map.of("s1Tps", s1, "s8Tps", s8, "seconds", seconds, "pgbench", pgbench,
                    "measuredAt", measuredAt.toString());
        }
    }

    static final String SCHEMA = "pgbench_baseline";
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    /** One baseline serves every benchmark of a suite run that starts within this long of it. */
    private static final Duration FRESH_FOR = Duration.ofMinutes(15);
    private static Baseline latest;

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public PgBench(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The latest baseline of this process if it is recent, else a new one. */
    public static synchronized Baseline recentOrMeasure(String jdbcUrl, String user, String password, int seconds)
            throws IOException, InterruptedException {
        if (latest == null || latest.measuredAt().plus(FRESH_FOR).isBefore(Instant.now())) {
            latest = new PgBench(jdbcUrl, user, password).measure(seconds);
        }
        return latest;
    }

    public Baseline measure(int seconds) throws IOException, InterruptedException {
        String pgbench = executable().orElseThrow(() -> new IllegalStateException(
                "pgbench not found: put PostgreSQL's client programs on PATH or set QM_PGBENCH"));
        System.out.println("baseline: pgbench -N, 1 and 8 clients, " + seconds + " s each");
        run(pgbench, List.of("-i", "-q", "-s", "1"));
        double s1 = tps(run(pgbench, List.of("-n", "-N", "-c", "1", "-j", "1", "-T", String.valueOf(seconds))));
        double s8 = tps(run(pgbench, List.of("-n", "-N", "-c", "8", "-j", "2", "-T", String.valueOf(seconds))));
        System.out.printf("baseline: S1 %.0f TPS, S8 %.0f TPS%n", s1, s8);
        return new Baseline(s1, s8, seconds, version(pgbench), Instant.now());
    }

    private String run(String pgbench, List<String> arguments) throws IOException, InterruptedException {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        List<String> command = new ArrayList<>(List.of(pgbench, "-h", uri.getHost(),
                "-p", String.valueOf(uri.getPort() < 0 ? 5432 : uri.getPort()), "-U", user));
        command.addAll(arguments);
        command.add(uri.getPath().substring(1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password);
        // The tables live in a schema of their own, so they never mix with a subject's.
        builder.environment().put("PGOPTIONS", "-c search_path=" + SCHEMA);
        ensureSchema();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench " + arguments + " failed: " + output.strip());
        }
        return output;
    }

    private void ensureSchema() {
        try (var connection = java.sql.DriverManager.getConnection(jdbcUrl, user, password);
                var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Creating schema " + SCHEMA + ": " + e.getMessage(), e);
        }
    }

    static double tps(String output) {
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("No TPS in pgbench's output: " + output.strip());
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String version(String pgbench) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(pgbench, "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return output;
    }

    /**
     * QM_PGBENCH, then PATH, then the directory {@code pg_config --bindir} names, then Debian's layout
     * (one directory per PostgreSQL major version, the newest first).
     */
    static Optional<String> executable() throws IOException, InterruptedException {
        String configured = System.getenv("QM_PGBENCH");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(dir, "pgbench"));
        }
        try {
            Process process = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String bindir = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.waitFor() == 0 && !bindir.isEmpty()) {
                candidates.add(Path.of(bindir, "pgbench"));
            }
        } catch (IOException noPgConfig) {
            // fall through to the distribution's layout
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing((Path p) -> p.getFileName().toString(),
                        Comparator.comparingInt(PgBench::major)).reversed())
                        .forEach(version -> candidates.add(version.resolve("bin/pgbench")));
            }
        }
        return candidates.stream().filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static int major(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
