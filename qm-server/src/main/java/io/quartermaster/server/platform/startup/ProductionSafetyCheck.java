package io.quartermaster.server.platform.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * In production mode (the {@code prod} profile, which the {@code start} command always adds), refuses settings that are only safe for a demo: demo
 * data, a missing, default or short admin password, and the embedded H2 database (unless
 * {@code qm.allow-embedded-database=true}). Runs once the configuration is read and before anything
 * starts, so nothing is written to the database by a server that will not run.
 */
public class ProductionSafetyCheck implements EnvironmentPostProcessor, Ordered {

    public static final String PRODUCTION_PROFILE = "prod";
    static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
    private static final Set<String> DEFAULT_PASSWORDS =
            Set.of("admin", "password", "changeme", "change-me", "secret", "quartermaster", "admin123", "demo");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles(PRODUCTION_PROFILE)) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(String.join("; ", problems));
        }
    }

    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        if (environment.getProperty("qm.dev-agent.enabled", Boolean.class, false)) {
            problems.add("the dev agents are enabled (qm.dev-agent.enabled=true): simulated hypervisors would stand in"
                    + " for the real hosts, and every host step would be reported done without touching them");
        }
        if (environment.getProperty("qm.demo-data", Boolean.class, false)) {
            problems.add("demo data is enabled (qm.demo-data=true), which creates users with known passwords");
        }
        String password = environment.getProperty("qm.admin.password", "");
        if (password.isBlank()) {
            problems.add("no admin password: set QM_ADMIN_PASSWORD (at least " + MIN_ADMIN_PASSWORD_LENGTH
                    + " characters)");
        } else if (DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))
                || password.length() < MIN_ADMIN_PASSWORD_LENGTH) {
            problems.add("the admin password is a default or shorter than " + MIN_ADMIN_PASSWORD_LENGTH
                    + " characters: choose another in QM_ADMIN_PASSWORD");
        }
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.startsWith("jdbc:h2:") && !environment.getProperty("qm.allow-embedded-database", Boolean.class, false)) {
            problems.add("the embedded H2 database is for dev mode: set QM_DATABASE_URL to a PostgreSQL database,"
                    + " or QM_ALLOW_EMBEDDED_DATABASE=true to accept it");
        }
        return problems;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
