package io.quartermaster.cli.support;

import io.quartermaster.server.QuartermasterServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real server for the CLI's tests, started once per test JVM in this process: dev mode (demo data and
 * logins, the in-process agents on the simulator driver, with short steps) on a random port, its embedded H2
 * database in a temporary folder that is deleted when the JVM ends. Tests share it, so each works with
 * machines of its own and never counts on what others left.
 */
public final class TestServer {

    private static TestServer running;

    private final ConfigurableApplicationContext context;
    private final String url;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.url = "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    public static synchronized TestServer get() {
        if (running == null) {
            running = start();
        }
        return running;
    }

    public String url() {
        return url;
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    private static TestServer start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("qm-cli-test-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QuartermasterServer.class)
                .web(WebApplicationType.SERVLET)
                .profiles("dev")
                .registerShutdownHook(false)
                .run("--server.port=0",
                        // Closed with the server, not by H2 on its own when the JVM ends, which the server would still use.
                        "--qm.database.url=jdbc:h2:file:" + dir.resolve("db").resolve("quartermaster").toAbsolutePath()
                                + ";DB_CLOSE_ON_EXIT=FALSE",
                        "--qm.dev-agent.dir=" + dir.resolve("dev-agent").toAbsolutePath(),
                        "--qm.dev-agent.step-delay=PT0.05S",
                        "--qm.security.bcrypt-strength=4",
                        "--logging.level.root=warn",
                        "--logging.level.io.quartermaster=warn");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            delete(dir);
        }, "qm-cli-test-server-stop"));
        return new TestServer(context);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it up eventually
        }
    }
}
