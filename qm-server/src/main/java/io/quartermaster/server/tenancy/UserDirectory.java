package io.quartermaster.server.tenancy;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the identity feature needs to know about users to sign them in; nothing more. */
@Service
public class UserDirectory {

    /** The facts a sign-in needs. {@code passwordHash} is null for users without a local password. */
    public record Account(UUID id, String username, UUID tenantId, String passwordHash, boolean enabled) {}

    private final UserRepository users;

    UserDirectory(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<Account> byUsername(String username) {
        return users.findByUsername(username).map(UserDirectory::account);
    }

    @Transactional(readOnly = true)
    public Optional<Account> byId(UUID id) {
        return users.find(id).map(UserDirectory::account);
    }

    private static Account account(User user) {
        return new Account(user.id(), user.username(), user.tenantId(), user.passwordHash(), user.enabled());
    }
}
