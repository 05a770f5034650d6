package io.quartermaster.server.agents;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The agent protocol through HTTP, as a real agent speaks it: registration with a one-time bootstrap
 * token, the long-poll, results fenced by attempt and epoch, inventory with its conditions, silence,
 * primary and backup agents, and an agent's view limited to its own hosts.
 */
@QmServerTest
class AgentApiTest {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    HeartbeatMonitor heartbeat;

    @Autowired
    TaskRecheck recheck;

    @Autowired
    TaskSignals signals;

    @Autowired
    MeterRegistry meters;

    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;
    Auth tenantAdmin;
    Auth owner;
    UUID group;
    UUID host;
    UUID template;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("agents");
        tenantAdmin = fixtures.user(tenant, "tadmin", true);
        owner = fixtures.user(tenant, "owner", false);
        group = fixtures.group(tenant, "lab");
        fixtures.member(group, owner, "USER");
        host = catalog.host(tenant, fixtures.unique("agent-host"), 16, 65536, 1000);
        catalog.reservation(host, group, "lab", 8, 16384, 500, 10, 1);
        template = catalog.template(tenant, fixtures.unique("small"), 1024, List.of(group), Map.of("namingPrefix", "ag"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void anAgentRegistersOncePollsRunsItsHostsTasksAndIsFenced() {
        String token = bootstrapToken(host);
        Auth agent = register(token, fixtures.unique("agent-a"));
        assertProblem(api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken", token, "agentName",
                fixtures.unique("agent-b"))), 401, "InvalidBootstrapToken");

        // Nothing queued: the poll waits, then answers empty.
        assertThat(poll(agent, "1").path("tasks").size()).isZero();

        UUID machine = order();
        JsonNode first = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(first.path("step").asString()).isEqualTo("Create-Volume");
        assertThat(first.path("machineId").asString()).isEqualTo(machine.toString());
        assertThat(first.path("attempt").asInt()).isEqualTo(1);
        long epoch = first.path("epoch").asLong();
        assertThat(epoch).isPositive();
        String task = first.path("id").asString();

        // A result for another epoch is refused; the right one moves the machine on.
        assertProblem(api.post(agent, "/agent/v1/tasks/" + task + "/complete", Map.of("attempt", 1, "epoch", epoch + 1,
                "result", Map.of())), 409, "StaleTask");
        assertThat(api.post(agent, "/agent/v1/tasks/" + task + "/complete", Map.of("attempt", 1, "epoch", epoch,
                "result", Map.of("volume", "v1"))).status()).isEqualTo(204);
        assertProblem(api.post(agent, "/agent/v1/tasks/" + task + "/complete", Map.of("attempt", 1, "epoch", epoch,
                "result", Map.of())), 409, "StaleTask");

        // A lock that runs out unanswered: the task comes again with the next attempt; the old one is refused.
        JsonNode second = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(second.path("step").asString()).isEqualTo("Create-Machine");
        clock.advance(Duration.ofMinutes(6));
        // No signal announces a lock that ran out: the task recheck (every 5 s) finds it and wakes the poll, so
        // the poll waits longer than one recheck (it answers as soon as it has the task).
        JsonNode again = poll(agent, "PT20S").path("tasks").get(0);
        assertThat(again.path("id").asString()).isEqualTo(second.path("id").asString());
        assertThat(again.path("attempt").asInt()).isEqualTo(2);
        assertProblem(api.post(agent, "/agent/v1/tasks/" + second.path("id").asString() + "/complete",
                Map.of("attempt", 1, "epoch", epoch, "result", Map.of())), 409, "StaleTask");

        // A terminal failure undoes the build: the completed volume step is taken back.
        // (The clock move also let the agent's own primary lease lapse: it took the host again, a new epoch.)
        var failed = api.post(agent, "/agent/v1/tasks/" + again.path("id").asString() + "/fail", Map.of("attempt", 2,
                "epoch", again.path("epoch").asLong(), "reason", "HypervisorBusy", "message", "try later", "retryable", false));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(204);
        JsonNode undo = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(undo.path("step").asString()).isEqualTo("Delete-Volume");
        assertThat(undo.path("undo").asBoolean()).isTrue();
    }

