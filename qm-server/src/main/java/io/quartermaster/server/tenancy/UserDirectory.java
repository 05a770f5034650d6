package io.quartermaster.server.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features need to know about users: the facts a sign-in needs, and how to reach someone
 * (notifications). Nothing here authorizes; callers decide who may see what they build from it.
 */
@Service
public class UserDirectory {

    /** The facts a sign-in needs. {@code passwordHash} is null for users without a local password. */
    public record Account(UUID id, String username, UUID tenantId, String passwordHash, boolean enabled) {}

    /** How to reach a user: {@code email} is null when they gave none. */
    public record Contact(UUID id, UUID tenantId, String username, String displayName, String email,
            boolean enabled) {}

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

    @Transactional(readOnly = true)
    public Optional<Contact> contact(UUID id) {
        return users.find(id).map(user -> new Contact(user.id(), user.tenantId(), user.username(), user.displayName(),
                user.email(), user.enabled()));
    }

    /** The ids of a tenant's administrators (enabled or not), in username order. */
    @Transactional(readOnly = true)
    public List<UUID> tenantAdminIds(UUID tenantId) {
        return users.tenantAdminIds(tenantId);
    }

    private static Account account(User user) {
        return new Account(user.id(), user.username(), user.tenantId(), user.passwordHash(), user.enabled());
    }
}
