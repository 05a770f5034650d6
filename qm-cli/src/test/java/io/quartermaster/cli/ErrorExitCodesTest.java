package io.quartermaster.cli;

import io.quartermaster.cli.support.TestServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.cli.support.QmResult;
import io.quartermaster.cli.support.QmRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures end with the documented exit code and one line, {@code error: Reason: detail}, taken from the
 * server's problem document; never a stack trace.
 */
class ErrorExitCodesTest {

    static final String LAB = "Research and Development Virtual Lab";

    @TempDir
    Path dir;

    @Test
    void anUnknownMachineIsNotFound() {
        QmRunner uma = QmRunner.loggedIn(dir, "uma");

        QmResult byId = uma.run("machines", "show", UUID.randomUUID().toString());
        assertThat(byId.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertOneErrorLine(byId, "error: NotFound: Machine ");

        QmResult byName = uma.run("machines", "power-off", "no-such-machine");
        assertThat(byName.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertOneErrorLine(byName, "error: NotFound: No machine named 'no-such-machine'");

        assertThat(uma.run("history", "no-such-machine").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(uma.run("templates", "show", "No such template").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void whatTheCallerMayNotDoIsForbidden() throws Exception {
        QmRunner uma = QmRunner.loggedIn(dir, "uma");
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                name: Not for users
                cpu: 1
                memoryMiB: 512
                disks: [{sizeGiB: 5, role: system}]
                imageRef: tiny-linux
                hypervisorType: simulator
                leaseDays: 1
                entitledGroupIds: [Quality Assurance]
                """);

        QmResult create = uma.run("templates", "create", "-f", file.toString());

        assertThat(create.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertOneErrorLine(create, "error: Forbidden");
    }

    @Test
    void aRefusedTokenIsUnauthenticated() {
        QmResult refused = QmRunner.in(dir).withVariable("QM_SERVER", TestServer.get().url())
                .withVariable("QM_TOKEN", "qmp_revoked-or-made-up").run("machines", "list");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertOneErrorLine(refused, "error: InvalidToken");
    }

    @Test
    void noRoomForTheRequestIsAConflictAndNothingIsOrdered() {
        QmRunner gary = QmRunner.loggedIn(dir, "gary");
        int before = gary.run("machines", "list", "--owner", "me", "-o", "json").json().size();

        QmResult tooMany = gary.run("request", "Build server 4 GB", "--group", LAB, "--count", "20");

        assertThat(tooMany.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertOneErrorLine(tooMany, "error: CapacityUnavailable: ");
        assertThat(gary.run("machines", "list", "--owner", "me", "-o", "json").json().size()).isEqualTo(before);
    }

    @Test
    void anActionTheMachinesStateDoesNotAllowIsAConflictNamingWhatIsAllowed() {
        QmRunner gary = QmRunner.loggedIn(dir, "gary");
        QmResult ordered = gary.run("request", "Small test machine", "--group", LAB, "--wait", "--poll-interval", "200ms",
                "-o", "json");
        assertThat(ordered.exitCode()).as(ordered.toString()).isZero();
        String machine = ordered.json().path("machines").get(0).path("id").asString();

        QmResult restore = gary.run("machines", "restore", machine);
        assertThat(restore.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertOneErrorLine(restore, "error: ActionNotAllowed: ");
        assertThat(restore.err()).contains("power-off");

        assertThat(gary.run("machines", "dispose", machine, "--wait", "--poll-interval", "200ms").exitCode()).isZero();
    }

    @Test
    void inputTheServerRefusesIsAUsageErrorNamingTheField() {
        QmRunner uma = QmRunner.loggedIn(dir, "uma");

        QmResult unknownProperty = uma.run("request", "Small test machine", "--group", LAB, "-p", "Colour=blue");
        assertThat(unknownProperty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertOneErrorLine(unknownProperty, "error: UnknownProperty: ");

        QmResult badCount = uma.run("request", "Small test machine", "--group", LAB, "--count", "0");
        assertThat(badCount.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertOneErrorLine(badCount, "error: ValidationFailed");
        assertThat(badCount.err()).contains("count");
    }

    @Test
    void anUnreachableServerIsItsOwnExitCode() {
        QmResult unreachable = QmRunner.in(dir).withVariable("QM_SERVER", "http://127.0.0.1:9").withVariable("QM_TOKEN", "x")
                .run("templates", "list");

        assertThat(unreachable.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertOneErrorLine(unreachable, "error: ServerUnreachable: Cannot reach http://127.0.0.1:9");
    }

    private static void assertOneErrorLine(QmResult result, String start) {
        assertThat(result.err().lines()).as(result.toString()).singleElement().asString().startsWith(start);
        assertThat(result.out()).isEmpty();
    }
}