    @Test
    void anAgentExtendsTheLeaseOfATaskItStillRunsAndOnlyThatDeliveryMay() {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-x"));
        order();
        JsonNode task = poll(agent, "PT5S").path("tasks").get(0);
        String extend = "/agent/v1/tasks/" + task.path("id").asString() + "/extend";
        int attempt = task.path("attempt").asInt();
        long epoch = task.path("epoch").asLong();

        // Four minutes into the five-minute lock the step still runs: the lease now ends a lock from now.
        clock.advance(Duration.ofMinutes(4));
        var extended = api.post(agent, extend, Map.of("attempt", attempt, "epoch", epoch));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(200);
        assertThat(Instant.parse(extended.json().path("leaseUntil").asString()))
                .isCloseTo(clock.instant().plus(Duration.ofMinutes(5)), within(1, ChronoUnit.MILLIS));

        // Past the first lease the task is not delivered again (the agent stays primary by reporting).
        clock.advance(Duration.ofMinutes(2));
        report(agent, List.of(), epoch);
        assertThat(poll(agent, "0").path("tasks").size()).isZero();

        // Only the current delivery may extend: not another attempt or epoch, not once it is answered...
        assertProblem(api.post(agent, extend, Map.of("attempt", attempt + 1, "epoch", epoch)), 409, "StaleTask");
        assertProblem(api.post(agent, extend, Map.of("attempt", attempt, "epoch", epoch + 1)), 409, "StaleTask");
        assertThat(api.post(agent, "/agent/v1/tasks/" + task.path("id").asString() + "/complete", Map.of("attempt",
                attempt, "epoch", epoch, "result", Map.of())).status()).isEqualTo(204);
        assertProblem(api.post(agent, extend, Map.of("attempt", attempt, "epoch", epoch)), 409, "StaleTask");

        // ...and an agent of another host does not see the task at all.
        UUID otherHost = catalog.host(tenant, fixtures.unique("other-host"), 8, 8192, 100);
        Auth other = register(bootstrapToken(otherHost), fixtures.unique("agent-o"), otherHost);
        assertProblem(api.post(other, extend, Map.of("attempt", attempt, "epoch", epoch)), 404, "NotFound");
    }

    @Test
    void aPrimaryThatRestartedGetsItsTasksInFlightAgainAtOnce() {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-r"));
        long epoch = report(agent, List.of()).path("epoch").asLong();
        order();
        JsonNode task = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(report(agent, List.of(), epoch).path("epoch").asLong()).isEqualTo(epoch);
        assertThat(poll(agent, "0").path("tasks").size()).as("still in flight").isZero();

        // The agent process restarts: its first report knows no epoch. The task comes again, not in 5 minutes.
        long restarted = report(agent, List.of()).path("epoch").asLong();
        assertThat(restarted).isGreaterThan(epoch);
        JsonNode again = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(again.path("id").asString()).isEqualTo(task.path("id").asString());
        assertThat(again.path("attempt").asInt()).isEqualTo(task.path("attempt").asInt() + 1);
        assertProblem(api.post(agent, "/agent/v1/tasks/" + task.path("id").asString() + "/complete",
                Map.of("attempt", task.path("attempt").asInt(), "epoch", epoch, "result", Map.of())), 409, "StaleTask");
    }

