package io.quartermaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.cli.support.QmResult;
import io.quartermaster.cli.support.QmRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The administrators' commands against the real server: templates from files, capacity, agents, workflows, audit. */
class AdminCommandsTest {

    @TempDir
    Path dir;

    @Test
    void aTemplateFileCreatesATemplateAndApplyingItAgainUpdatesItByName() throws Exception {
        QmRunner tina = QmRunner.loggedIn(dir, "tina");
        String name = "CLI template " + System.nanoTime();
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                name: %s
                cpu: 2
                memoryMiB: 2048
                disks: [{sizeGiB: 20, role: system}]
                imageRef: debian-12
                hypervisorType: simulator
                leaseDays: 14
                approval: {mode: ALWAYS}
                entitledGroupIds: [Quality Assurance]
                """.formatted(name));

        QmResult created = tina.run("templates", "create", "-f", file.toString());
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.out()).startsWith("template '" + name + "' created (");
        JsonNode shown = tina.run("templates", "show", name, "-o", "json").json();
        assertThat(shown.path("leaseDays").asInt()).isEqualTo(14);
        assertThat(shown.path("approval").path("mode").asString()).isEqualTo("ALWAYS");
        assertThat(shown.path("entitledGroupIds")).hasSize(1);

        Files.writeString(file, Files.readString(file).replace("leaseDays: 14", "leaseDays: 7"));
        QmResult applied = tina.run("templates", "apply", "-f", file.toString());
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.out()).startsWith("template '" + name + "' updated (" + shown.path("id").asString() + ")");
        assertThat(tina.run("templates", "show", name, "-o", "json").json().path("leaseDays").asInt()).isEqualTo(7);

        QmResult again = tina.run("templates", "create", "-f", file.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(again.err()).startsWith("error: AlreadyExists");
    }

    @Test
    void aTemplateShownAsYamlCanBeEditedAndAppliedOnceAStaleCopyIsAConflict() throws Exception {
        QmRunner tina = QmRunner.loggedIn(dir, "tina");
        String name = "CLI round trip " + System.nanoTime();
        Path file = dir.resolve("new.json");
        Files.writeString(file, """
                {"name": "%s", "cpu": 1, "memoryMiB": 1024, "disks": [{"sizeGiB": 10, "role": "system"}],
                 "imageRef": "tiny-linux", "hypervisorType": "simulator", "leaseDays": 3,
                 "entitledGroupIds": ["Research and Development Virtual Lab"]}
                """.formatted(name));
        assertThat(tina.run("templates", "apply", "-f", file.toString()).out()).contains("created");

        Path shown = dir.resolve("shown.yaml");
        Files.writeString(shown, tina.run("templates", "show", name, "-o", "yaml").out().replace("cpu: 1", "cpu: 2"));
        QmResult applied = tina.withInput(Files.readString(shown)).run("templates", "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(tina.run("templates", "show", name, "-o", "json").json().path("cpu").asInt()).isEqualTo(2);

        QmResult stale = tina.run("templates", "apply", "-f", shown.toString());
        assertThat(stale.exitCode()).as(stale.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(stale.err()).startsWith("error: Conflict");
    }

    @Test
    void hostsReservationsAndAgentsAreListedForAdministrators() throws Exception {
        QmRunner tina = QmRunner.loggedIn(dir, "tina");

        QmResult hosts = tina.run("hosts", "list");
        assertThat(hosts.exitCode()).as(hosts.toString()).isZero();
        assertThat(hosts.out()).contains("sim-host-01", "sim-host-02", "sim-host-03", "ENABLED").doesNotContain("globex");
        assertThat(tina.run("hosts", "show", "sim-host-01").out()).contains("Reservable:", "16 cpu");
        assertThat(tina.run("hosts", "list", "-o", "json").json().findValuesAsString("name")).contains("sim-host-03");

        QmRunner gary = QmRunner.loggedIn(dir, "gary");
        QmResult reservations = gary.run("reservations", "list");
        assertThat(reservations.exitCode()).as(reservations.toString()).isZero();
        assertThat(reservations.out()).contains("R&D on sim-host-01", "Research and Development Virtual Lab")
                .doesNotContain("QA on sim-host-03");
        assertThat(gary.run("reservations", "show", "R&D on sim-host-01").out()).contains("Host:", "sim-host-01", "Used:");
        assertThat(tina.run("reservations", "list", "--host", "sim-host-03", "-o", "json").json().findValuesAsString("name"))
                .containsExactly("QA on sim-host-03");

        JsonNode agents = awaitConnectedAgent(tina);
        assertThat(agents.findValuesAsString("hostName")).contains("sim-host-01", "sim-host-02", "sim-host-03");
        assertThat(tina.run("agents", "list").out()).contains("CONNECTED", "sim-host-01");
    }

    @Test
    void workflowsCanBeListedDeployedAndMigratedBySystemAdministrators() throws Exception {
        QmRunner admin = QmRunner.loggedIn(dir, "admin");

        QmResult listed = admin.run("workflows", "list");
        assertThat(listed.exitCode()).as(listed.toString()).isZero();
        assertThat(listed.out()).contains("machine-lifecycle", "machine-build");

        Path bpmn = dir.resolve("machine-lifecycle.bpmn20.xml");
        try (InputStream shipped = getClass().getResourceAsStream("/processes/machine-lifecycle.bpmn20.xml")) {
            Files.copy(shipped, bpmn);
        }
        QmResult deployed = admin.run("workflows", "deploy", bpmn.toString());
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();
        assertThat(deployed.out()).contains("machine-lifecycle");

        int latest = admin.run("workflows", "list", "-o", "json").json().valueStream()
                .filter(workflow -> workflow.path("key").asString().equals("machine-lifecycle")).findFirst().orElseThrow()
                .path("latestVersion").asInt();
        assertThat(admin.run("workflows", "versions", "machine-lifecycle", "-o", "json").json().findValuesAsString("key"))
                .contains("machine-lifecycle");
        QmResult migrated = admin.run("workflows", "migrate", "machine-lifecycle", "--to-version", String.valueOf(latest),
                "--from-version", String.valueOf(latest), "-o", "json");
        assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
        assertThat(migrated.json().path("toVersion").asInt()).isEqualTo(latest);
        assertThat(migrated.json().path("migrated").asLong()).isZero();

        Path broken = dir.resolve("broken.bpmn20.xml");
        Files.writeString(broken, "<definitions>not a workflow");
        QmResult refused = admin.run("workflows", "deploy", broken.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).startsWith("error: InvalidWorkflow");
    }

    @Test
    void theAuditTrailIsFilteredAsTheApiFiltersIt() {
        QmRunner tina = QmRunner.loggedIn(dir, "tina");
        QmRunner.loggedIn(dir, "uma");

        QmResult audit = tina.run("audit", "--actor", "uma", "--since", "1h", "-o", "json");

        assertThat(audit.exitCode()).as(audit.toString()).isZero();
        assertThat(audit.json().findValuesAsString("actor")).isNotEmpty().containsOnly("uma");
        assertThat(tina.run("audit", "--limit", "3").out().lines()).hasSize(4).first().asString().startsWith("AT");
        assertThat(tina.run("audit", "--since", "yesterday").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void administratorsCommandsAreForbiddenToUsers() {
        QmRunner uma = QmRunner.loggedIn(dir, "uma");

        for (String[] command : new String[][] {{"hosts", "list"}, {"agents", "list"}, {"audit"}, {"workflows", "list"}}) {
            QmResult refused = uma.run(command);
            assertThat(refused.exitCode()).as(String.join(" ", command)).isEqualTo(ExitCodes.DENIED);
            assertThat(refused.err().lines()).singleElement().asString().startsWith("error: Forbidden");
        }
    }

    private static JsonNode awaitConnectedAgent(QmRunner tina) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode agents = null;
        while (System.nanoTime() < deadline) {
            agents = tina.run("agents", "list", "-o", "json").json();
            if (agents.valueStream().anyMatch(agent -> agent.path("connected").asBoolean())) {
                return agents;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no connected agent: " + agents);
    }
}
