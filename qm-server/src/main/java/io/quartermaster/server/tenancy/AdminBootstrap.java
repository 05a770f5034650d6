package io.quartermaster.server.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure there is a first system administrator ({@code qm.admin.username}, password from
 * {@code qm.admin.password}) so a new installation can be administered. An existing account is left as
 * it is: changing the setting later does not reset anyone's password.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final TenancySeeder seeder;
    private final String username;
    private final String password;

    AdminBootstrap(TenancySeeder seeder, @Value("${qm.admin.username}") String username,
            @Value("${qm.admin.password:}") String password) {
        this.seeder = seeder;
        this.username = username;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (seeder.hasUser(username)) {
            return;
        }
        if (password.isBlank()) {
            log.warn("No system administrator '{}' and no qm.admin.password to create one with.", username);
            return;
        }
        seeder.user(null, username, "Administrator", null, password, false);
        log.info("Created the system administrator '{}'.", username);
    }
}
