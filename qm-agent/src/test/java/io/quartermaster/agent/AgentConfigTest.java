package io.quartermaster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsAValidFile() throws Exception {
        Files.createDirectory(dir.resolve("steps"));
        Path file = write("""
                server.url=https://qm.example:8443
                bootstrap.token=abc
                agent.name=rack-7
                driver=simulator
                driver.latency=50ms
                driver.latency.Create-Machine=2s
                steps.dir=steps
                steps.timeout=90s
                poll.wait=PT30S
                poll.max=5
                inventory.interval=15s
                hosts=host-1, host-2
                """);

        AgentConfig config = AgentConfig.load(file);

        assertThat(config.serverUrl()).isEqualTo(URI.create("https://qm.example:8443"));
        assertThat(config.agentName()).isEqualTo("rack-7");
        assertThat(config.driver()).isEqualTo("simulator");
        assertThat(config.driverSettings()).isEqualTo(Map.of("latency", "50ms", "latency.Create-Machine", "2s"));
        assertThat(config.steps().overrideDir()).isEqualTo(dir.resolve("steps"));
        assertThat(config.steps().scriptTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.pollWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.pollMax()).isEqualTo(5);
        assertThat(config.inventoryInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.hosts()).containsExactly("host-1", "host-2");
    }

    @Test
    void fillsInDefaultsAndKeepsTheCredentialBesideTheFile() throws Exception {
        AgentConfig config = AgentConfig.load(write("server.url=http://localhost:8080\nbootstrap.token=abc\ndriver=simulator\n"));

        assertThat(config.credentialFile()).isEqualTo(dir.resolve("agent-credential.json"));
        assertThat(config.agentName()).isNotBlank();
        assertThat(config.pollWait()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.pollMax()).isEqualTo(20);
        assertThat(config.inventoryInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.steps().overrideDir()).isNull();
        assertThat(config.hosts()).isEmpty();
    }

    @Test
    void needsNoBootstrapTokenOnceRegistered() throws Exception {
        Files.writeString(dir.resolve("agent-credential.json"), "{}");

        AgentConfig config = AgentConfig.load(write("server.url=http://localhost:8080\ndriver=simulator\n"));

        assertThat(config.bootstrapToken()).isNull();
    }

    @Test
    void reportsEveryProblemWithTheKeyToFix() throws Exception {
        Path file = write("""
                server.url=ftp://nope
                pol.wait=20s
                poll.wait=soon
                poll.max=500
                steps.dir=missing
                """);

        assertThatThrownBy(() -> AgentConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.url must start with http:// or https://")
                .hasMessageContaining("bootstrap.token is missing")
                .hasMessageContaining("driver is missing")
                .hasMessageContaining("pol.wait is not a setting")
                .hasMessageContaining("poll.wait: 'soon' is not a duration")
                .hasMessageContaining("poll.max must be between 1 and 100")
                .hasMessageContaining("steps.dir " + dir.resolve("missing") + " is not a folder");
    }

    @Test
    void checkModeValidatesTheDriverSettingsToo() throws Exception {
        Path good = write("server.url=http://localhost:8080\nbootstrap.token=abc\ndriver=simulator\n");
        assertThat(new picocli.CommandLine(new QmAgent()).execute("-c", good.toString(), "--check")).isZero();

        Path bad = write("server.url=http://localhost:8080\nbootstrap.token=abc\ndriver=simulator\ndriver.failure.rate=7\n");
        assertThat(new picocli.CommandLine(new QmAgent()).execute("-c", bad.toString(), "--check")).isEqualTo(78);

        Path unknown = write("server.url=http://localhost:8080\nbootstrap.token=abc\ndriver=hyper-v\n");
        assertThat(new picocli.CommandLine(new QmAgent()).execute("-c", unknown.toString(), "--check")).isEqualTo(78);
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, text);
        return file;
    }
}
