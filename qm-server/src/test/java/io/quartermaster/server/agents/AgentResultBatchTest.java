package io.quartermaster.server.agents;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Several results in one call ({@code POST /agent/v1/tasks/completions}): recorded in one transaction, each
 * on its own, so a refused one, even one refused after it had written, leaves nothing behind and does not
 * hold back the others; on PostgreSQL too, where a failed statement would otherwise doom the transaction.
 */
@QmServerTest
class AgentResultBatchTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    Fixtures fixtures;
    Auth owner;
    Auth agent;
    UUID group;
    UUID template;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        CatalogFixtures catalog = new CatalogFixtures(api, fixtures);
        UUID tenant = fixtures.tenant("batches");
        Auth tenantAdmin = fixtures.user(tenant, "tadmin", true);
        owner = fixtures.user(tenant, "owner", false);
        group = fixtures.group(tenant, "lab");
        fixtures.member(group, owner, "USER");
        UUID host = catalog.host(tenant, fixtures.unique("batch-host"), 16, 65536, 1000);
        catalog.reservation(host, group, "lab", 8, 16384, 500, 10, 1);
        template = catalog.template(tenant, fixtures.unique("small"), 1024, List.of(group), Map.of("namingPrefix", "bt"));
        var token = api.post(tenantAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(host)));
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String name = fixtures.unique("batch-agent");
        var registered = api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken",
                token.json().path("token").asString(), "agentName", name, "version", "test"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        agent = Auth.bearer(name, registered.json().path("credential").asString());
    }

    @Test
    void eachResultOfABatchStandsOrFallsAloneAndTheRecordedOnesHandTheirNextSteps() {
        List<UUID> machines = List.of(order(), order(), order());
        List<JsonNode> tasks = new ArrayList<>();
        while (tasks.size() < 3) {
            var polled = api.get(agent, "/agent/v1/tasks?wait=PT5S&max=10");
            assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
            polled.json().path("tasks").forEach(tasks::add);
        }
        JsonNode done = tasks.get(0);
        JsonNode stale = tasks.get(1);
        JsonNode broken = tasks.get(2);
        // The workflow waiting for this one is gone by the time its result is recorded: the task row is
        // finished and the machine's timeline written before the engine refuses to move it on.
        String waiting = jdbc.queryForObject("SELECT execution_id FROM agent_tasks WHERE id = ?", String.class,
                UUID.fromString(broken.path("id").asString()));
        jdbc.update("UPDATE agent_tasks SET execution_id = 'no-such-execution' WHERE id = ?",
                UUID.fromString(broken.path("id").asString()));
        long eventsBefore = events(broken);
        UUID unknown = UUID.randomUUID();

        var answer = api.post(agent, "/agent/v1/tasks/completions", Map.of("takeNext", 5, "completed", List.of(
                completed(done, 0), completed(stale, 1), completed(broken, 0), completed(done, 0),
                Map.of("taskId", unknown, "attempt", 1, "epoch", 1, "result", Map.of()))));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode outcomes = answer.json().path("outcomes");
        assertThat(outcomes.size()).isEqualTo(5);
        assertThat(outcomes.valueStream().map(o -> o.path("taskId").asString()).toList()).containsExactly(
                done.path("id").asString(), stale.path("id").asString(), broken.path("id").asString(),
                done.path("id").asString(), unknown.toString());
        assertThat(outcomes.valueStream().map(o -> o.path("status").asInt()).toList())
                .containsExactly(200, 409, 500, 409, 404);
        assertThat(outcomes.get(1).path("reason").asString()).isEqualTo("StaleTask");
        assertThat(outcomes.get(2).path("reason").asString()).isEqualTo("InternalError");
        assertThat(outcomes.get(3).path("reason").asString()).as("answered once only").isEqualTo("StaleTask");
        assertThat(outcomes.get(4).path("reason").asString()).isEqualTo("NotFound");
        assertThat(outcomes.get(1).path("message").asString()).contains("no longer yours");

        // The recorded one moved its machine on and handed over its next step; nothing else did.
        JsonNode handed = answer.json().path("tasks");
        assertThat(handed.size()).isEqualTo(1);
        assertThat(handed.get(0).path("step").asString()).isEqualTo("Create-Machine");
        assertThat(handed.get(0).path("machineId").asString()).isEqualTo(done.path("machineId").asString());
        assertThat(state(done)).isEqualTo("Succeeded");
        assertThat(state(stale)).isEqualTo("Leased");
        // Nothing of the broken one was kept: its task is still leased, its timeline unchanged.
        assertThat(state(broken)).isEqualTo("Leased");
        assertThat(events(broken)).isEqualTo(eventsBefore);

        // Sent again once the workflow is back, both refused results are recorded after all.
        jdbc.update("UPDATE agent_tasks SET execution_id = ? WHERE id = ?", waiting,
                UUID.fromString(broken.path("id").asString()));
        var again = api.post(agent, "/agent/v1/tasks/completions", Map.of("completed", List.of(
                completed(stale, 0), completed(broken, 0))));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("outcomes").valueStream().map(o -> o.path("status").asInt()).toList())
                .containsExactly(200, 200);
        assertThat(again.json().path("tasks").size()).as("no takeNext, no tasks").isZero();
        assertThat(state(stale)).isEqualTo("Succeeded");
        assertThat(state(broken)).isEqualTo("Succeeded");
        assertThat(machines).allSatisfy(machine -> assertThat(api.get(owner, "/api/v1/machines/" + machine).json()
                .path("state").asString()).isEqualTo("Provisioning"));
    }

    @Test
    void qmAgentsClientSendsABatchAndReadsEachOutcome() {
        order();
        order();
        var polled = api.get(agent, "/agent/v1/tasks?wait=PT5S&max=10").json().path("tasks");
        while (polled.size() < 2) {
            polled = api.get(agent, "/agent/v1/tasks?wait=PT5S&max=10").json().path("tasks");
        }
        var client = new io.quartermaster.agent.server.AgentApiClient(java.net.URI.create("http://127.0.0.1:" + port),
                io.quartermaster.agent.server.AgentJson.mapper(), "test");
        client.useCredential(agent.header().substring("Bearer ".length()));
        JsonNode first = polled.get(0);
        JsonNode second = polled.get(1);
        var answer = client.completeAll(new io.quartermaster.api.agent.TaskCompletions(List.of(
                new io.quartermaster.api.agent.TaskCompletions.Completed(UUID.fromString(first.path("id").asString()),
                        first.path("attempt").asInt(), first.path("epoch").asLong(), Map.of("volume", "v1")),
                new io.quartermaster.api.agent.TaskCompletions.Completed(UUID.fromString(second.path("id").asString()),
                        second.path("attempt").asInt(), second.path("epoch").asLong() + 1, Map.of())), 2));

        assertThat(answer.outcomes()).hasSize(2);
        assertThat(answer.outcomes().get(0).wasRecorded()).isTrue();
        assertThat(answer.outcomes().get(1).wasRecorded()).isFalse();
        assertThat(answer.outcomes().get(1).status()).isEqualTo(409);
        assertThat(answer.outcomes().get(1).reason()).isEqualTo("StaleTask");
        assertThat(answer.tasks()).singleElement().satisfies(next -> {
            assertThat(next.step()).isEqualTo("Create-Machine");
            assertThat(next.machineId().toString()).isEqualTo(first.path("machineId").asString());
        });
    }

    @Test
    void aBatchThatIsEmptyTooLargeOrAsksTooMuchIsRefusedWhole() {
        assertProblem(api.post(agent, "/agent/v1/tasks/completions", Map.of("completed", List.of())), 400,
                "ValidationFailed");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(Map.of("taskId", UUID.randomUUID(), "attempt", 1, "epoch", 1, "result", Map.of()));
        }
        assertProblem(api.post(agent, "/agent/v1/tasks/completions", Map.of("completed", tooMany)), 400,
                "ValidationFailed");
        assertProblem(api.post(agent, "/agent/v1/tasks/completions", Map.of("takeNext", 501, "completed",
                List.of(Map.of("taskId", UUID.randomUUID(), "attempt", 1, "epoch", 1)))), 400, "ValidationFailed");
        assertProblem(api.post(agent, "/agent/v1/tasks/completions", Map.of("completed",
                List.of(Map.of("attempt", 1, "epoch", 1)))), 400, "ValidationFailed");
        assertThat(api.post(Auth.none(), "/agent/v1/tasks/completions", Map.of("completed",
                List.of(Map.of("taskId", UUID.randomUUID(), "attempt", 1, "epoch", 1)))).status()).isEqualTo(401);
    }

    private Map<String, Object> completed(JsonNode task, int epochOffset) {
        return Map.of("taskId", task.path("id").asString(), "attempt", task.path("attempt").asInt(), "epoch",
                task.path("epoch").asLong() + epochOffset, "result", Map.of("agent", "batch"));
    }

    private String state(JsonNode task) {
        return jdbc.queryForObject("SELECT state FROM agent_tasks WHERE id = ?", String.class,
                UUID.fromString(task.path("id").asString()));
    }

    private long events(JsonNode task) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM machine_events WHERE machine_id = ?", Long.class,
                UUID.fromString(task.path("machineId").asString()));
        return count == null ? 0 : count;
    }

    private UUID order() {
        var response = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("machines").get(0).path("id").asString());
    }
}
