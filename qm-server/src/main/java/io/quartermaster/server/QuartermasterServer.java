package io.quartermaster.server;

import io.quartermaster.server.platform.startup.ServerCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Quartermaster server. Started as {@code qm-server start-dev} (embedded database, demo data) or
 * {@code qm-server start} (production: refuses unsafe settings); see {@link ServerCommand}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuartermasterServer {

    public static void main(String[] args) {
        ServerCommand.main(args);
    }
}
