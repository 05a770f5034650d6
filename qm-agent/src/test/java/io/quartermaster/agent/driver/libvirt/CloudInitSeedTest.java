package io.quartermaster.agent.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudInitSeedTest {

    private final CloudInitSeed seed = new CloudInitSeed("qm-ready");
    private final UUID id = UUID.fromString("6f1c0c3e-0000-4000-8000-000000000001");

    @Test
    void metaDataNamesTheInstanceByMachineIdAndTheHost() {
        assertThat(seed.metaData(id, new CustomizationSpec("web-1", Map.of())))
                .isEqualTo("instance-id: 6f1c0c3e-0000-4000-8000-000000000001\nlocal-hostname: \"web-1\"\n");
    }

    @Test
    void userDataMakesTheOwnerAUserWithItsKeysAndAnnouncesReadiness() {
        String userData = seed.userData(new CustomizationSpec("web-1", Map.of(), "alice",
                List.of("ssh-ed25519 AAAA alice@laptop", "ssh-rsa BBBB \"quoted\""), null));

        assertThat(userData).startsWith("#cloud-config\n").contains(
                "hostname: \"web-1\"",
                "  - name: \"alice\"",
                "      - \"ssh-ed25519 AAAA alice@laptop\"",
                "      - \"ssh-rsa BBBB \\\"quoted\\\"\"",
                "final_message: \"qm-ready after $UPTIME s\"");
    }

    @Test
    void aTemplatesCloudConfigIsAppendedAndAScriptBecomesASecondPart() {
        String merged = seed.userData(new CustomizationSpec("web-1", Map.of(), null, List.of(), "#cloud-config\npackages: [nginx]\n"));
        assertThat(merged).startsWith("#cloud-config\n").endsWith("packages: [nginx]\n").containsOnlyOnce("#cloud-config");

        String multipart = seed.userData(new CustomizationSpec("web-1", Map.of(), null, List.of(), "#!/bin/sh\necho hi\n"));
        assertThat(multipart).startsWith("Content-Type: multipart/mixed").contains("Content-Type: text/cloud-config",
                "Content-Type: text/x-shellscript", "#!/bin/sh\necho hi");
    }
}
