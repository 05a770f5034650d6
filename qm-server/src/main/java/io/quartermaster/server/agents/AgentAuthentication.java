package io.quartermaster.server.agents;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/** An agent's credential ({@code Authorization: Bearer qma_…}) before, the agent after. */
final class AgentAuthentication extends AbstractAuthenticationToken {

    private final String credential;
    private final AgentPrincipal agent;

    private AgentAuthentication(String credential, AgentPrincipal agent) {
        super(List.of());
        this.credential = credential;
        this.agent = agent;
        setAuthenticated(agent != null);
    }

    @Override
    public Object getCredentials() {
        return agent == null ? credential : null;
    }

    @Override
    public Object getPrincipal() {
        return agent;
    }

    static AuthenticationConverter converter() {
        return request -> {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            return new AgentAuthentication(header.substring(7).strip(), null);
        };
    }

    static AuthenticationProvider provider(AgentCredentials credentials) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                return credentials.authenticate((String) authentication.getCredentials())
                        .map(agent -> (Authentication) new AgentAuthentication(null, agent))
                        .orElseThrow(() -> new BadCredentialsException("The agent credential is unknown or revoked."));
            }

            @Override
            public boolean supports(Class<?> type) {
                return AgentAuthentication.class.isAssignableFrom(type);
            }
        };
    }
}