    @Test
    void aQueuedTaskWakesAWaitingPollAtOnce() throws Exception {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-w"));
        poll(agent, "0"); // takes the host (primary)
        long started = System.nanoTime();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> poll(agent, "PT25S"));
        Thread.sleep(300); // let the poll start waiting: this is what is measured, not a wait for time to pass
        order();
        JsonNode batch = waiting.get();
        assertThat(batch.path("tasks").get(0).path("step").asString()).isEqualTo("Create-Volume");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void workNoSignalAnnouncesIsFoundByTheRecheckAndWakesTheWaitingPoll() throws Exception {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-rc"));
        order();
        JsonNode first = poll(agent, "PT5S").path("tasks").get(0);
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> poll(agent, "PT25S"));
        Thread.sleep(300); // let the poll start waiting: nothing is deliverable yet
        assertThat(recheck.recheck()).as("nothing to deliver yet").doesNotContain(host);

        // The delivery's lock runs out unanswered: no commit announces it, only the recheck can find it.
        clock.advance(Duration.ofMinutes(6));
        assertThat(recheck.recheck()).contains(host);
        JsonNode again = waiting.get(10, TimeUnit.SECONDS).path("tasks").get(0);
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(again.path("attempt").asInt()).isEqualTo(first.path("attempt").asInt() + 1);
    }

    @Test
    void anIdleAgentsPollWaitsWithoutLookingAtTheDatabaseUntilSomethingIsAnnounced() throws Exception {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-idle"));
        order();
        JsonNode first = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(poll(agent, "0").path("tasks").size()).as("a look that found all there was: nothing").isZero();
        // The delivery's lock runs out unanswered: deliverable again, and no signal says so.
        clock.advance(Duration.ofMinutes(6));
        double looked = looks();

        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> poll(agent, "PT25S"));
        Thread.sleep(300); // let the poll start: had it looked first, it would have the task by now
        assertThat(waiting).as("waiting, not answered by a first look").isNotDone();
        assertThat(looks()).isEqualTo(looked);

        assertThat(recheck.recheck()).contains(host);
        JsonNode again = waiting.get(10, TimeUnit.SECONDS).path("tasks").get(0);
        assertThat(again.path("id").asString()).isEqualTo(first.path("id").asString());
        assertThat(looks()).as("one look, after the recheck's signal").isEqualTo(looked + 1);
        assertThat(poll(agent, "0").path("tasks").size()).as("a poll that will not wait always looks").isZero();
        assertThat(looks()).isEqualTo(looked + 2);
    }

    @Test
    void aTaskQueuedWhileThePollWaitsIsHandedToItByTheTransactionThatQueuedIt() throws Exception {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-push"));
        poll(agent, "0"); // takes the host (primary)
        double looked = looks();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> poll(agent, "PT25S"));
        Thread.sleep(300); // let the poll start waiting

        UUID machine = order();

        JsonNode task = waiting.get(10, TimeUnit.SECONDS).path("tasks").get(0);
        assertThat(task.path("step").asString()).isEqualTo("Create-Volume");
        assertThat(task.path("machineId").asString()).isEqualTo(machine.toString());
        assertThat(task.path("attempt").asInt()).isOne();
        assertThat(looks()).as("leased by the request's own transaction: no look").isEqualTo(looked);
        assertThat(poll(agent, "0").path("tasks").size()).as("delivered once").isZero();
    }

    private double looks() {
        return meters.counter("qm.agents.poll.looks").count();
    }

    @Test
    void aStoppingServerAnswersWaitingPollsAtOnceInsteadOfWaitingThemOut() throws Exception {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-stop"));
        poll(agent, "0");
        long started = System.nanoTime();
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> poll(agent, "PT25S"));
        Thread.sleep(300); // let the poll start waiting
        signals.stop(); // what the server's shutdown does before the web server's graceful shutdown
        try {
            assertThat(waiting.get(10, TimeUnit.SECONDS).path("tasks").size()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            signals.start();
        }
    }

    @Test
    void aResultHandsTheAgentItsNextStepInTheAnswerAndNoWaitingPollGetsItToo() throws Exception {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-next"));
        UUID machine = order();
        JsonNode task = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(task.path("step").asString()).isEqualTo("Create-Volume");
        // Another poll of the same agent waits meanwhile, as qm-agent's does while a task runs.
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> poll(agent, "PT2S"));
        Thread.sleep(300); // let the poll start waiting

        List<String> handed = new java.util.ArrayList<>();
        while (true) {
            var answer = api.post(agent, "/agent/v1/tasks/" + task.path("id").asString() + "/complete", Map.of(
                    "attempt", task.path("attempt").asInt(), "epoch", task.path("epoch").asLong(), "result", Map.of(),
                    "takeNext", 3));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode next = answer.json().path("tasks");
            if (next.isEmpty()) {
                break; // Wait-Running was the last host step
            }
            assertThat(next.size()).isEqualTo(1); // one machine's steps run one at a time
            task = next.get(0);
            assertThat(task.path("machineId").asString()).isEqualTo(machine.toString());
            assertThat(task.path("attempt").asInt()).as("a lease, as a poll would have made it").isEqualTo(1);
            assertThat(task.path("leaseUntil").isMissingNode()).isFalse();
            handed.add(task.path("step").asString());
        }
        assertThat(handed).containsExactly("Create-Machine", "Customize-Machine", "Start-Machine", "Wait-Running");
        assertThat(waiting.get(10, TimeUnit.SECONDS).path("tasks").size()).as("nothing was delivered twice").isZero();
        assertThat(machine(machine).path("state").asString()).isEqualTo("Active");
    }

    @Test
    void aResultWithoutTakeNextLeavesTheNextStepToThePollAndABadTakeNextIsRefused() {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-old"));
        order();
        JsonNode task = poll(agent, "PT5S").path("tasks").get(0);
        String complete = "/agent/v1/tasks/" + task.path("id").asString() + "/complete";
        assertProblem(api.post(agent, complete, Map.of("attempt", 1, "epoch", task.path("epoch").asLong(),
                "result", Map.of(), "takeNext", -1)), 400, "ValidationFailed");
        // An agent that knows nothing of takeNext (or asks for none) gets 204, and its next poll the next step.
        assertThat(api.post(agent, complete, Map.of("attempt", 1, "epoch", task.path("epoch").asLong(),
                "result", Map.of(), "takeNext", 0)).status()).isEqualTo(204);
        JsonNode next = poll(agent, "PT5S").path("tasks").get(0);
        assertThat(next.path("step").asString()).isEqualTo("Create-Machine");
        assertThat(next.path("attempt").asInt()).isEqualTo(1);
    }

    @Test
    void anAgentSeesNothingOfAnotherTenantsHosts() {
        Auth mine = register(bootstrapToken(host), fixtures.unique("agent-mine"));
        UUID otherTenant = fixtures.tenant("others");
        Auth otherAdmin = fixtures.user(otherTenant, "oadmin", true);
        UUID otherHost = catalog.host(otherTenant, fixtures.unique("other-host"), 8, 8192, 100);
        var otherToken = api.post(otherAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(otherHost)));
        Auth theirs = register(otherToken.json().path("token").asString(), fixtures.unique("agent-theirs"), otherHost);

        order();
        JsonNode task = poll(mine, "PT5S").path("tasks").get(0);
        assertThat(poll(theirs, "1").path("tasks").size()).isZero();
        assertProblem(api.post(theirs, "/agent/v1/tasks/" + task.path("id").asString() + "/complete",
                Map.of("attempt", 1, "epoch", task.path("epoch").asLong(), "result", Map.of())), 404, "NotFound");
        assertProblem(api.post(theirs, "/agent/v1/hosts/" + host + "/inventory", Map.of("epoch", 0, "machines",
                List.of())), 404, "NotFound");
        // Neither may a tenant administrator make tokens for another tenant's host, nor an owner at all.
        assertProblem(api.post(tenantAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(otherHost))),
                404, "NotFound");
        assertThat(api.post(owner, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(host))).status())
                .isIn(403, 404);
        assertThat(api.get(otherAdmin, "/api/v1/agents").json().path("items").toString()).doesNotContain("agent-mine");
        // A user's password or API token means nothing on the agent API, and an agent's credential nothing on /api.
        assertProblem(api.get(tenantAdmin, "/agent/v1/tasks?wait=0"), 401, "InvalidCredential");
        assertThat(api.get(mine, "/api/v1/machines").status()).isEqualTo(401);
    }

    @Test
    void inventoryShowsMissingMachinesPowerDriftUnmanagedOnesAndSilence() {
        Auth agent = register(bootstrapToken(host), fixtures.unique("agent-inv"));
        UUID machine = order();
        runAll(agent);
        assertThat(machine(machine).path("state").asString()).isEqualTo("Active");

        UUID stranger = UUID.randomUUID();
        JsonNode ack = report(agent, List.of(Map.of("id", stranger, "name", "hand-made", "powerState", "On", "cpu", 2,
                "memoryMiB", 2048)));
        assertThat(ack.path("primary").asBoolean()).isTrue();
        assertThat(types(machine)).containsExactly("MissingOnHost");
        JsonNode hostView = api.get(tenantAdmin, "/api/v1/hosts/" + host + "/agent").json();
        assertThat(hostView.path("connection").asString()).isEqualTo("Connected");
        assertThat(hostView.path("unmanaged").get(0).path("name").asString()).isEqualTo("hand-made");
        assertThat(hostView.path("facts").path("hypervisor").asString()).isEqualTo("simulator");

        report(agent, List.of(Map.of("id", machine, "name", "x", "powerState", "Off", "cpu", 1, "memoryMiB", 1024)));
        assertThat(types(machine)).containsExactly("PowerDrift");
        assertThat(api.get(tenantAdmin, "/api/v1/hosts/" + host + "/agent").json().path("unmanaged").size()).isZero();

        report(agent, List.of(Map.of("id", machine, "name", "x", "powerState", "On", "cpu", 1, "memoryMiB", 1024)));
        assertThat(types(machine)).isEmpty();
        assertThat(api.get(owner, "/api/v1/machines/" + machine + "/history").json().toString())
                .contains("MissingOnHost cleared", "PowerDrift cleared");

        // Silence past the threshold: the host is Disconnected and its machines show it, until it reports.
        clock.advance(Duration.ofMinutes(2));
        assertThat(heartbeat.check()).contains(host);
        assertThat(types(machine)).containsExactly("HostDisconnected");
        assertThat(api.get(tenantAdmin, "/api/v1/hosts/" + host + "/agent").json().path("connection").asString())
                .isEqualTo("Disconnected");
        report(agent, List.of(Map.of("id", machine, "name", "x", "powerState", "On", "cpu", 1, "memoryMiB", 1024)));
        assertThat(types(machine)).isEmpty();
    }

    @Test
    void aBackupTakesOverWhenThePrimaryFallsSilentAndTheOldPrimaryIsFencedOff() {
        Auth primary = register(bootstrapToken(host), fixtures.unique("agent-p"));
        Auth backup = register(bootstrapToken(host), fixtures.unique("agent-b"));
        assertThat(report(primary, List.of()).path("primary").asBoolean()).isTrue();
        JsonNode backupAck = report(backup, List.of());
        assertThat(backupAck.path("primary").asBoolean()).isFalse();

        order();
        JsonNode task = poll(primary, "PT5S").path("tasks").get(0);
        assertThat(poll(backup, "1").path("tasks").size()).isZero();

        // The primary falls silent; after its lease the backup takes the host and gets the task again.
        clock.advance(Duration.ofSeconds(45));
        JsonNode takeover = report(backup, List.of());
        assertThat(takeover.path("primary").asBoolean()).isTrue();
        assertThat(takeover.path("epoch").asLong()).isGreaterThan(task.path("epoch").asLong());
        JsonNode redelivered = poll(backup, "PT5S").path("tasks").get(0);
        assertThat(redelivered.path("id").asString()).isEqualTo(task.path("id").asString());
        assertThat(redelivered.path("epoch").asLong()).isEqualTo(takeover.path("epoch").asLong());

        assertProblem(api.post(primary, "/agent/v1/tasks/" + task.path("id").asString() + "/complete",
                Map.of("attempt", task.path("attempt").asInt(), "epoch", task.path("epoch").asLong(), "result", Map.of())),
                409, "StaleTask");
        assertThat(report(primary, List.of()).path("primary").asBoolean()).isFalse();
        JsonNode agents = api.get(tenantAdmin, "/api/v1/agents").json();
        assertThat(agents.path("total").asInt()).isEqualTo(2);

        // Revoked: the credential stops working at once.
        String backupId = agents.path("items").valueStream().filter(a -> a.path("hosts").get(0).path("primary").asBoolean())
                .findFirst().orElseThrow().path("id").asString();
        assertThat(api.post(tenantAdmin, "/api/v1/agents/" + backupId + "/revoke", Map.of()).status()).isEqualTo(200);
        assertProblem(api.get(backup, "/agent/v1/tasks?wait=0"), 401, "InvalidCredential");
    }

    private String bootstrapToken(UUID forHost) {
        var created = api.post(tenantAdmin, "/api/v1/agents/bootstrap-tokens", Map.of("hostIds", List.of(forHost)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("token").asString();
    }

    private Auth register(String token, String name) {
        return register(token, name, host);
    }

    private Auth register(String token, String name, UUID expectedHost) {
        var registered = api.post(Auth.none(), "/agent/v1/register", Map.of("bootstrapToken", token, "agentName", name,
                "version", "test"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.json().path("hosts").get(0).path("id").asString()).isEqualTo(expectedHost.toString());
        return Auth.bearer(name, registered.json().path("credential").asString());
    }

    private JsonNode poll(Auth agent, String wait) {
        var response = api.get(agent, "/agent/v1/tasks?wait=" + wait);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** A report as a freshly started agent sends it (epoch 0: it knows of no delivery in flight). */
    private JsonNode report(Auth agent, List<Map<String, Object>> machines) {
        return report(agent, machines, 0);
    }

    /** A report of an agent that knows the host's epoch (a primary reporting 0 has restarted). */
    private JsonNode report(Auth agent, List<Map<String, Object>> machines, long epoch) {
        var response = api.post(agent, "/agent/v1/hosts/" + host + "/inventory", Map.of("epoch", epoch, "facts",
                Map.of("cpuCount", 16, "memoryMiB", 65536, "hypervisor", "simulator", "hypervisorVersion", "1",
                        "driver", "simulator", "agentVersion", "test"), "machines", machines));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Completes every task the agent is given until none is left (the machine is built). */
    private void runAll(Auth agent) {
        for (int i = 0; i < 20; i++) {
            JsonNode tasks = poll(agent, "PT2S").path("tasks");
            if (tasks.isEmpty()) {
                return;
            }
            for (JsonNode task : tasks) {
                assertThat(api.post(agent, "/agent/v1/tasks/" + task.path("id").asString() + "/complete", Map.of(
                        "attempt", task.path("attempt").asInt(), "epoch", task.path("epoch").asLong(), "result",
                        Map.of())).status()).isEqualTo(204);
            }
        }
    }

    private UUID order() {
        var response = api.post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("machines").get(0).path("id").asString());
    }

    private JsonNode machine(UUID machine) {
        return api.get(owner, "/api/v1/machines/" + machine).json();
    }

    private List<String> types(UUID machine) {
        return machine(machine).path("conditions").valueStream().map(c -> c.path("type").asString()).toList();
    }
}
