-- Machine lists are paged newest first (ORDER BY created_at DESC, id). With only (group_id, state) and
-- (tenant_id, state) to go on, a filtered 500-row page of 100,000 machines sorted every matching row and
-- spilled to disk (about 1.4 s, qm-bench "read"); these let the database read the page in order instead
-- (about 25 ms for the group's filtered page, under a millisecond for the tenant's first page).
CREATE INDEX ix_machines_group_state_created ON machines (group_id, state, created_at DESC, id);
CREATE INDEX ix_machines_tenant_created ON machines (tenant_id, created_at DESC, id);
