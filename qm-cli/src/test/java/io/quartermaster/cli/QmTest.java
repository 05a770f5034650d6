package io.quartermaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.cli.support.QmResult;
import io.quartermaster.cli.support.QmRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What qm does without a server: its version, help, usage errors and completion scripts. */
class QmTest {

    @TempDir
    Path dir;

    @Test
    void printsItsVersion() {
        QmResult version = QmRunner.in(dir).run("--version");

        assertThat(version.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(version.out()).startsWith("qm ");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithItsOwnExitCode() {
        QmResult result = QmRunner.in(dir).run("--no-such-option");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: Unknown option: '--no-such-option'").contains("See 'qm --help'.");
    }

    @Test
    void aMistypedCommandIsAUsageErrorSuggestingTheRightOne() {
        QmResult result = QmRunner.in(dir).run("machine", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Did you mean").contains("machines");
    }

    @Test
    void aCommandGroupWithoutItsSubcommandIsAUsageErrorNamingThem() {
        QmResult result = QmRunner.in(dir).run("machines");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: Missing a subcommand: one of ")
                .contains("list", "show", "power-off", "extend").doesNotContain("extend-lease");
    }

    @Test
    void badValuesAreUsageErrorsBeforeAnythingIsSent() {
        QmRunner qm = QmRunner.in(dir);

        assertThat(qm.run("machines", "list", "-o", "xml").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(qm.run("machines", "list", "--state", "Sleeping").exitCode()).isEqualTo(ExitCodes.USAGE);
        QmResult timeout = qm.run("request", "Small test machine", "--wait", "--timeout", "soon");
        assertThat(timeout.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(timeout.err()).startsWith("error: InvalidOption: --timeout 'soon'");
    }

    @Test
    void everyCommandHasHelpWithAnExampleAndTheExitCodes() {
        CommandLine root = Qm.commandLine(CliEnvironment.system());
        List<String> withoutExample = new ArrayList<>();
        List<CommandLine> commands = new ArrayList<>();
        collect(root, commands);
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName(" ");
            if (name.equals("qm help")) {
                continue;
            }
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            boolean example = help.contains("  " + name + " ") || help.contains("  " + name + System.lineSeparator());
            if (!help.contains("Example") || !example) {
                withoutExample.add(name);
            }
            assertThat(help).as(name).contains("--help", "Exit codes:", "4   Not signed in");
        }
        assertThat(commands).hasSizeGreaterThan(30);
        assertThat(withoutExample).isEmpty();

        QmResult help = QmRunner.in(dir).run("machines", "power-off", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: qm machines power-off", "--wait", "Example:", "qm machines power-off test-0001");
    }

    @Test
    void completionScriptsForBashAndZshCoverCommandsAndOptions() throws Exception {
        QmResult bash = QmRunner.in(dir).run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).startsWith("#!/usr/bin/env bash").contains("complete -F _complete_qm")
                .contains("power-off", "--expiring-before", "approvals", "FORMAT_option_args=(\"table\" \"json\" \"yaml\")");
        Path script = dir.resolve("qm.bash");
        Files.writeString(script, bash.out());
        if (Files.isExecutable(Path.of("/bin/bash"))) {
            Process sourced = new ProcessBuilder("/bin/bash", "-c", "source " + script + " && complete -p qm")
                    .redirectErrorStream(true).start();
            assertThat(new String(sourced.getInputStream().readAllBytes())).contains("-F _complete_qm qm");
            assertThat(sourced.waitFor()).isZero();
        }

        QmResult zsh = QmRunner.in(dir).run("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).contains("bashcompinit").contains("complete -F _complete_qm");

        assertThat(QmRunner.in(dir).run("completion", "fish").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
