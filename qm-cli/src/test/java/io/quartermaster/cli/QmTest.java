package io.quartermaster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class QmTest {

    @Test
    void printsItsVersion() {
        StringWriter out = new StringWriter();
        int code = Qm.commandLine().setOut(new PrintWriter(out)).execute("--version");

        assertThat(code).isEqualTo(Qm.OK);
        assertThat(out.toString()).startsWith("qm ");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithItsOwnExitCode() {
        StringWriter err = new StringWriter();
        int code = Qm.commandLine().setErr(new PrintWriter(err)).execute("--no-such-option");

        assertThat(code).isEqualTo(Qm.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }
}
