package io.quartermaster.server.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.api.tenancy.GroupRole;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.support.QmServerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

/** The tenancy tables and their constraints, the same on H2 and PostgreSQL. */
@QmServerTest
class TenancyRepositoriesTest {

    @Autowired
    TenantRepository tenants;

    @Autowired
    GroupRepository groups;

    @Autowired
    UserRepository users;

    @Autowired
    MembershipRepository memberships;

    Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = new Tenant(UUID.randomUUID(), "repo-" + UUID.randomUUID(), "Repo", now(), 0);
        tenants.insert(tenant);
    }

    @Test
    void timesAndIdsRoundTripExactly() {
        assertThat(tenants.find(tenant.id())).contains(tenant);
        assertThat(tenants.findByName(tenant.name())).contains(tenant);
    }

    @Test
    void anUpdateAgainstAnOldVersionChangesNothing() {
        assertThat(tenants.update(tenant.id(), "First", 0)).isTrue();
        assertThat(tenants.update(tenant.id(), "Second", 0)).isFalse();

        Tenant stored = tenants.find(tenant.id()).orElseThrow();
        assertThat(stored.displayName()).isEqualTo("First");
        assertThat(stored.version()).isEqualTo(1);
    }

    @Test
    void groupNamesAreUniqueWithinATenantOnly() {
        groups.insert(group(tenant.id(), "Lab"));
        Tenant other = new Tenant(UUID.randomUUID(), "repo-other-" + UUID.randomUUID(), "Other", now(), 0);
        tenants.insert(other);

        groups.insert(group(other.id(), "Lab"));

        assertThatThrownBy(() -> groups.insert(group(tenant.id(), "Lab"))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void usernamesAreUniqueEverywhere() {
        User user = user(tenant.id(), "unique-" + UUID.randomUUID(), false);
        users.insert(user);

        assertThatThrownBy(() -> users.insert(user(tenant.id(), user.username(), false)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void onlySystemAdministratorsStandOutsideATenant() {
        assertThatThrownBy(() -> users.insert(user(null, "homeless-" + UUID.randomUUID(), false)))
                .isInstanceOf(DataIntegrityViolationException.class);

        users.insert(user(null, "operator-" + UUID.randomUUID(), true));
    }

    @Test
    void membershipsGoWithTheirGroupAndCarryTheGroupsTenantAsGrants() {
        Group group = group(tenant.id(), "Members");
        groups.insert(group);
        User user = user(tenant.id(), "member-" + UUID.randomUUID(), false);
        users.insert(user);
        memberships.insert(group.id(), user.id(), GroupRole.GROUP_ADMIN, now());

        assertThat(memberships.grantsOf(user.id())).containsExactly(
                new MembershipRepository.GroupGrantRow(group.id(), tenant.id(), GroupRole.GROUP_ADMIN));
        assertThat(groups.find(group.id()).orElseThrow().memberCount()).isOne();

        assertThat(groups.delete(group.id(), 0)).isTrue();
        assertThat(memberships.grantsOf(user.id())).isEmpty();
    }

    @Test
    void listingsPageAndFilterByVisibility() {
        Group a = group(tenant.id(), "a");
        Group b = group(tenant.id(), "b");
        Group c = group(tenant.id(), "c");
        List.of(a, b, c).forEach(groups::insert);

        assertThat(groups.page(new Visibility(false, List.of(), List.of(b.id())), null, 0, 10))
                .extracting(Group::name).containsExactly("b");
        assertThat(groups.page(new Visibility(false, List.of(tenant.id()), List.of()), null, 1, 1))
                .extracting(Group::name).containsExactly("b");
        assertThat(groups.count(new Visibility(true, List.of(), List.of()), tenant.id())).isEqualTo(3);
        assertThat(groups.page(new Visibility(false, List.of(), List.of()), null, 0, 10)).isEmpty();
    }

    private static Group group(UUID tenantId, String name) {
        return new Group(UUID.randomUUID(), tenantId, name, "", io.quartermaster.api.tenancy.PlacementPolicy.SPREAD,
                java.util.List.of(), 0,
                now(), 0);
    }

    private static User user(UUID tenantId, String username, boolean systemAdmin) {
        return new User(UUID.randomUUID(), tenantId, username, username, null, "{bcrypt}x", true, false, systemAdmin,
                now(), 0);
    }

    /** Both databases keep microseconds; truncating keeps equality exact. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
