package io.quartermaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.cli.support.QmResult;
import io.quartermaster.cli.support.QmRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A user's day with qm against the real server and its in-process agents: the catalog, ordering a machine
 * and waiting until it is Active, listing, showing, powering off, and its timeline.
 */
class OrderingTest {

    static final String SMALL = "Small test machine";
    static final String LAB = "Research and Development Virtual Lab";

    @TempDir
    Path dir;

    QmRunner uma;

    @BeforeEach
    void logIn() {
        uma = QmRunner.loggedIn(dir, "uma");
    }

    @Test
    void templatesAreListedAsATableAndAsJson() {
        QmResult table = uma.run("templates", "list");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("APPROVAL", "ID");
        assertThat(table.out()).contains(SMALL, "Omni 3.2 Server 1 GB 10 GB", "Build server 4 GB");

        QmResult json = uma.run("templates", "list", "-o", "json");
        assertThat(json.json().isArray()).isTrue();
        assertThat(json.json().findValuesAsString("name")).contains(SMALL, "Build server 4 GB");
        JsonNode small = json.json().valueStream().filter(t -> t.path("name").asString().equals(SMALL)).findFirst().orElseThrow();
        assertThat(small.path("maxMachinesPerUser").asInt()).isEqualTo(3);

        QmResult yaml = uma.run("templates", "list", "--group", "Quality Assurance", "-o", "yaml");
        assertThat(yaml.yaml().findValuesAsString("name")).contains(SMALL).doesNotContain("Build server 4 GB");

        QmResult shown = uma.run("templates", "show", SMALL);
        assertThat(shown.out()).contains("Lease:", "1 day", "BuildType = Quick (you may set it)", "Quality Assurance");
    }

    @Test
    void aRequestWaitsUntilTheMachineIsActiveThenTheMachineCanBeListedShownAndPoweredOff() {
        QmResult ordered = uma.run("request", SMALL, "--group", LAB, "-p", "BuildType=Debug", "--reason", "cli test",
                "--wait", "--poll-interval", "200ms", "--timeout", "2m", "-o", "json");

        assertThat(ordered.exitCode()).as(ordered.toString()).isZero();
        JsonNode machine = ordered.json().path("machines").get(0);
        assertThat(machine.path("state").asString()).isEqualTo("Active");
        assertThat(machine.path("properties").path("BuildType").asString()).isEqualTo("Debug");
        assertThat(ordered.err()).contains("1/1 Active").contains("[########################]");
        String name = machine.path("name").asString();
        String id = machine.path("id").asString();

        QmResult listed = uma.run("machines", "list", "--state", "active", "--owner", "me", "--template", SMALL);
        assertThat(listed.out()).contains(name, id, "Active");
        assertThat(uma.run("machines", "list", "--state", "Expired", "-o", "json").json().findValuesAsString("id"))
                .doesNotContain(id);
        assertThat(uma.run("machines", "list", "--expiring-before", "2d", "-o", "json").json().findValuesAsString("id"))
                .contains(id);
        assertThat(uma.run("machines", "list", "--expiring-before", "2000-01-01", "-o", "json").json().findValuesAsString("id"))
                .doesNotContain(id);

        QmResult shown = uma.run("machines", "show", name);
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("Name:", name, "State:", "Active", "Lease ends:", "power-off", "BuildType: Debug");
        assertThat(uma.run("machines", "show", id, "-o", "yaml").yaml().path("name").asString()).isEqualTo(name);

        QmResult off = uma.run("machines", "power-off", name, "--wait", "--poll-interval", "200ms", "--timeout", "2m");
        assertThat(off.exitCode()).as(off.toString()).isZero();
        assertThat(off.out()).contains(name + ": power-off done; Active, Off");
        assertThat(uma.run("machines", "show", id, "-o", "json").json().path("powerState").asString()).isEqualTo("Off");

        QmResult history = uma.run("history", name);
        assertThat(history.exitCode()).as(history.toString()).isZero();
        assertThat(history.out()).contains("Provisioning → Active", "Create-Machine", "power-off");
        assertThat(uma.run("history", id, "-o", "json").json().findValuesAsString("kind")).contains("Transition", "Step", "Action");

        assertThat(uma.run("machines", "dispose", id, "--wait", "--poll-interval", "200ms").exitCode()).isZero();
        assertThat(uma.run("machines", "show", id, "-o", "json").json().path("state").asString()).isEqualTo("Disposed");
    }

    @Test
    void aTemplateOfferedToSeveralOfTheUsersGroupsNeedsAGroup() {
        QmResult ambiguous = uma.run("request", SMALL);

        assertThat(ambiguous.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ambiguous.err()).startsWith("error: GroupNeeded:").contains("'" + LAB + "'", "'Quality Assurance'");
    }

    @Test
    void aDryRunShowsPriceApprovalAndHeadroomAndOrdersNothing() {
        int before = uma.run("machines", "list", "-o", "json").json().size();

        QmResult estimate = uma.run("request", "Omni 3.2 Server 1 GB 10 GB", "--group", LAB, "--count", "2", "--dry-run");

        assertThat(estimate.exitCode()).as(estimate.toString()).isZero();
        assertThat(estimate.out()).contains("Price:", "EUR", "Approval:", "needed", "Capacity:");
        assertThat(uma.run("machines", "list", "-o", "json").json().size()).isEqualTo(before);
    }
}
