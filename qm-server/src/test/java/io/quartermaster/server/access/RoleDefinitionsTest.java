package io.quartermaster.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class RoleDefinitionsTest {

    @Test
    void theShippedFileGivesEachRoleItsOwnAndItsIncludedOperations() throws Exception {
        RoleDefinitions roles = new RoleDefinitions(new ClassPathResource("roles.yml"));

        assertThat(roles.operationsOf(Role.USER)).containsExactlyInAnyOrder(Operation.GROUP_READ, Operation.MEMBER_READ,
                Operation.TEMPLATE_READ, Operation.IMAGE_READ, Operation.CAPACITY_READ, Operation.REQUEST_CREATE,
                Operation.REQUEST_READ, Operation.MACHINE_READ, Operation.MACHINE_OPERATE);
        assertThat(roles.operationsOf(Role.GROUP_ADMIN)).contains(Operation.GROUP_READ, Operation.MEMBER_MANAGE)
                .doesNotContain(Operation.GROUP_CREATE);
        assertThat(roles.operationsOf(Role.TENANT_ADMIN)).contains(Operation.MEMBER_MANAGE, Operation.USER_CREATE,
                Operation.WORKFLOW_READ, Operation.IMAGE_MANAGE).doesNotContain(Operation.TENANT_CREATE, Operation.WORKFLOW_MANAGE);
        assertThat(roles.operationsOf(Role.GROUP_ADMIN)).doesNotContain(Operation.WORKFLOW_READ, Operation.IMAGE_MANAGE);
        assertThat(roles.operationsOf(Role.SYSTEM_ADMIN)).containsExactlyInAnyOrder(Operation.values());
    }

    @Test
    void anUnknownOperationStopsTheServerWithItsName() {
        assertThatThrownBy(() -> load(file("USER", "GROUP", "[group.fly]")))
                .hasMessageContaining("unknown operation 'group.fly'");
    }

    @Test
    void aRoleAtTheWrongScopeIsRefused() {
        assertThatThrownBy(() -> load(file("USER", "TENANT", "[group.read]")))
                .hasMessageContaining("role USER must have scope GROUP");
    }

    @Test
    void aMissingRoleIsRefused() {
        assertThatThrownBy(() -> load("roles:\n  USER: {scope: GROUP, operations: [group.read]}\n"))
                .hasMessageContaining("does not define the roles [GROUP_ADMIN, TENANT_ADMIN, SYSTEM_ADMIN]");
    }

    @Test
    void rolesIncludingEachOtherAreRefused() {
        String cyclic = """
                roles:
                  USER: {scope: GROUP, includes: [GROUP_ADMIN]}
                  GROUP_ADMIN: {scope: GROUP, includes: [USER]}
                  TENANT_ADMIN: {scope: TENANT}
                  SYSTEM_ADMIN: {scope: SYSTEM}
                """;
        assertThatThrownBy(() -> load(cyclic)).hasMessageContaining("cycle");
    }

    private static String file(String role, String scope, String operations) {
        return "roles:\n  " + role + ": {scope: " + scope + ", operations: " + operations + "}\n";
    }

    private static RoleDefinitions load(String yaml) throws Exception {
        return new RoleDefinitions(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "test roles"));
    }
}
