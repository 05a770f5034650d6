package io.quartermaster.server.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a listing may show the caller for one operation: everything (system administrators), or what
 * lives in the tenants and groups where the caller holds a role allowing it. Listings turn it into a
 * SQL condition with {@link #sql}.
 */
public record Visibility(boolean everything, List<UUID> tenants, List<UUID> groups) {

    public Visibility {
        tenants = List.copyOf(tenants);
        groups = List.copyOf(groups);
    }

    static Visibility of(Collection<Grant> allowing) {
        boolean everything = allowing.stream().anyMatch(grant -> grant.level() == Scope.Level.SYSTEM);
        return new Visibility(everything,
                allowing.stream().filter(g -> g.level() == Scope.Level.TENANT).map(Grant::tenantId).toList(),
                allowing.stream().filter(g -> g.level() == Scope.Level.GROUP).map(Grant::groupId).toList());
    }

    /** True when nothing is visible at all. */
    public boolean nothing() {
        return !everything && tenants.isEmpty() && groups.isEmpty();
    }

    /**
     * A SQL condition limiting rows to what is visible, or null when everything is. {@code tenantColumn}
     * names the row's tenant; {@code groupCondition} is a condition on {@code :visibleGroups} (e.g.
     * {@code "g.id IN (:visibleGroups)"}), or null when rows have no group. Parameters go into {@code params}.
     */
    public String sql(String tenantColumn, String groupCondition, Map<String, Object> params) {
        if (everything) {
            return null;
        }
        List<String> visible = new ArrayList<>();
        if (!tenants.isEmpty()) {
            visible.add(tenantColumn + " IN (:visibleTenants)");
            params.put("visibleTenants", tenants);
        }
        if (!groups.isEmpty() && groupCondition != null) {
            visible.add(groupCondition);
            params.put("visibleGroups", groups);
        }
        return visible.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", visible) + ")";
    }
}
