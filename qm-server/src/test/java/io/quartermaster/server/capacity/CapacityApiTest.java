package io.quartermaster.server.capacity;

import static io.quartermaster.server.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Api.Response;
import io.quartermaster.server.support.CatalogFixtures;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Hosts, reservations and claims through the API: the arithmetic, the limits and the refusals. */
@QmServerTest
class CapacityApiTest {

    @LocalServerPort
    int port;

    Api api;
    Fixtures fixtures;
    CatalogFixtures catalog;
    UUID tenant;
    UUID group;
    UUID host;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixtures = new Fixtures(api);
        catalog = new CatalogFixtures(api, fixtures);
        tenant = fixtures.tenant("capacity");
        group = fixtures.group(tenant, "capacity group");
        host = catalog.host(tenant, "host-1", 16, 65536, 1000);
    }

    @Test
    void badHostsAreRefusedNamingTheField() {
        Response negative = api.post(Fixtures.ADMIN, "/api/v1/hosts", Map.of("tenantId", tenant, "name", "h",
                "hypervisorType", "kvm", "totalCpu", -4, "totalMemoryMiB", 1024, "totalDiskGiB", 10));
        Response badType = api.post(Fixtures.ADMIN, "/api/v1/hosts", Map.of("tenantId", tenant, "name", "h",
                "hypervisorType", "KVM!", "totalCpu", 4, "totalMemoryMiB", 1024, "totalDiskGiB", 10));
        Response duplicate = api.post(Fixtures.ADMIN, "/api/v1/hosts", Map.of("tenantId", tenant, "name", "host-1",
                "hypervisorType", "kvm", "totalCpu", 4, "totalMemoryMiB", 1024, "totalDiskGiB", 10));

        assertProblem(negative, 400, "ValidationFailed");
        assertThat(negative.json().path("errors").get(0).path("field").asString()).isEqualTo("totalCpu");
        assertProblem(badType, 400, "ValidationFailed");
        assertProblem(duplicate, 409, "AlreadyExists");
    }

    @Test
    void reservationsMayNotAddUpToMoreThanTheHostAndTheErrorSaysByHowMuch() {
        UUID other = fixtures.group(tenant, "other group");
        catalog.reservation(host, group, "first", 12, 32768, 500, 10, 10);

        Response tooBig = api.post(Fixtures.ADMIN, "/api/v1/hosts/" + host + "/reservations", Map.of("groupId", other,
                "name", "second", "cpu", 8, "memoryMiB", 16384, "diskGiB", 600, "maxMachines", 10));

        assertProblem(tooBig, 409, "Conflict");
        assertThat(tooBig.json().path("detail").asString())
                .contains("would exceed it by 4 cpu, 0 MiB memory, 100 GiB disk");
        assertThat(host().path("capacity").path("reserved").path("cpu").asInt()).isEqualTo(12);
    }

    @Test
    void anOvercommitRatioOnTheHostAllowsMoreCpuAndMemoryButNotDisk() {
        assertThat(api.patch(Fixtures.ADMIN, "/api/v1/hosts/" + host, Map.of("overcommitRatio", 2)).status())
                .isEqualTo(200);
        UUID other = fixtures.group(tenant, "overcommitted");

        catalog.reservation(host, group, "a", 16, 65536, 500, 10, 10);
        catalog.reservation(host, other, "b", 16, 65536, 500, 10, 10);

        assertThat(host().path("capacity").path("percentReserved").asInt()).isEqualTo(100);
        assertThat(host().path("capacity").path("alert").asString()).isEqualTo("FULL");
        Response noDisk = api.patch(Fixtures.ADMIN, "/api/v1/reservations/"
                + catalog.reservation(host, fixtures.group(tenant, "third"), "c", 0, 0, 0, 1, 10), Map.of("diskGiB", 1));
        assertProblem(noDisk, 409, "Conflict");
    }

    @Test
    void unknownOrForeignGroupsAreRefused() {
        UUID foreignGroup = fixtures.group(fixtures.tenant("capacity-foreign"), "foreign");

        Response unknown = api.post(Fixtures.ADMIN, "/api/v1/hosts/" + host + "/reservations", Map.of("groupId",
                UUID.randomUUID(), "name", "x", "cpu", 1, "memoryMiB", 1, "diskGiB", 1, "maxMachines", 1));
        Response foreign = api.post(Fixtures.ADMIN, "/api/v1/hosts/" + host + "/reservations", Map.of("groupId",
                foreignGroup, "name", "x", "cpu", 1, "memoryMiB", 1, "diskGiB", 1, "maxMachines", 1));

        assertProblem(unknown, 400, "ValidationFailed");
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("groupId");
        assertProblem(foreign, 400, "ValidationFailed");
    }

    @Test
    void claimsMoveTheCountersAndComputeIsReleasedSeparatelyFromDisk() {
        UUID reservation = catalog.reservation(host, group, "counted", 4, 4096, 100, 3, 10);
        UUID template = catalog.template(tenant, "counted-template", 1024, List.of(group), Map.of());

        JsonNode claim = catalog.claim(Fixtures.ADMIN, group, template).json();
        String id = claim.path("id").asString();
        assertThat(claim.path("reservationId").asString()).isEqualTo(reservation.toString());
        assertThat(usage(reservation).path("claimed").path("memoryMiB").asInt()).isEqualTo(1024);

        api.post(Fixtures.ADMIN, "/api/v1/claims/" + id + "/release-compute", Map.of());
        JsonNode off = usage(reservation);
        assertThat(off.path("claimed").path("cpu").asInt()).isZero();
        assertThat(off.path("claimed").path("diskGiB").asInt()).isEqualTo(10);
        assertThat(off.path("claimedMachines").asInt()).isOne();

        api.post(Fixtures.ADMIN, "/api/v1/claims/" + id + "/release-compute", Map.of()); // twice: no effect
        assertThat(usage(reservation).path("claimed").path("diskGiB").asInt()).isEqualTo(10);

        api.post(Fixtures.ADMIN, "/api/v1/claims/" + id + "/reclaim-compute", Map.of());
        assertThat(usage(reservation).path("claimed").path("cpu").asInt()).isOne();

        assertThat(api.delete(Fixtures.ADMIN, "/api/v1/claims/" + id).status()).isEqualTo(204);
        JsonNode empty = usage(reservation);
        assertThat(empty.path("claimed").path("cpu").asInt()).isZero();
        assertThat(empty.path("claimed").path("diskGiB").asInt()).isZero();
        assertThat(empty.path("claimedMachines").asInt()).isZero();
    }

    @Test
    void aClaimAskedForInAFormatTheServerCannotAnswerInChangesNothing() {
        UUID reservation = catalog.reservation(host, group, "xml", 4, 4096, 100, 3, 10);
        UUID template = catalog.template(tenant, "xml-template", 1024, List.of(group), Map.of());

        Response xml = api.send(Fixtures.ADMIN, "POST", "/api/v1/claims",
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"groupId\":\"" + group + "\",\"templateId\":\""
                        + template + "\",\"reason\":\"x\"}"), "application/json", "Accept", "application/xml");

        assertThat(xml.status()).isEqualTo(406);
        assertThat(usage(reservation).path("claimedMachines").asInt()).isZero();
        String requestId = xml.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/audit?requestId=" + requestId).json().path("items").valueStream()
                .map(e -> e.path("outcome").asString())).containsOnly("NotAcceptable");
    }

    @Test
    void absurdSizesAndRatiosAreRefusedNamingTheField() {
        assertField(api.post(Fixtures.ADMIN, "/api/v1/hosts", Map.of("tenantId", tenant, "name", "huge",
                "hypervisorType", "kvm", "totalCpu", 4, "totalMemoryMiB", Long.MAX_VALUE / 2, "totalDiskGiB", 10)),
                "totalMemoryMiB");
        assertField(api.patch(Fixtures.ADMIN, "/api/v1/hosts/" + host, Map.of("overcommitRatio", 1.0004)),
                "overcommitRatio");
        assertField(api.patch(Fixtures.ADMIN, "/api/v1/hosts/" + host, Map.of("name", "  ")), "name");
    }

    @Test
    void aReservationWithItsDiskUsedUpIsFull() {
        UUID reservation = catalog.reservation(host, group, "disk-bound", 8, 8192, 10, 5, 10);
        UUID template = catalog.template(tenant, "disk-eater", 1024, List.of(group), Map.of());
        catalog.claim(Fixtures.ADMIN, group, template);

        assertThat(usage(reservation).path("alert").asString()).isEqualTo("FULL");
    }

    private static void assertField(Response response, String field) {
        assertProblem(response, 400, "ValidationFailed");
        assertThat(response.json().path("errors").valueStream().map(e -> e.path("field").asString())).contains(field);
    }

    @Test
    void aFullReservationAnswersCapacityUnavailableWithTheReason() {
        catalog.reservation(host, group, "tiny", 2, 2048, 100, 1, 10);
        UUID template = catalog.template(tenant, "fits-once", 1024, List.of(group), Map.of());

        assertThat(catalog.claim(Fixtures.ADMIN, group, template).status()).isEqualTo(201);
        Response second = catalog.claim(Fixtures.ADMIN, group, template);

        assertProblem(second, 409, "CapacityUnavailable");
        assertThat(second.json().path("detail").asString()).contains("has room for").contains("0 machine slot(s) free");
    }

    @Test
    void aHostInMaintenanceTakesNoNewClaims() {
        catalog.reservation(host, group, "maintained", 4, 4096, 100, 5, 10);
        UUID template = catalog.template(tenant, "maintenance-template", 1024, List.of(group), Map.of());
        assertThat(api.sendJson(Fixtures.ADMIN, "PUT", "/api/v1/hosts/" + host + "/state",
                Map.of("state", "MAINTENANCE", "reason", "disk replacement")).status()).isEqualTo(200);

        Response refused = catalog.claim(Fixtures.ADMIN, group, template);

        assertProblem(refused, 409, "CapacityUnavailable");
        assertThat(refused.json().path("detail").asString()).contains("maintenance");
        assertThat(host().path("stateReason").asString()).isEqualTo("disk replacement");
    }

    @Test
    void placementPrefersTheLowerPriorityNumberThenFollowsTheGroupsPolicy() {
        UUID host2 = catalog.host(tenant, "host-2", 16, 65536, 1000);
        UUID host3 = catalog.host(tenant, "host-3", 16, 65536, 1000);
        UUID preferred = catalog.reservation(host3, group, "preferred", 2, 2048, 100, 2, 1);
        UUID spreadA = catalog.reservation(host, group, "spread-a", 4, 8192, 100, 10, 50);
        UUID spreadB = catalog.reservation(host2, group, "spread-b", 4, 8192, 100, 10, 50);
        UUID template = catalog.template(tenant, "placed", 1024, List.of(group), Map.of());

        List<String> spread = claimReservations(template, 6);
        assertThat(spread.subList(0, 2)).containsOnly(preferred.toString());
        assertThat(spread.subList(2, 6)).containsOnly(spreadA.toString(), spreadB.toString())
                .filteredOn(spreadA.toString()::equals).hasSize(2);

        api.patch(Fixtures.ADMIN, "/api/v1/groups/" + group, Map.of("placementPolicy", "PACK"));
        List<String> packed = claimReservations(template, 2);
        assertThat(packed).hasSize(2).containsOnly(packed.get(0));
    }

    @Test
    void aReservationCannotShrinkBelowWhatIsClaimedNorBeDeletedWhileHeld() {
        UUID reservation = catalog.reservation(host, group, "held", 4, 4096, 100, 5, 10);
        UUID template = catalog.template(tenant, "held-template", 2048, List.of(group), Map.of());
        catalog.claim(Fixtures.ADMIN, group, template);

        Response shrink = api.patch(Fixtures.ADMIN, "/api/v1/reservations/" + reservation, Map.of("memoryMiB", 1024));
        Response delete = api.delete(Fixtures.ADMIN, "/api/v1/reservations/" + reservation);
        Response shrinkHost = api.patch(Fixtures.ADMIN, "/api/v1/hosts/" + host, Map.of("totalCpu", 2));

        assertProblem(shrink, 409, "Conflict");
        assertThat(shrink.json().path("detail").asString()).contains("short by 0 cpu, 1024 MiB memory");
        assertProblem(delete, 409, "Conflict");
        assertProblem(shrinkHost, 409, "Conflict");
        assertThat(shrinkHost.json().path("detail").asString()).contains("short by 2 cpu");
    }

    @Test
    void aChangedTemplateDoesNotChangeWhatIsAlreadyClaimed() {
        catalog.reservation(host, group, "stable", 8, 16384, 200, 5, 10);
        UUID template = catalog.template(tenant, "changing", 1024, List.of(group), Map.of());
        String claim = catalog.claim(Fixtures.ADMIN, group, template).json().path("id").asString();

        api.patch(Fixtures.ADMIN, "/api/v1/templates/" + template, Map.of("memoryMiB", 4096));

        assertThat(api.get(Fixtures.ADMIN, "/api/v1/claims/" + claim).json().path("memoryMiB").asInt()).isEqualTo(1024);
        assertThat(api.get(Fixtures.ADMIN, "/api/v1/templates/" + template).json().path("version").asInt()).isOne();
    }

    @Test
    void aGroupOrTenantStillInUseIsNotDeletedAndTheRefusalSaysWhatUsesIt() {
        catalog.reservation(host, group, "keeps the group", 1, 1024, 10, 1, 10);
        catalog.template(tenant, "keeps it too", 512, List.of(group), Map.of());

        Response group = api.delete(Fixtures.ADMIN, "/api/v1/groups/" + this.group);
        Response tenant = api.delete(Fixtures.ADMIN, "/api/v1/tenants/" + this.tenant);

        assertProblem(group, 409, "Conflict");
        assertThat(group.json().path("detail").asString())
                .contains("1 reservation(s)", "1 template entitlement(s)");
        assertProblem(tenant, 409, "Conflict");
        assertThat(tenant.json().path("detail").asString()).contains("group(s)", "host(s)", "template(s)");
    }

    private List<String> claimReservations(UUID template, int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> catalog.claim(Fixtures.ADMIN, group, template).json().path("reservationId").asString())
                .toList();
    }

    private JsonNode usage(UUID reservation) {
        return api.get(Fixtures.ADMIN, "/api/v1/reservations/" + reservation + "/usage").json();
    }

    private JsonNode host() {
        return api.get(Fixtures.ADMIN, "/api/v1/hosts/" + host).json();
    }
}
