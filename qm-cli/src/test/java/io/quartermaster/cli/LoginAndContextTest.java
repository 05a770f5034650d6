package io.quartermaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.cli.support.QmResult;
import io.quartermaster.cli.support.QmRunner;
import io.quartermaster.cli.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qm login, its contexts, and the environment variables that override them, against the real server. */
class LoginAndContextTest {

    @TempDir
    Path dir;

    @Test
    void loginWithAPasswordMakesATokenAndKeepsItInAnOwnerOnlyConfigFile() throws Exception {
        QmRunner qm = QmRunner.in(dir);

        QmResult login = qm.withInput("uma\n").run("login", TestServer.get().url(), "--username", "uma", "--password-stdin");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Logged in to " + TestServer.get().url()).contains("as uma");
        String config = Files.readString(qm.configFile());
        assertThat(config).contains("current-context:").contains("token: qmp_").contains("user: uma").doesNotContain("password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(qm.configFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(qm.configFile().getParent()))).isEqualTo("rwx------");

        QmResult whoami = qm.run("whoami", "-o", "json");
        assertThat(whoami.exitCode()).as(whoami.toString()).isZero();
        assertThat(whoami.json().path("user").path("username").asString()).isEqualTo("uma");
        assertThat(qm.run("whoami").out()).contains("Research and Development Virtual Lab (USER");
    }

    @Test
    void aTokenGivenOnStandardInputIsCheckedBeforeItIsKept() {
        QmRunner uma = QmRunner.loggedIn(dir, "uma");
        String token = tokenOf(uma);
        QmRunner other = QmRunner.in(dir);

        QmResult refused = other.withInput("qmp_not-a-real-token\n").run("login", TestServer.get().url(), "--token-stdin");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(refused.err().strip()).startsWith("error: InvalidToken").doesNotContain("\n");
        assertThat(other.configFile()).doesNotExist();

        QmResult accepted = other.withInput(token + "\n").run("login", TestServer.get().url(), "--token-stdin", "--name", "mine");
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(other.run("context", "current").out().strip()).isEqualTo("mine");
    }

    @Test
    void contextsCanBeListedSwitchedAndDeletedWithoutShowingTokens() {
        QmRunner qm = QmRunner.loggedIn(dir, "uma");
        assertThat(qm.withInput("gary\n").run("login", TestServer.get().url(), "--username", "gary", "--password-stdin",
                "--name", "gary-context").exitCode()).isZero();

        QmResult list = qm.run("context", "list");
        assertThat(list.out()).contains("gary-context").contains("test").doesNotContain(tokenOf(qm));
        assertThat(list.out().lines().filter(line -> line.startsWith("*"))).singleElement().asString().contains("gary-context");
        assertThat(qm.run("context", "list", "-o", "json").json().findValuesAsString("token"))
                .allSatisfy(token -> assertThat(token).endsWith("…").hasSizeLessThan(12));

        assertThat(qm.run("whoami", "-o", "json").json().path("user").path("username").asString()).isEqualTo("gary");
        assertThat(qm.run("--context", "test", "whoami", "-o", "json").json().path("user").path("username").asString()).isEqualTo("uma");
        assertThat(qm.run("whoami", "-o", "json", "--context", "test").json().path("user").path("username").asString()).isEqualTo("uma");
        assertThat(qm.withVariable("QM_CONTEXT", "test").run("whoami", "-o", "json").json().path("user").path("username")
                .asString()).isEqualTo("uma");

        assertThat(qm.run("context", "use", "test").exitCode()).isZero();
        assertThat(qm.run("whoami", "-o", "json").json().path("user").path("username").asString()).isEqualTo("uma");
        assertThat(qm.run("context", "delete", "gary-context").exitCode()).isZero();
        assertThat(qm.run("context", "list").out()).doesNotContain("gary-context");
        assertThat(qm.run("context", "use", "gary-context").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(qm.run("--context", "nowhere", "whoami").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void environmentVariablesOverrideTheConfigFileAndATokenNeverGoesToAnotherServer() {
        QmRunner uma = QmRunner.loggedIn(dir, "uma");
        QmRunner fresh = QmRunner.in(dir);

        QmResult fromEnvironment = fresh.withVariable("QM_SERVER", TestServer.get().url()).withVariable("QM_TOKEN", tokenOf(uma))
                .run("whoami", "-o", "json");
        assertThat(fromEnvironment.exitCode()).as(fromEnvironment.toString()).isZero();
        assertThat(fromEnvironment.json().path("user").path("username").asString()).isEqualTo("uma");

        QmResult otherServer = uma.withVariable("QM_SERVER", "http://127.0.0.1:9").run("whoami");
        assertThat(otherServer.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(otherServer.err()).startsWith("error: NotLoggedIn: No token for http://127.0.0.1:9");

        QmResult notLoggedIn = fresh.run("machines", "list");
        assertThat(notLoggedIn.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(notLoggedIn.err()).startsWith("error: NotLoggedIn");
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersReason() {
        QmResult refused = QmRunner.in(dir).withInput("not-the-password\n")
                .run("login", TestServer.get().url(), "--username", "uma", "--password-stdin");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(refused.err().lines()).singleElement().asString().startsWith("error: InvalidCredentials");
    }

    private static String tokenOf(QmRunner qm) {
        try {
            return Files.readAllLines(qm.configFile()).stream().filter(line -> line.strip().startsWith("token:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
