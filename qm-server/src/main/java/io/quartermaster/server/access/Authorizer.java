package io.quartermaster.server.access;

import io.quartermaster.server.platform.errors.QmException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one place that decides whether the caller may perform an operation on an object. A caller who
 * may not even read the object gets 404 (as if it did not exist: nothing leaks across tenants or
 * groups); one who may read it but not do this gets 403.
 */
@Component
public class Authorizer {

    static final String CALLER = Authorizer.class.getName() + ".caller";
    static final String ACTING_ROLE = Authorizer.class.getName() + ".role";
    static final String OPERATION = Authorizer.class.getName() + ".operation";

    private static final Comparator<Grant> NARROWEST_FIRST = Comparator.comparing(grant -> switch (grant.level()) {
        case GROUP -> 0;
        case TENANT -> 1;
        case SYSTEM -> 2;
    });

    private final RoleDefinitions roles;
    private final GrantSource grantSource;

    public Authorizer(RoleDefinitions roles, GrantSource grantSource) {
        this.roles = roles;
        this.grantSource = grantSource;
    }

    /** The authenticated caller with their grants, read once per request. */
    public Caller caller() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(CALLER, RequestAttributes.SCOPE_REQUEST) instanceof Caller cached) {
            return cached;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !(authentication.getPrincipal() instanceof CallerIdentity identity)) {
            throw new QmException(org.springframework.http.HttpStatus.UNAUTHORIZED, "Unauthenticated",
                    "Sign in, or send HTTP Basic credentials or a personal API token.");
        }
        // Read per request, so disabling a user stops their open sessions and tokens at once.
        Caller caller = new Caller(identity.userId(), identity.username(), identity.tenantId(),
                grantSource.grantsOf(identity.userId()).orElseThrow(() -> new QmException(
                        org.springframework.http.HttpStatus.UNAUTHORIZED, "AccountDisabled",
                        "This account is disabled or gone. Ask an administrator to enable it.")));
        if (request != null) {
            request.setAttribute(CALLER, caller, RequestAttributes.SCOPE_REQUEST);
        }
        return caller;
    }

    /**
     * As {@link #require(Operation, Scope, Object)} for an object that lives at system scope (a system
     * administrator's account): anyone who is not a system administrator is told it does not exist.
     */
    public void requireOnSystemObject(Operation operation, Object id) {
        if (!caller().isSystemAdmin()) {
            remember(OPERATION, operation.key());
            throw QmException.notFound(operation.resource(), id);
        }
        require(operation, Scope.system(), id);
    }

    /** Whether the caller may know the place exists (see {@link #require}). */
    public boolean canSeeScope(Scope scope) {
        return canSee(caller(), scope);
    }

    /** Whether the caller may perform the operation at the scope. */
    public boolean can(Operation operation, Scope scope) {
        return grantingRole(caller(), operation, scope).isPresent();
    }

    /**
     * Returns normally when the caller may perform the operation on the object with the given id at
     * the scope; otherwise throws NotFound (the caller may not see it) or Forbidden.
     */
    public void require(Operation operation, Scope scope, Object id) {
        require(operation, scope, operation.resource(), id);
    }

    /**
     * As {@link #require(Operation, Scope, Object)}, naming the object a NotFound speaks of: for a
     * creation, the tenant or group it is created in.
     */
    public void require(Operation operation, Scope scope, String what, Object id) {
        Caller caller = caller();
        remember(OPERATION, operation.key());
        Optional<Role> role = grantingRole(caller, operation, scope);
        if (role.isPresent()) {
            remember(ACTING_ROLE, role.get().name());
            return;
        }
        if (scope.level() == Scope.Level.SYSTEM || canSee(caller, scope)) {
            throw QmException.forbidden("Your roles do not allow '" + operation.key() + "' here."
                    + " Ask an administrator if you need it.");
        }
        throw QmException.notFound(what, id);
    }

    /**
     * For an object that lives in several places at once (a template entitled to several groups): the
     * caller must be allowed the operation in every one of them.
     */
    public void requireAll(Operation operation, java.util.Collection<Scope> scopes, String what, Object id) {
        Caller caller = caller();
        remember(OPERATION, operation.key());
        List<Optional<Role>> roles = scopes.stream().map(scope -> grantingRole(caller, operation, scope)).toList();
        if (!scopes.isEmpty() && roles.stream().allMatch(Optional::isPresent)) {
            remember(ACTING_ROLE, roles.get(0).orElseThrow().name());
            return;
        }
        if (scopes.stream().anyMatch(scope -> canSee(caller, scope))) {
            throw QmException.forbidden("Your roles do not allow '" + operation.key() + "' in every group this "
                    + what.toLowerCase(java.util.Locale.ROOT) + " belongs to. Ask a tenant administrator.");
        }
        throw QmException.notFound(what, id);
    }

    /** For an object that lives in several places at once: allowed when any of them allows it. */
    public void requireAny(Operation operation, java.util.Collection<Scope> scopes, String what, Object id) {
        Caller caller = caller();
        remember(OPERATION, operation.key());
        for (Scope scope : scopes) {
            Optional<Role> role = grantingRole(caller, operation, scope);
            if (role.isPresent()) {
                remember(ACTING_ROLE, role.get().name());
                return;
            }
        }
        if (scopes.stream().anyMatch(scope -> canSee(caller, scope))) {
            throw QmException.forbidden("Your roles do not allow '" + operation.key() + "' here.");
        }
        throw QmException.notFound(what, id);
    }

    /** What listings may show the caller for the operation, from the grants whose role allows it. */
    public Visibility visibility(Operation operation) {
        return Visibility.of(caller().grants().stream()
                .filter(grant -> roles.allows(grant.role(), operation)).toList());
    }

    /**
     * The tenants in which the caller may perform the operation somewhere, at tenant level or in any of
     * their groups (things of a whole tenant that every member may read, such as images); empty when
     * the caller may do it in every tenant (a system grant).
     */
    public Optional<java.util.Set<UUID>> tenantsAllowing(Operation operation) {
        List<Grant> allowing = caller().grants().stream().filter(grant -> roles.allows(grant.role(), operation)).toList();
        if (allowing.stream().anyMatch(grant -> grant.level() == Scope.Level.SYSTEM)) {
            return Optional.empty();
        }
        return Optional.of(allowing.stream().map(Grant::tenantId).collect(java.util.stream.Collectors.toSet()));
    }

    /** Notes an action every signed-in caller may take on their own things (tokens, profile). */
    public Caller self(String action) {
        remember(OPERATION, action);
        remember(ACTING_ROLE, "SELF");
        return caller();
    }

    /** The operation and role of this request's last authorization, for the audit trail. */
    public static Optional<String> actingRole() {
        return recalled(ACTING_ROLE);
    }

    public static Optional<String> currentOperation() {
        return recalled(OPERATION);
    }

    private Optional<Role> grantingRole(Caller caller, Operation operation, Scope scope) {
        return caller.grants().stream()
                .filter(grant -> grant.covers(scope) && roles.allows(grant.role(), operation))
                .sorted(NARROWEST_FIRST)
                .map(Grant::role)
                .findFirst();
    }

    /**
     * Whether the caller may know the place exists: a group only to those holding a role in it (or
     * above it), a tenant also to its own users. Outside it, a refusal looks like "not found".
     */
    private static boolean canSee(Caller caller, Scope scope) {
        boolean ownTenant = scope.level() == Scope.Level.TENANT && scope.tenantId().equals(caller.tenantId());
        return ownTenant || caller.grants().stream().anyMatch(grant -> grant.covers(scope));
    }

    /** True when the given user is the caller (self-service reads and changes). */
    public boolean isCaller(UUID userId) {
        return caller().userId().equals(userId);
    }

    private static void remember(String key, String value) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(key, value, RequestAttributes.SCOPE_REQUEST);
        }
    }

    private static Optional<String> recalled(String key) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? Optional.empty()
                : Optional.ofNullable((String) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST));
    }
}
