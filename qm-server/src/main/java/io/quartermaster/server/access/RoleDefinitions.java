package io.quartermaster.server.access;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The roles file, read once at start: which operations each role may perform, with {@code includes}
 * resolved. Anything it does not understand (an unknown role, operation or scope, a role missing, an
 * include cycle) stops the server with a message naming the file and the entry.
 */
@Component
public class RoleDefinitions {

    /** Where each role is held; the file must agree, since memberships and admin flags place them. */
    static final Map<Role, Scope.Level> SCOPES = Map.of(
            Role.USER, Scope.Level.GROUP,
            Role.GROUP_ADMIN, Scope.Level.GROUP,
            Role.TENANT_ADMIN, Scope.Level.TENANT,
            Role.SYSTEM_ADMIN, Scope.Level.SYSTEM);

    record RoleSpec(Scope.Level scope, String description, List<String> includes, List<String> operations) {}

    record RolesFile(Map<String, RoleSpec> roles) {}

    private final Map<Role, Set<Operation>> operations;

    public RoleDefinitions(@Value("${qm.security.roles-file}") Resource file) throws IOException {
        RolesFile parsed;
        try (InputStream in = file.getInputStream()) {
            parsed = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(in, RolesFile.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the roles file " + file + ": " + e.getMessage(), e);
        }
        Map<Role, RoleSpec> specs = validate(file.toString(), parsed);
        this.operations = resolve(file.toString(), specs);
    }

    public Set<Operation> operationsOf(Role role) {
        return operations.get(role);
    }

    public boolean allows(Role role, Operation operation) {
        return operations.get(role).contains(operation);
    }

    private static Map<Role, RoleSpec> validate(String file, RolesFile parsed) {
        if (parsed == null || parsed.roles() == null) {
            throw new IllegalStateException("The roles file " + file + " has no 'roles' section.");
        }
        Map<Role, RoleSpec> specs = new EnumMap<>(Role.class);
        parsed.roles().forEach((name, spec) -> {
            Role role = parseRole(file, name);
            if (spec.scope() != SCOPES.get(role)) {
                throw new IllegalStateException("Roles file " + file + ": role " + name + " must have scope "
                        + SCOPES.get(role) + " (it has " + spec.scope() + ").");
            }
            for (String key : nullToEmpty(spec.operations())) {
                if (Operation.byKey(key).isEmpty()) {
                    throw new IllegalStateException("Roles file " + file + ": role " + name
                            + " names an unknown operation '" + key + "'.");
                }
            }
            nullToEmpty(spec.includes()).forEach(included -> parseRole(file, included));
            specs.put(role, spec);
        });
        EnumSet<Role> missing = EnumSet.allOf(Role.class);
        missing.removeAll(specs.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Roles file " + file + " does not define the roles " + missing + ".");
        }
        return specs;
    }

    private static Map<Role, Set<Operation>> resolve(String file, Map<Role, RoleSpec> specs) {
        Map<Role, Set<Operation>> resolved = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            resolved.put(role, Set.copyOf(collect(file, role, specs, new ArrayDeque<>())));
        }
        return resolved;
    }

    private static Set<Operation> collect(String file, Role role, Map<Role, RoleSpec> specs, Deque<Role> path) {
        if (path.contains(role)) {
            throw new IllegalStateException("Roles file " + file + ": roles include each other in a cycle " + path + ".");
        }
        path.push(role);
        Set<Operation> all = EnumSet.noneOf(Operation.class);
        RoleSpec spec = specs.get(role);
        nullToEmpty(spec.operations()).forEach(key -> all.add(Operation.byKey(key).orElseThrow()));
        for (String included : nullToEmpty(spec.includes())) {
            all.addAll(collect(file, Role.valueOf(included), specs, path));
        }
        path.pop();
        return all;
    }

    private static Role parseRole(String file, String name) {
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Roles file " + file + " names an unknown role '" + name
                    + "'; known roles: " + List.of(Role.values()) + ".");
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
