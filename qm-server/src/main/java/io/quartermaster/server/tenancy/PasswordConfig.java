package io.quartermaster.server.tenancy;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Local passwords are stored as bcrypt, tagged {@code {bcrypt}} so a stronger scheme can be added later
 * without invalidating them. The cost is a setting (tests lower it to stay fast).
 */
@Configuration
class PasswordConfig {

    @Bean
    PasswordEncoder passwordEncoder(@Value("${qm.security.bcrypt-strength:10}") int strength) {
        return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
    }
}
