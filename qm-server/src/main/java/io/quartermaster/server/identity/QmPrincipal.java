package io.quartermaster.server.identity;

import io.quartermaster.server.access.CallerIdentity;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in user as Spring Security holds them. Roles are not authorities here: they depend on the
 * object acted on, so {@link io.quartermaster.server.access.Authorizer} reads them per request.
 */
final class QmPrincipal implements UserDetails, CallerIdentity, CredentialsContainer {

    private static final List<GrantedAuthority> SIGNED_IN = List.of(new SimpleGrantedAuthority("qm:signed-in"));

    private final UUID userId;
    private final String username;
    private final UUID tenantId;
    private final boolean enabled;
    private String passwordHash;

    QmPrincipal(UUID userId, String username, UUID tenantId, String passwordHash, boolean enabled) {
        this.userId = userId;
        this.username = username;
        this.tenantId = tenantId;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    @Override
    public UUID userId() {
        return userId;
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public UUID tenantId() {
        return tenantId;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return SIGNED_IN;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QmPrincipal that && that.userId.equals(userId);
    }

    @Override
    public int hashCode() {
        return userId.hashCode();
    }

    @Override
    public String toString() {
        return "QmPrincipal[" + username + "]";
    }
}
