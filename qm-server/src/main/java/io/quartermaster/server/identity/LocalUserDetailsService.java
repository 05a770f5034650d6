package io.quartermaster.server.identity;

import io.quartermaster.server.tenancy.UserDirectory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Local users (bcrypt passwords) for HTTP Basic and the portal's session login. */
@Component
class LocalUserDetailsService implements UserDetailsService {

    private final UserDirectory directory;

    LocalUserDetailsService(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return directory.byUsername(username)
                .filter(account -> account.passwordHash() != null)
                .map(account -> new QmPrincipal(account.id(), account.username(), account.tenantId(),
                        account.passwordHash(), account.enabled()))
                .orElseThrow(() -> new UsernameNotFoundException("No local user " + username));
    }
}
