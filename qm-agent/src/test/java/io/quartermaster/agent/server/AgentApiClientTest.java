package io.quartermaster.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.api.agent.AgentTaskView;
import io.quartermaster.api.agent.InventoryReport;
import io.quartermaster.api.agent.RegisterRequest;
import io.quartermaster.api.agent.Registration;
import io.quartermaster.api.agent.TaskCompletion;
import io.quartermaster.api.agent.TaskFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentApiClientTest {

    private final Registration.HostRef host = new Registration.HostRef(UUID.randomUUID(), "sim-host-01", "simulator");
    private final FakeAgentServer server;
    private final AgentApiClient client;

    AgentApiClientTest() throws Exception {
        server = new FakeAgentServer(host);
        client = new AgentApiClient(server.url(), AgentJson.mapper(), "test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersAndThenSpeaksWithItsCredential() {
        Registration registration = client.register(new RegisterRequest(server.bootstrapToken, "agent-1", "test"));
        client.useCredential(registration.credential());

        assertThat(registration).isEqualTo(server.registration);
        assertThat(client.tasks(Duration.ofMillis(10), 5).tasks()).isEmpty();
    }

    @Test
    void leasesTasksWithTheirParametersAndAnswersThem() {
        client.useCredential(server.registration.credential());
        UUID taskId = UUID.randomUUID();
        server.queued.add(new AgentTaskView(taskId, host.id(), UUID.randomUUID(), "Create-Machine",
                Map.of("cpu", 2, "disks", List.of(Map.of("role", "system", "sizeGiB", 10))), false, 3, 7,
                Instant.parse("2030-01-01T00:01:00Z")));

        AgentTaskView task = client.tasks(Duration.ofSeconds(5), 20).tasks().getFirst();
        client.complete(taskId, new TaskCompletion(task.attempt(), task.epoch(), Map.of("power", "Off")));

        assertThat(task.parameters()).containsEntry("cpu", 2);
        assertThat(task.leaseUntil()).isEqualTo(Instant.parse("2030-01-01T00:01:00Z"));
        assertThat(server.answers.poll().completion()).isEqualTo(new TaskCompletion(3, 7, Map.of("power", "Off")));
    }

    @Test
    void downloadsImageBytesWithItsCredentialFromAServerPath() throws Exception {
        server.images.put("img-1", "master bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        client.useCredential(server.registration.credential());

        try (var in = client.download("/agent/v1/images/img-1/content")) {
            assertThat(in.readAllBytes()).asString().isEqualTo("master bytes");
        }
        assertThatThrownBy(() -> client.download("/agent/v1/images/img-2/content"))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("404");
    }

    @Test
    void aProblemBecomesAnExceptionCarryingItsReason() {
        client.useCredential(server.registration.credential());
        UUID taskId = UUID.randomUUID();
        server.staleTasks.add(taskId);

        assertThatThrownBy(() -> client.fail(taskId, new TaskFailure(1, 1, "SimulatedFailure", "no", true)))
                .isInstanceOfSatisfying(ServerProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(409);
                    assertThat(p.isStaleTask()).isTrue();
                });
        client.useCredential("wrong");
        assertThatThrownBy(() -> client.inventory(host.id(), new InventoryReport(0, null, List.of())))
                .isInstanceOfSatisfying(ServerProblem.class, p -> assertThat(p.isInvalidCredential()).isTrue());
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var nobody = new AgentApiClient(URI.create("http://127.0.0.1:" + port), AgentJson.mapper(), "test");

        assertThatThrownBy(() -> nobody.register(new RegisterRequest("t", "a", "v"))).isInstanceOf(ServerUnreachable.class);
    }
}
