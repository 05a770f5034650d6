package io.quartermaster.server.identity;

import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.CallerIdentity;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who is calling. The API takes HTTP Basic (local users) and personal API tokens; the portal signs in
 * with a session (form login, CSRF on). What a caller may do is decided per object by
 * {@link Authorizer}, not here: this only insists that API calls are authenticated.
 */
@Configuration
class SecurityConfig {

    /**
     * No observation of the security filters, authentications or authorizations. Turning them off by
     * property ({@code management.observations.enable.spring.security}) still wraps every filter of every
     * request in an observing decorator that then finds it is off; with this, the chains run undecorated.
     * (In the fleet benchmark's idle agents the decorator was about a tenth of the server's CPU.)
     * {@code http.server.requests} still times every call. That property set to true brings them back.
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false",
            matchIfMissing = true)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokenService tokens, ProblemSecurityHandlers problems,
            Authorizer authorizer) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher machineClients = new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/actuator/**"));

        AuthenticationFilter tokenFilter = new AuthenticationFilter(
                new ProviderManager(ApiTokenAuthentication.provider(tokens)), ApiTokenAuthentication.converter());
        tokenFilter.setSuccessHandler((request, response, authentication) -> { });
        tokenFilter.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));

        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/prometheus").access(metricsReaders(authorizer))
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/login", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(tokenFilter, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName("Quartermaster").authenticationEntryPoint(problems))
                // The portal serves its own sign-in page at /login; Spring Security still handles the form's POST.
                .formLogin(form -> form.loginPage("/login"))
                .logout(Customizer.withDefaults())
                // Credentials sent with each call (Basic, Bearer) cannot be forged by another site; a session
                // cookie can, so only session calls need the CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(problems, machineClients)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    /** Prometheus scrapes need a caller whose roles allow {@code metrics.read}. */
    private static AuthorizationManager<RequestAuthorizationContext> metricsReaders(Authorizer authorizer) {
        return (authentication, context) -> {
            Authentication current = authentication.get();
            boolean signedIn = current != null && current.isAuthenticated()
                    && current.getPrincipal() instanceof CallerIdentity;
            return new AuthorizationDecision(signedIn && authorizer.can(Operation.METRICS_READ, Scope.system()));
        };
    }
}
