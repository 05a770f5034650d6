package io.quartermaster.server.portal;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.QmServerTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The portal's tests share one server with dev mode's demo data (Acme's uma, gary and tina, Globex's
 * otto; passwords equal usernames) and its in-process agents, which build machines on the simulator
 * with a short delay per step. Their registrations go to a folder of their own.
 */
@QmServerTest
@TestPropertySource(properties = {"qm.demo-data=true", "qm.dev-agent.enabled=true", "qm.dev-agent.step-delay=PT0.2S"})
abstract class PortalTestBase {

    static final String RND_LAB = "Research and Development Virtual Lab";
    static final String QA = "Quality Assurance";
    static final String OMNI = "Omni 3.2 Server 1 GB 10 GB";
    static final String SMALL = "Small test machine";
    static final String BUILD_SERVER = "Build server 4 GB";

    private static final Path DEV_AGENTS = devAgentFolder();

    @DynamicPropertySource
    static void devAgentsKeepTheirRegistrationsInATemporaryFolder(DynamicPropertyRegistry registry) {
        registry.add("qm.dev-agent.dir", DEV_AGENTS::toString);
    }

    @LocalServerPort
    int port;

    Api api() {
        return new Api(port);
    }

    static Auth demo(String username) {
        return Auth.basic(username, username);
    }

    UUID groupId(String username, String groupName) {
        for (JsonNode membership : api().get(demo(username), "/api/v1/users/me").json().path("memberships")) {
            if (membership.path("groupName").asString().equals(groupName)) {
                return UUID.fromString(membership.path("groupId").asString());
            }
        }
        throw new AssertionError(username + " is not in " + groupName);
    }

    UUID templateId(String username, String templateName) {
        for (JsonNode template : api().get(demo(username), "/api/v1/templates").json().path("items")) {
            if (template.path("name").asString().equals(templateName)) {
                return UUID.fromString(template.path("id").asString());
            }
        }
        throw new AssertionError(username + " cannot see " + templateName);
    }

    JsonNode machine(String username, UUID id) {
        return api().get(demo(username), "/api/v1/machines/" + id).json();
    }

    private static Path devAgentFolder() {
        try {
            Path folder = Files.createTempDirectory("qm-portal-dev-agents");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A temporary folder: the system cleans it up eventually.
        }
    }
}
