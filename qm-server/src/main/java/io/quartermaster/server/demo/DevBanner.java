package io.quartermaster.server.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who ran start-dev where the server is and how to sign in. */
@Component
@ConditionalOnProperty(name = "qm.demo-data", havingValue = "true")
class DevBanner {

    private final Environment environment;

    DevBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String url = "http://localhost:" + port;
        StringBuilder text = new StringBuilder("\n")
                .append("  Quartermaster is running in dev mode at ").append(url).append('\n')
                .append("  API: ").append(url).append("/api/v1   OpenAPI: ").append(url).append("/swagger-ui.html\n")
                .append("  Database: ").append(environment.getProperty("spring.datasource.url")).append('\n')
                .append("  Demo logins (password = username):\n");
        for (DemoData.Login login : DemoData.LOGINS) {
            text.append(String.format("    %-6s %s%n", login.username(), login.role()));
        }
        text.append("  Try: curl -u uma:uma ").append(url).append("/api/v1/users/me\n");
        System.out.println(text);
    }
}
