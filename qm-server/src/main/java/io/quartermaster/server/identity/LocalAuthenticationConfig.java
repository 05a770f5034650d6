package io.quartermaster.server.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Sign-in with a local password (HTTP Basic, the portal's form). The account's status is checked only
 * after the password matched, so a wrong password never tells whether an account is disabled.
 */
@Configuration
class LocalAuthenticationConfig {

    @Bean
    DaoAuthenticationProvider localPasswordAuthentication(LocalUserDetailsService users, PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        provider.setPreAuthenticationChecks(user -> { });
        provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return provider;
    }
}
