package io.quartermaster.server.tenancy;

import io.quartermaster.api.Page;
import io.quartermaster.api.tenancy.CreateUser;
import io.quartermaster.api.tenancy.CurrentUserView;
import io.quartermaster.api.tenancy.UpdateUser;
import io.quartermaster.api.tenancy.UserView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.errors.Versions;
import io.quartermaster.server.platform.web.PageParams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class UserService {

    private final UserRepository users;
    private final TenantRepository tenants;
    private final MembershipRepository memberships;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserService(UserRepository users, TenantRepository tenants, MembershipRepository memberships, Authorizer authorizer,
            AuditService audit, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.memberships = memberships;
        this.authorizer = authorizer;
        this.audit = audit;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    /** System administrators list anyone (optionally one tenant's users); tenant administrators their tenant. */
    @Transactional(readOnly = true)
    public Page<UserView> list(UUID tenantFilter, PageParams paging) {
        Caller caller = authorizer.caller();
        UUID tenantId = tenantFilter;
        if (!caller.isSystemAdmin()) {
            tenantId = tenantFilter != null ? tenantFilter : caller.tenantId();
            if (tenantId == null) {
                throw QmException.forbidden("Only administrators may list users.");
            }
            authorizer.require(Operation.USER_READ, Scope.tenant(tenantId), "Tenant", tenantId);
        }
        boolean withSystemAdmins = caller.isSystemAdmin();
        List<UserView> items = users.page(tenantId, withSystemAdmins, paging.offset(), paging.size()).stream()
                .map(User::view).toList();
        return new Page<>(items, paging.page(), paging.size(), users.count(tenantId, withSystemAdmins));
    }

    @Transactional(readOnly = true)
    public UserView get(UUID id) {
        User user = find(id);
        if (!authorizer.isCaller(id)) {
            requireOn(Operation.USER_READ, user);
        }
        return user.view();
    }

    @Transactional(readOnly = true)
    public CurrentUserView me() {
        Caller caller = authorizer.caller();
        User user = find(caller.userId());
        String tenantName = user.tenantId() == null ? null
                : tenants.find(user.tenantId()).map(Tenant::displayName).orElse(null);
        return new CurrentUserView(user.view(), tenantName, memberships.membershipsOf(user.id()));
    }

    @Transactional
    public UserView create(CreateUser request) {
        Caller caller = authorizer.caller();
        UUID tenantId = request.tenantId() != null ? request.tenantId()
                : request.systemAdminRequested() ? null : caller.tenantId();
        if (tenantId == null && !request.systemAdminRequested()) {
            throw new FieldValidationException("tenantId", "is required: name the tenant the user belongs to");
        }
        if (tenantId == null && request.tenantAdminRequested()) {
            throw new FieldValidationException("tenantAdmin", "needs a tenantId: a tenant administrator belongs to a tenant");
        }
        Scope where = tenantId == null ? Scope.system() : Scope.tenant(tenantId);
        if (tenantId != null && tenants.find(tenantId).isEmpty()) {
            throw QmException.notFound("Tenant", tenantId);
        }
        authorizer.require(Operation.USER_CREATE, where, "Tenant", tenantId);
        if (request.tenantAdminRequested()) {
            authorizer.require(Operation.USER_GRANT_TENANT_ADMIN, where, "Tenant", tenantId);
        }
        if (request.systemAdminRequested()) {
            authorizer.require(Operation.USER_GRANT_SYSTEM_ADMIN, Scope.system(), "system");
        }
        if (users.findByUsername(request.username()).isPresent()) {
            throw QmException.alreadyExists("The username '" + request.username() + "' is taken; choose another.");
        }
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        User user = new User(UUID.randomUUID(), tenantId, request.username(), displayName, blankToNull(request.email()),
                passwords.encode(request.password()), true, request.tenantAdminRequested(), request.systemAdminRequested(),
                clock.instant(), 0);
        users.insert(user);
        audit.success(Operation.USER_CREATE.key(), where, "user", user.id(), "username=" + user.username()
                + (user.tenantAdmin() ? ", tenantAdmin" : "") + (user.systemAdmin() ? ", systemAdmin" : ""));
        return user.view();
    }

    /**
     * Changes a user. Anyone may change their own display name, e-mail and password; enabling,
     * disabling and the tenant-admin flag are for administrators, and nobody disables themselves.
     */
    @Transactional
    public UserView update(UUID id, UpdateUser request) {
        User user = find(id);
        boolean self = authorizer.isCaller(id);
        boolean administrative = request.enabled() != null || request.tenantAdmin() != null;
        if (self && !administrative) {
            authorizer.self("user.update-self");
        } else {
            requireOn(Operation.USER_UPDATE, user);
        }
        if (request.tenantAdmin() != null && request.tenantAdmin() != user.tenantAdmin()) {
            if (user.tenantId() == null) {
                throw new FieldValidationException("tenantAdmin", "cannot be set on a user without a tenant");
            }
            authorizer.require(Operation.USER_GRANT_TENANT_ADMIN, user.scope(), id);
        }
        if (self && request.password() != null && (request.currentPassword() == null || user.passwordHash() == null
                || !passwords.matches(request.currentPassword(), user.passwordHash()))) {
            throw new FieldValidationException("currentPassword", "must be your current password to set a new one");
        }
        if (self && Boolean.FALSE.equals(request.enabled())) {
            throw QmException.conflict("You cannot disable yourself; ask another administrator.");
        }
        Versions.expect(request.version(), user.version(), "User", id);
        List<String> changed = new ArrayList<>();
        User updated = new User(user.id(), user.tenantId(), user.username(),
                pick(request.displayName(), user.displayName(), "displayName", changed),
                request.email() == null ? user.email() : track(blankToNull(request.email()), user.email(), "email", changed),
                request.password() == null ? user.passwordHash() : track(passwords.encode(request.password()), null,
                        "password", changed),
                request.enabled() == null ? user.enabled() : track(request.enabled(), user.enabled(), "enabled", changed),
                request.tenantAdmin() == null ? user.tenantAdmin()
                        : track(request.tenantAdmin(), user.tenantAdmin(), "tenantAdmin", changed),
                user.systemAdmin(), user.createdAt(), user.version());
        Versions.applied(users.update(updated, user.version()), "User", id);
        if (updated.enabled() != user.enabled()) {
            events.publishEvent(new AccountChanged(id));
        }
        audit.success(self && !administrative ? "user.update-self" : Operation.USER_UPDATE.key(), user.scope(), "user",
                id, "changed: " + String.join(", ", changed));
        return find(id).view();
    }

    @Transactional
    public void delete(UUID id) {
        User user = find(id);
        requireOn(Operation.USER_DELETE, user);
        if (authorizer.isCaller(id)) {
            throw QmException.conflict("You cannot delete yourself; ask another administrator.");
        }
        if (user.systemAdmin() && user.enabled() && users.lockAndCountEnabledSystemAdmins() <= 1) {
            throw QmException.conflict("'" + user.username() + "' is the last system administrator and cannot be deleted.");
        }
        Versions.applied(users.delete(id, user.version()), "User", id);
        events.publishEvent(new AccountChanged(id));
        audit.success(Operation.USER_DELETE.key(), user.scope(), "user", id, "username=" + user.username());
    }

    /** Authorizes an operation on a user; a system administrator's account is invisible to everyone else. */
    private void requireOn(Operation operation, User user) {
        if (user.systemAdmin()) {
            authorizer.requireOnSystemObject(operation, user.id());
        } else {
            authorizer.require(operation, user.scope(), user.id());
        }
    }

    User find(UUID id) {
        return users.find(id).orElseThrow(() -> QmException.notFound("User", id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String pick(String requested, String current, String field, List<String> changed) {
        return requested == null ? current : track(requested.strip(), current, field, changed);
    }

    private static <T> T track(T value, T current, String field, List<String> changed) {
        if (!java.util.Objects.equals(value, current)) {
            changed.add(field);
        }
        return value;
    }
}
