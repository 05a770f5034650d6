package io.quartermaster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsAValidFile() throws Exception {
        Path file = write("server.url=https://qm.example:8443\nbootstrap.token=abc\nhosts=host-1, host-2\n");

        AgentConfig config = AgentConfig.load(file);

        assertThat(config.serverUrl()).isEqualTo(URI.create("https://qm.example:8443"));
        assertThat(config.driver()).isEqualTo("simulator");
        assertThat(config.hosts()).containsExactly("host-1", "host-2");
    }

    @Test
    void reportsEveryProblemWithTheKeyToFix() throws Exception {
        Path file = write("server.url=ftp://nope\n");

        assertThatThrownBy(() -> AgentConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.url must start with http:// or https://")
                .hasMessageContaining("hosts is missing");
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, text);
        return file;
    }
}
