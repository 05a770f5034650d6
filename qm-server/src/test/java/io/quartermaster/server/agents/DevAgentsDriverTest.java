package io.quartermaster.server.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.server.platform.startup.InvalidSettingException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Dev mode's choice of driver: the one named, with its settings passed through; an unknown one stops the start. */
class DevAgentsDriverTest {

    @Test
    void anUnknownDriverStopsTheServerAtStartNamingTheDriversThereAre() {
        assertThatThrownBy(() -> devAgents(new MockEnvironment(), "hyperv"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("qm.dev-agent.driver").hasMessageContaining("'hyperv'")
                .hasMessageContaining("simulator");
    }

    @Test
    void theDriverSettingsReachTheAgentsAsDriverSettings() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("qm.dev-agent.driver-settings.latency", "5ms")
                .withProperty("qm.dev-agent.driver-settings.uri", "test:///default");

        String lines = devAgents(environment, "simulator").driverLines();

        assertThat(lines).startsWith("driver=simulator\n").contains("driver.latency=5ms\n")
                .contains("driver.uri=test:///default\n").contains("driver.state-file=");
    }

    @Test
    void theLibvirtDriverKeepsItsFilesAndPoolsUnderTheDataFolderUnlessToldOtherwise() {
        String defaults = devAgents(new MockEnvironment(), "libvirt").driverLines();
        String given = devAgents(new MockEnvironment()
                .withProperty("qm.dev-agent.driver-settings.state-dir", "/srv/qm-libvirt"), "libvirt").driverLines();

        assertThat(defaults).startsWith("driver=libvirt\n").contains("driver.pool=qm-dev\n")
                .contains("driver.state-dir=" + Path.of("libvirt").toAbsolutePath() + "\n");
        assertThat(given).contains("driver.state-dir=/srv/qm-libvirt\n").doesNotContain("driver.latency");
    }

    private static DevAgents devAgents(MockEnvironment environment, String driver) {
        return new DevAgents(null, null, environment, Duration.ofSeconds(1), Path.of("dev-agent"), driver);
    }
}
