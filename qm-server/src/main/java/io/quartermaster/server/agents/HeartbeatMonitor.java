package io.quartermaster.server.agents;

import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.quartermaster.server.platform.PeriodicWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks a host Disconnected when its agents have been silent for {@code qm.agents.silent-after}; its
 * machines show it. The check is a conditional update, so every server node may run it.
 */
@Component
class HeartbeatMonitor extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitor.class);

    private final HostStatusRepository status;
    private final AuditService audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration silentAfter;

    HeartbeatMonitor(HostStatusRepository status, AuditService audit, JdbcClient jdbc,
            PlatformTransactionManager transactionManager, Clock clock,
            @Value("${qm.agents.silent-after:PT3M}") Duration silentAfter,
            @Value("${qm.agents.heartbeat-check:PT5S}") Duration every) {
        super("qm-heartbeat-monitor", every);
        this.status = status;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.silentAfter = silentAfter;
    }

    /** One check: returns the hosts it marked Disconnected. */
    List<UUID> check() {
        return transactions.execute(tx -> {
            List<UUID> silent = status.disconnectSilent(clock.instant().minus(silentAfter));
            for (UUID host : silent) {
                UUID tenant = jdbc.sql("SELECT tenant_id FROM hosts WHERE id = ?").param(host).query(UUID.class).single();
                audit.system("host.disconnected", Scope.tenant(tenant), "Host", host,
                        "No agent report for more than " + silentAfter);
                log.warn("Host {} is Disconnected: no agent report for more than {}", host, silentAfter);
            }
            return silent;
        });
    }

    @Override
    protected void runOnce() {
        check();
    }
}
