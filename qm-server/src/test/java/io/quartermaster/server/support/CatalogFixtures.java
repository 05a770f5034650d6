package io.quartermaster.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.server.support.Api.Auth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Hosts, reservations and templates made through the API as the system administrator. */
public final class CatalogFixtures {

    private final Api api;
    private final Fixtures fixtures;

    public CatalogFixtures(Api api, Fixtures fixtures) {
        this.api = api;
        this.fixtures = fixtures;
    }

    public UUID host(UUID tenantId, String name, int cpu, long memoryMiB, long diskGiB) {
        var response = api.post(Fixtures.ADMIN, "/api/v1/hosts", Map.of("tenantId", tenantId, "name", name,
                "hypervisorType", "simulator", "totalCpu", cpu, "totalMemoryMiB", memoryMiB, "totalDiskGiB", diskGiB));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    public UUID reservation(UUID hostId, UUID groupId, String name, int cpu, long memoryMiB, long diskGiB,
            int maxMachines, int priority) {
        var response = api.post(Fixtures.ADMIN, "/api/v1/hosts/" + hostId + "/reservations", Map.of("groupId", groupId,
                "name", fixtures.unique(name), "cpu", cpu, "memoryMiB", memoryMiB, "diskGiB", diskGiB,
                "maxMachines", maxMachines, "priority", priority));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    /** A template of 1 cpu, {@code memoryMiB} and one 10 GiB disk, entitled to the groups, 7-day lease. */
    public UUID template(UUID tenantId, String name, long memoryMiB, List<UUID> groups, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("tenantId", tenantId, "name", name, "cpu", 1,
                "memoryMiB", memoryMiB, "disks", List.of(Map.of("sizeGiB", 10, "role", "system")),
                "imageRef", "test-image", "hypervisorType", "simulator", "leaseDays", 7, "entitledGroupIds", groups));
        body.putAll(extra);
        var response = api.post(Fixtures.ADMIN, "/api/v1/templates", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return UUID.fromString(response.json().path("id").asString());
    }

    public Api.Response claim(Auth auth, UUID groupId, UUID templateId) {
        return api.post(auth, "/api/v1/claims", Map.of("groupId", groupId, "templateId", templateId, "reason", "test"));
    }
}
