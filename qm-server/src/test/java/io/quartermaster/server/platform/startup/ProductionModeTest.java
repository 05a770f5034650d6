package io.quartermaster.server.platform.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import picocli.CommandLine;

class ProductionModeTest {

    @Test
    void refusesDemoDataDefaultPasswordsAndTheEmbeddedDatabase() {
        var environment = new MockEnvironment()
                .withProperty("qm.demo-data", "true")
                .withProperty("qm.admin.password", "admin")
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/quartermaster");

        assertThat(ProductionSafetyCheck.problems(environment)).hasSize(3)
                .anySatisfy(problem -> assertThat(problem).contains("demo data"))
                .anySatisfy(problem -> assertThat(problem).contains("admin password is a default"))
                .anySatisfy(problem -> assertThat(problem).contains("embedded H2 database"));
    }

    @Test
    void refusesAMissingOrShortAdminPassword() {
        var missing = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/qm");
        var shortOne = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/qm")
                .withProperty("qm.admin.password", "Xy7!short");

        assertThat(ProductionSafetyCheck.problems(missing)).singleElement().asString().contains("QM_ADMIN_PASSWORD");
        assertThat(ProductionSafetyCheck.problems(shortOne)).singleElement().asString().contains("shorter than 12");
    }

    @Test
    void acceptsASafeConfigurationAndTheEmbeddedDatabaseWhenExplicitlyAllowed() {
        var postgres = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/qm")
                .withProperty("qm.admin.password", "a-strong-admin-password");
        var allowedH2 = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/qm")
                .withProperty("qm.admin.password", "a-strong-admin-password")
                .withProperty("qm.allow-embedded-database", "true");

        assertThat(ProductionSafetyCheck.problems(postgres)).isEmpty();
        assertThat(ProductionSafetyCheck.problems(allowedH2)).isEmpty();
    }

    @Test
    void theStartCommandSaysWhyInOneLineAndExitsWithItsOwnCode() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true));
            code = new CommandLine(new ServerCommand()).execute("start", "--port=0", "--qm.admin.password=",
                    "--qm.demo-data=true");
        } finally {
            System.setErr(original);
        }

        String output = err.toString().strip();
        assertThat(code).isEqualTo(ServerCommand.UNSAFE_CONFIGURATION);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).startsWith("qm-server: refusing to start in production: ")
                .contains("demo data").contains("no admin password").contains("embedded H2 database");
    }
}
