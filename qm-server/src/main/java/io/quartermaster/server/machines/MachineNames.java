package io.quartermaster.server.machines;

import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Machine names: the template's prefix and a counter per tenant and prefix ({@code dev-0007}). A name is
 * held in {@code machine_names} while its machine lives; the primary key there is what keeps two live
 * machines from sharing one, whatever the counter says (it may have been reset, or a name typed in).
 */
@Repository
class MachineNames {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;

    MachineNames(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // An INSERT that hits a key must not doom the caller's transaction (PostgreSQL aborts it):
        // each such attempt runs under a savepoint.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private boolean insertOnce(String sql, Object... params) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.sql(sql).params(params).update());
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** The machine's held name, or a new one taken from the counter. Runs in the caller's transaction. */
    String take(UUID tenantId, UUID machineId, String prefix) {
        Optional<String> held = jdbc.sql("SELECT name FROM machine_names WHERE machine_id = ?").param(machineId)
                .query(String.class).optional();
        if (held.isPresent()) {
            return held.get();
        }
        while (true) {
            String name = prefix + String.format("%04d", next(tenantId, prefix));
            if (insertOnce("INSERT INTO machine_names (tenant_id, name, machine_id) VALUES (?, ?, ?)", tenantId, name,
                    machineId)) {
                return name;
            }
            // A live machine already has this name: take the next number.
        }
    }

    void release(UUID machineId) {
        jdbc.sql("DELETE FROM machine_names WHERE machine_id = ?").param(machineId).update();
    }

    private long next(UUID tenantId, String prefix) {
        // The counter row is created once; the UPDATE serializes concurrent takers on it.
        if (jdbc.sql("UPDATE machine_name_counters SET next_value = next_value + 1 WHERE tenant_id = ? AND prefix = ?")
                .params(tenantId, prefix).update() == 0) {
            if (insertOnce("INSERT INTO machine_name_counters (tenant_id, prefix, next_value) VALUES (?, ?, 1)", tenantId,
                    prefix)) {
                return 1;
            }
            return next(tenantId, prefix); // created meanwhile by someone else
        }
        return jdbc.sql("SELECT next_value FROM machine_name_counters WHERE tenant_id = ? AND prefix = ?")
                .params(tenantId, prefix).query(Long.class).single();
    }
}
