package io.quartermaster.server.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for a server that runs as a separate process ({@link ServerProcess}), chosen as
 * {@link TestDatabase} chooses: an H2 file database in a directory (an in-memory one would die with the
 * process), or a fresh schema of the PostgreSQL test database.
 *
 * <p>The H2 URL sets {@code WRITE_DELAY=0}: by default H2 writes committed changes to its file up to
 * half a second later, so a killed process loses changes whose commit it had already acknowledged.
 */
public record ProcessDatabase(String url, String username, String password, String schema) {

    public static ProcessDatabase create(Path directory) {
        if (!TestDatabase.isPostgres()) {
            return new ProcessDatabase("jdbc:h2:file:" + directory.resolve("quartermaster").toAbsolutePath()
                    + ";WRITE_DELAY=0", "sa", "", null);
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = TestDatabase.postgresUrl();
        return new ProcessDatabase(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                TestDatabase.postgresUser(), TestDatabase.postgresPassword(), schema);
    }

    /** Settings for the server ({@code --name=value}). */
    public List<String> serverArguments() {
        List<String> arguments = new ArrayList<>(List.of("--qm.database.url=" + url,
                "--qm.database.username=" + username, "--qm.database.password=" + password));
        if (schema != null) {
            arguments.add("--spring.flyway.schemas=" + schema);
            arguments.add("--flowable.database-schema=" + schema);
        }
        return arguments;
    }

    /** A connection of the test's own. For H2 only while no server has the file open. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** Removes the PostgreSQL schema (an H2 file goes with its directory). */
    public void drop() throws SQLException {
        if (schema == null) {
            return;
        }
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
