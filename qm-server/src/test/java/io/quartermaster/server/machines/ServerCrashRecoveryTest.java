package io.quartermaster.server.machines;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api.Auth;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.ProcessDatabase;
import io.quartermaster.server.support.ServerProcess;
import io.quartermaster.server.support.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Recovery: the server is killed with SIGKILL (no shutdown of any kind) in the middle of its work and
 * started again on the same database. It must resume every machine where it was: builds go on, each
 * host step runs to completion once, and leases that ended while it was down end at its start; every
 * machine's capacity stays exactly accounted for.
 *
 * <p>The server runs as a process of its own (dev mode: its in-process agent completes each host step
 * after {@value #STEP_DELAY}), on an H2 file database or a PostgreSQL schema of its own. One crash
 * serves the whole class (starting a server takes seconds): machines are ordered in waves so the kill
 * finds some Active, some half built and some just begun, while four others have just become Active with
 * a one-day lease that ends while the server is down (a day is {@value #DAY} here).
 */
@Tag("database")
@ExtendWith(TestDatabase.Availability.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the database audit stops the server, so it comes last
class ServerCrashRecoveryTest {

    private static final String DAY = "PT6S";
    private static final String STEP_DELAY = "PT0.3S";
    private static final List<String> BUILD_STEPS = List.of("Create-Volume", "Create-Machine", "Customize-Machine",
            "Start-Machine", "Wait-Running");
    private static final Duration WORK_WITHIN = Duration.ofSeconds(40);
    /** The server's log lines: time, level, thread, the logger's full name, message. */
    private static final String LOG_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger - %msg%n";
    /** An error, or a warning of the server's own code or of its BPMN engine. */
    private static final Pattern TROUBLE =
            Pattern.compile("^\\S+ (ERROR|WARN  \\[[^]]*] (io\\.quartermaster|org\\.flowable)\\.)");

    ProcessDatabase database;
    ServerProcess server;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;
    UUID group;
    Auth owner;
    List<UUID> reservations = new ArrayList<>();
    /** Ordered in waves: at the kill some were Active, some half built, some just begun. */
    List<UUID> building = new ArrayList<>();
    /** Active at the kill, with a lease that ended while the server was down. */
    List<UUID> leased = new ArrayList<>();
    Map<String, Long> atKill;
    Instant relaunched;
    Instant ready;

    @BeforeAll
    void crashInTheMiddleOfTheWorkAndStartAgain(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory) {
        database = ProcessDatabase.create(directory);
        List<String> settings = new ArrayList<>(database.serverArguments());
        settings.addAll(List.of("--qm.demo-data=false", "--qm.admin.password=test-admin-password",
                "--qm.security.bcrypt-strength=4", "--qm.mail.enabled=false",
                "--qm.dev-agent.enabled=true", "--qm.dev-agent.step-delay=" + STEP_DELAY,
                "--qm.lifecycle.day-length=" + DAY, "--qm.lifecycle.reminder-days-before=0",
                "--logging.level.root=warn", "--logging.level.io.quartermaster=info",
                "--logging.pattern.console=" + LOG_PATTERN));
        server = new ServerProcess(directory, settings).start();
        seed();
        UUID longLease = template(1000);
        UUID oneDay = template(1);

        // Orders arrive while the agent works, so the kill finds machines at every point of a build (the
        // agent takes one step of each machine at a time); the one-day leases start just before it.
        List<UUID> first = order(longLease, 4);
        building.addAll(first);
        await("the first order to be Active", () -> all(first, this::active));
        List<UUID> second = order(longLease, 4);
        building.addAll(second);
        leased.addAll(order(oneDay, 4));
        await("the second order to be half built", () -> all(second, m -> hostStepsDone(m).size() >= 2));
        List<UUID> third = order(longLease, 4);
        building.addAll(third);
        await("the third order to be half built", () -> all(third, m -> hostStepsDone(m).size() >= 2));
        List<UUID> fourth = order(longLease, 4);
        building.addAll(fourth);
        await("the fourth order to have begun and the one-day leases to have started",
                () -> all(fourth, m -> !hostStepsDone(m).isEmpty()) && all(leased, this::active));

        atKill = whereEach(building);
        List<Instant> leaseEnds = leased.stream().map(m -> instant(machine(m), "leaseExpiresAt")).toList();
        server.kill();
        Instant killedAt = Instant.now();
        assertThat(atKill).as("the building machines at the kill").doesNotContainKey("Failed").containsKey("Active")
                .matches(where -> where.keySet().stream().anyMatch(w -> w.startsWith("Provisioning")),
                        "some in the middle of their build");
        assertThat(killedAt).as("killed before the first lease ended (else make the day longer)")
                .isBefore(leaseEnds.stream().min(Instant::compareTo).orElseThrow());

        // The one wait for time to pass: the leases must end while no server is there to notice.
        Instant lastEnd = leaseEnds.stream().max(Instant::compareTo).orElseThrow();
        Duration untilEnded = Duration.between(Instant.now(), lastEnd.plusMillis(200));
        if (!untilEnded.isNegative()) {
            sleep(untilEnded);
        }
        relaunched = Instant.now();
        server.start();
        ready = Instant.now();
        System.out.printf("[qm] crash recovery on %s: killed with %s building and 4 leases ending %.1f s later;"
                        + " relaunched %.1f s after the last lease end, ready %.1f s after that%n", TestDatabase.kind(),
                atKill, seconds(killedAt, lastEnd), seconds(lastEnd, relaunched), seconds(relaunched, ready));
    }

    @AfterAll
    void removeServer() throws SQLException {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.drop();
        }
    }

    @Test
    @Order(1)
    void machinesKilledInTheMiddleOfTheirBuildAreBuiltOnceWithExactlyOneClaimEach() {
        awaitRecovered();
        Map<UUID, JsonNode> views = new HashMap<>();
        for (UUID machine : building) {
            JsonNode view = machine(machine);
            views.put(machine, view);
            assertThat(view.path("powerState").asString()).as("power of %s", machine).isEqualTo("On");
            assertThat(view.path("currentStep").isNull()).as("%s busy with %s", machine, view.path("currentStep"))
                    .isTrue();
            assertThat(view.path("lastFailure").isNull()).as("failure of %s", machine).isTrue();
            assertThat(view.path("hostId").isNull()).as("host of %s", machine).isFalse();
            assertThat(view.path("name").asString()).as("name of %s", machine).startsWith("crash");
            assertThat(transitions(machine)).as("transitions of %s", machine)
                    .containsExactly("Requested->Provisioning", "Provisioning->Active");
            assertThat(hostStepsDone(machine)).as("host steps of %s", machine).containsExactlyElementsOf(BUILD_STEPS);
        }
        Set<String> names = new HashSet<>();
        Stream.concat(building.stream(), leased.stream()).map(m -> machine(m).path("name").asString())
                .forEach(name -> assertThat(names.add(name)).as("%s is the name of one machine only", name).isTrue());
        assertOneClaimEach(building, views, true);
        assertCountersEqualLiveClaims();
        assertEachWaitsIn(building, "actionB", "leaseEndsB"); // an action, or the end of the lease
    }

    @Test
    @Order(2)
    void leasesThatEndedWhileTheServerWasDownEndAtItsStart() {
        awaitRecovered();
        Map<UUID, JsonNode> views = new HashMap<>();
        for (UUID machine : leased) {
            JsonNode view = machine(machine);
            views.put(machine, view);
            assertThat(view.path("powerState").asString()).as("power of %s", machine).isEqualTo("Off");
            assertThat(view.path("currentStep").isNull()).as("%s busy with %s", machine, view.path("currentStep"))
                    .isTrue();
            assertThat(instant(view, "expiredAt")).as("expiry of %s: soon after the restart", machine)
                    .isAfter(relaunched).isAfter(instant(view, "leaseExpiresAt")).isBefore(ready.plus(WORK_WITHIN));
            assertThat(transitions(machine)).as("transitions of %s", machine)
                    .containsExactly("Requested->Provisioning", "Provisioning->Active", "Active->Expired");
            assertThat(hostStepsDone(machine)).as("host steps of %s", machine)
                    .containsExactlyElementsOf(Stream.concat(BUILD_STEPS.stream(), Stream.of("Stop-Machine")).toList());
        }
        assertOneClaimEach(leased, views, false); // disk and the machine slot stay for the tombstone
        assertCountersEqualLiveClaims();
        assertEachWaitsIn(leased, "expiredActionB", "tombstoneEndsB");
    }

    @Test
    @Order(3)
    void theRestartedServerReportsNoTroubleWithTheWorkItFound() {
        awaitRecovered();
        assertThat(server.logLines()).as("errors, and warnings of the server's code or its engine, after the restart")
                .filteredOn(line -> TROUBLE.matcher(line).find()).isEmpty();
    }

    @Test
    @Order(4)
    void theDatabaseHoldsNoOpenTaskNoDuplicateStepAndNoDrift() throws SQLException {
        awaitRecovered();
        server.stop(); // an H2 file opens in one process at a time
        List<UUID> machines = Stream.concat(building.stream(), leased.stream()).toList();
        try (Connection db = database.connect()) {
            RecoveryAudit audit = new RecoveryAudit(db);
            assertThat(audit.openTasks(machines)).as("agent tasks left open").isEmpty();
            assertThat(audit.tasksPerStep(machines)).as("agent tasks per machine and step")
                    .allSatisfy((machineStep, count) -> assertThat(count).as(machineStep).isOne());
            assertThat(audit.claimRows(machines)).as("claim rows per machine, released or not")
                    .hasSize(machines.size()).allSatisfy((holder, count) -> assertThat(count).as(holder).isOne());
            assertThat(audit.drift()).as("reservations whose counters differ from their live claims").isEmpty();
            assertThat(audit.deadLetterJobs()).as("engine jobs that failed for good").isZero();
            System.out.printf("[qm] crash recovery on %s: %d host step(s) in flight at the kill delivered again%n",
                    TestDatabase.kind(), audit.deliveredAgain(machines));
        }
    }

    /** Every machine where it should be: built, or expired by the restarted server. */
    private void awaitRecovered() {
        await("every machine to be Active or (the leased ones) Expired after the restart",
                () -> all(building, this::active) && all(leased, m -> state(m).equals("Expired")));
    }

    // --- the server's API ---

    private void seed() {
        fixtures = new Fixtures(server.api());
        catalog = new CatalogFixtures(server.api(), fixtures);
        tenant = fixtures.tenant("crash");
        group = fixtures.group(tenant, "lab");
        owner = fixtures.user(tenant, "owner", false);
        fixtures.member(group, owner, "USER");
        for (int i = 1; i <= 2; i++) {
            UUID host = catalog.host(tenant, fixtures.unique("crash-host-" + i), 16, 65536, 1000);
            reservations.add(catalog.reservation(host, group, "crash-" + i, 12, 16384, 200, 12, 1));
        }
    }

    /** 1 cpu, 1 GiB memory, a 10 GiB disk, no approval; a long tombstone, so an Expired machine stays so here. */
    private UUID template(int leaseDays) {
        return catalog.template(tenant, fixtures.unique("crash-" + leaseDays), 1024, List.of(group),
                Map.of("leaseDays", leaseDays, "tombstoneDays", 100, "namingPrefix", "crash"));
    }

    private List<UUID> order(UUID template, int count) {
        var response = server.api().post(owner, "/api/v1/requests", Map.of("templateId", template, "groupId", group,
                "count", count, "reason", "crash recovery test"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        List<UUID> ids = new ArrayList<>();
        response.json().path("machines").forEach(m -> ids.add(UUID.fromString(m.path("id").asString())));
        assertThat(ids).hasSize(count);
        return ids;
    }

    private JsonNode machine(UUID id) {
        var response = server.api().get(Fixtures.ADMIN, "/api/v1/machines/" + id);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String state(UUID id) {
        return machine(id).path("state").asString();
    }

    private boolean active(UUID id) {
        return state(id).equals("Active");
    }

    private List<JsonNode> history(UUID id) {
        List<JsonNode> events = new ArrayList<>();
        server.api().get(Fixtures.ADMIN, "/api/v1/machines/" + id + "/history?size=500").json().path("items")
                .forEach(events::add);
        return events;
    }

    private List<String> transitions(UUID id) {
        return history(id).stream().filter(e -> e.path("kind").asString().equals("Transition"))
                .map(e -> e.path("fromState").asString() + "->" + e.path("toState").asString()).toList();
    }

    /** The host steps the agent reported done, in order (a step done twice shows twice). */
    private List<String> hostStepsDone(UUID id) {
        return history(id).stream().filter(e -> e.path("actor").asString().equals("agent")
                        && e.path("detail").asString().startsWith("Done"))
                .map(e -> e.path("step").asString()).toList();
    }

    private JsonNode usage(UUID reservation) {
        return server.api().get(Fixtures.ADMIN, "/api/v1/reservations/" + reservation + "/usage").json();
    }

    /** "Active", "Provisioning at Create-Machine"… and how many machines are there. */
    private Map<String, Long> whereEach(List<UUID> machines) {
        Map<String, Long> result = new TreeMap<>();
        for (UUID id : machines) {
            JsonNode view = machine(id);
            String where = view.path("state").asString()
                    + (view.path("currentStep").isNull() ? "" : " at " + view.path("currentStep").asString());
            result.merge(where, 1L, Long::sum);
        }
        return result;
    }

    /** Each machine holds exactly one live claim of the template's size, on its host. */
    private void assertOneClaimEach(List<UUID> machines, Map<UUID, JsonNode> views, boolean computeHeld) {
        JsonNode claims = server.api().get(Fixtures.ADMIN, "/api/v1/claims?groupId=" + group + "&size=500").json();
        Map<String, List<JsonNode>> byHolder = new LinkedHashMap<>();
        claims.path("items").forEach(c -> byHolder.computeIfAbsent(c.path("holder").asString(), h -> new ArrayList<>())
                .add(c));
        assertThat(byHolder.keySet()).as("holders of the group's live claims")
                .containsExactlyInAnyOrderElementsOf(Stream.concat(building.stream(), leased.stream())
                        .map(m -> "machine:" + m).toList());
        for (UUID machine : machines) {
            List<JsonNode> held = byHolder.get("machine:" + machine);
            assertThat(held).as("live claims of %s", machine).hasSize(1);
            JsonNode claim = held.get(0);
            assertThat(List.of(claim.path("cpu").asLong(), claim.path("memoryMiB").asLong(),
                    claim.path("diskGiB").asLong()))
                    .as("size of the claim of %s", machine).containsExactly(1L, 1024L, 10L);
            assertThat(claim.path("computeHeld").asBoolean()).as("cpu and memory held by %s", machine)
                    .isEqualTo(computeHeld);
            assertThat(claim.path("hostId").asString()).as("host of the claim of %s", machine)
                    .isEqualTo(views.get(machine).path("hostId").asString());
        }
    }

    /** Each reservation's counters are the sums of its live claims (what the reconciler calls no drift). */
    private void assertCountersEqualLiveClaims() {
        for (UUID reservation : reservations) {
            long cpu = 0;
            long memory = 0;
            long disk = 0;
            long count = 0;
            for (JsonNode claim : server.api().get(Fixtures.ADMIN, "/api/v1/claims?reservationId=" + reservation
                    + "&size=500").json().path("items")) {
                boolean compute = claim.path("computeHeld").asBoolean();
                cpu += compute ? claim.path("cpu").asLong() : 0;
                memory += compute ? claim.path("memoryMiB").asLong() : 0;
                disk += claim.path("diskGiB").asLong();
                count++;
            }
            JsonNode usage = usage(reservation);
            JsonNode claimed = usage.path("claimed");
            assertThat(List.of(claimed.path("cpu").asLong(), claimed.path("memoryMiB").asLong(),
                    claimed.path("diskGiB").asLong(), usage.path("claimedMachines").asLong()))
                    .as("counters of reservation %s (cpu, memory, disk, machines)", reservation)
                    .containsExactly(cpu, memory, disk, count);
        }
    }

    /** One running lifecycle per machine, waiting where it should and nowhere else. */
    private void assertEachWaitsIn(List<UUID> machines, String... activities) {
        Map<String, List<List<String>>> waits = new HashMap<>();
        server.api().get(Fixtures.ADMIN, "/api/v1/workflows/machine-lifecycle/instances?size=500").json().path("items")
                .forEach(instance -> {
                    List<String> current = new ArrayList<>();
                    instance.path("currentActivities").forEach(a -> current.add(a.asString()));
                    waits.computeIfAbsent(instance.path("machineId").asString(), m -> new ArrayList<>()).add(current);
                });
        for (UUID machine : machines) {
            assertThat(waits.get(machine.toString())).as("where the lifecycle instances of %s wait", machine)
                    .containsExactly(List.of(activities));
        }
    }

    // --- waiting ---

    private static boolean all(List<UUID> machines, Predicate<UUID> condition) {
        return machines.stream().allMatch(condition);
    }

    /** Polls the live server until the condition holds: work in progress, not time passing. */
    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WORK_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + WORK_WITHIN + " waiting for " + what + "; building: "
                        + whereEach(building) + "; leased: " + whereEach(leased) + "\n" + server.logTail());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.path(field).asString());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
