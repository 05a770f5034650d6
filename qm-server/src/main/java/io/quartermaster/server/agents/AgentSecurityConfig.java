package io.quartermaster.server.agents;

import io.quartermaster.server.platform.errors.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * {@code /agent/v1} is for agents only: registration is open (the bootstrap token is checked by the
 * service), everything else needs an agent credential. No sessions, no CSRF (credentials travel with
 * every call), none of the filters made for browsers, and a user's password or API token means nothing here.
 */
@Configuration
class AgentSecurityConfig {

    private static final String NEED_CREDENTIAL = "Send the agent credential from registration as"
            + " 'Authorization: Bearer qma_…'; a revoked agent must register again with a new bootstrap token.";

    @Bean
    @Order(1)
    SecurityFilterChain agentFilterChain(HttpSecurity http, AgentCredentials agents, Problems problems)
            throws Exception {
        AuthenticationFilter credentials = new AuthenticationFilter(
                new ProviderManager(AgentAuthentication.provider(agents)), AgentAuthentication.converter());
        credentials.setSuccessHandler((request, response, authentication) -> { });
        credentials.setFailureHandler((request, response, failure) -> problems.write(request, response,
                HttpStatus.UNAUTHORIZED, "InvalidCredential", failure.getMessage() + " " + NEED_CREDENTIAL));
        http.securityMatcher("/agent/v1/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/agent/v1/register").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(credentials, AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // What only browsers use, left out of a chain every agent call runs through: no logout, no saved
                // request to return to, no servlet-API wrapper, no browser security headers.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servletApi -> servletApi.disable())
                .headers(headers -> headers.disable())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, failure) -> problems.write(request, response,
                                HttpStatus.UNAUTHORIZED, "InvalidCredential", NEED_CREDENTIAL))
                        .accessDeniedHandler((request, response, denied) -> problems.write(request, response,
                                HttpStatus.FORBIDDEN, "Forbidden", "Agents may only call /agent/v1.")));
        return http.build();
    }
}
