package io.quartermaster.server.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Authentication by personal API token ({@code Authorization: Bearer qmp_…}): the presented secret
 * before, the principal after.
 */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String secret;
    private final QmPrincipal principal;

    private ApiTokenAuthentication(String secret, QmPrincipal principal) {
        super(principal == null ? List.of() : principal.getAuthorities());
        this.secret = secret;
        this.principal = principal;
        setAuthenticated(principal != null);
    }

    static ApiTokenAuthentication presented(String secret) {
        return new ApiTokenAuthentication(secret, null);
    }

    @Override
    public Object getCredentials() {
        return principal == null ? secret : null;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    /** Reads the bearer secret from the Authorization header; anything else is left to other filters. */
    static AuthenticationConverter converter() {
        return request -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            return presented(header.substring(7).strip());
        };
    }

    /** Checks the secret against the stored tokens. */
    static AuthenticationProvider provider(ApiTokenService tokens) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String secret = (String) authentication.getCredentials();
                return tokens.authenticate(secret)
                        .map(principal -> (Authentication) new ApiTokenAuthentication(null, principal))
                        .orElseThrow(() -> new BadCredentialsException(
                                "The API token is unknown, expired or revoked, or its user is disabled."));
            }

            @Override
            public boolean supports(Class<?> type) {
                return ApiTokenAuthentication.class.isAssignableFrom(type);
            }
        };
    }
}
