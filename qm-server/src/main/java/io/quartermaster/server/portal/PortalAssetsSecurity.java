package io.quartermaster.server.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The portal's style sheet, icon and script libraries are public (the sign-in page needs them), read
 * only, and may be cached by the browser. Nothing else is served here.
 */
@Configuration
class PortalAssetsSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain portalAssetsFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/assets/**", "/webjars/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.cacheControl(cacheControl -> cacheControl.disable()));
        return http.build();
    }
}
