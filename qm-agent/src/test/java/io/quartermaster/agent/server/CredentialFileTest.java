package io.quartermaster.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.agent.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFileTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheRegistrationInAFileOnlyItsOwnerMayRead() throws Exception {
        var file = new CredentialFile(dir.resolve("state/agent-credential.json"), AgentJson.mapper());
        var registration = new Registration(UUID.randomUUID(), "secret",
                List.of(new Registration.HostRef(UUID.randomUUID(), "kvm-01", "kvm")));

        file.write(registration);

        assertThat(file.read()).contains(registration);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path()))).isEqualTo("rw-------");
        assertThat(file.readableByOthers()).isFalse();
        try (var left = Files.list(file.path().getParent())) {
            assertThat(left).containsExactly(file.path());
        }
    }

    @Test
    void noticesAFileOthersMayRead() throws Exception {
        var file = new CredentialFile(dir.resolve("agent-credential.json"), AgentJson.mapper());
        file.write(new Registration(UUID.randomUUID(), "secret", List.of()));
        Files.setPosixFilePermissions(file.path(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(file.readableByOthers()).isTrue();
    }
}
