package io.quartermaster.server.support;

import io.quartermaster.server.QuartermasterServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Another server node on the same test database as a running test context, as two nodes share one database. */
public final class SecondNode {

    private SecondNode() {}

    /** Starts the node; {@code moreArguments} ({@code --name=value}) add to or override its settings. */
    public static ConfigurableApplicationContext start(Environment first, String... moreArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--qm.database.url=" + first.getRequiredProperty("qm.database.url"),
                "--qm.database.username=" + first.getRequiredProperty("qm.database.username"),
                "--qm.database.password=" + first.getProperty("qm.database.password", ""),
                "--spring.flyway.schemas=" + first.getProperty("spring.flyway.schemas", ""),
                "--flowable.database-schema=" + first.getProperty("flowable.database-schema", ""),
                "--spring.datasource.hikari.maximum-pool-size=10"));
        arguments.addAll(List.of(moreArguments));
        // Command-line arguments outrank application.yml (builder properties would not).
        return new SpringApplicationBuilder(QuartermasterServer.class)
                .web(WebApplicationType.SERVLET)
                .profiles("test")
                .run(arguments.toArray(String[]::new));
    }
}
