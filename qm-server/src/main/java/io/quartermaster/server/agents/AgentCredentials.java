package io.quartermaster.server.agents;

import io.quartermaster.server.platform.db.AfterCommit;
import io.quartermaster.server.platform.security.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import io.quartermaster.server.platform.PeriodicWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who an agent credential belongs to, with the agent's hosts, remembered for {@code qm.agents.credential-cache}
 * so that an idle agent's calls (a long poll and a report a minute each) cost the database nothing to
 * authenticate: with thousands of agents that look-up was a transaction for every call.
 *
 * <p>Revocation still takes effect quickly everywhere: revoking on this node forgets the agent as soon as the
 * revocation commits, and every {@code qm.agents.revocation-check} one query asks for agents revoked lately
 * (by any node), which are forgotten too. An agent revoked on another node is therefore refused here within
 * that check's interval, not the cache's lifetime. Hosts assigned to an agent are fixed at registration,
 * so the remembered list cannot go stale while the agent is valid.
 */
@Component
class AgentCredentials extends PeriodicWork {

    private record Known(AgentPrincipal agent, Instant until) {}

    private final AgentRepository agents;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final Duration keepFor;
    private final ConcurrentHashMap<String, Known> byHash = new ConcurrentHashMap<>();

    AgentCredentials(AgentRepository agents, PlatformTransactionManager transactionManager, Clock clock,
            @Value("${qm.agents.credential-cache:PT5M}") Duration keepFor,
            @Value("${qm.agents.revocation-check:PT5S}") Duration revocationCheck) {
        super("qm-agent-revocations", revocationCheck);
        this.agents = agents;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
        this.keepFor = keepFor;
    }

    /** The agent a credential belongs to, unless it was revoked (or is unknown). */
    Optional<AgentPrincipal> authenticate(String credential) {
        String hash = Secrets.hash(credential);
        Instant now = clock.instant();
        Known known = byHash.get(hash);
        if (known != null && known.until().isAfter(now)) {
            return Optional.of(known.agent());
        }
        Optional<AgentPrincipal> agent = reads.execute(tx -> agents.byCredentialHash(hash)
                .filter(stored -> stored.revokedAt() == null)
                .map(stored -> new AgentPrincipal(stored.id(), stored.tenantId(), stored.name(), agents.hostsOf(stored.id()))));
        agent.ifPresentOrElse(found -> byHash.put(hash, new Known(found, now.plus(keepFor))), () -> byHash.remove(hash));
        return agent;
    }

    /** Forgets the agent once the current transaction (its revocation) commits, at once without one. */
    void forgetAfterCommit(UUID agentId) {
        AfterCommit.run(() -> forget(agentId));
    }

    void forget(UUID agentId) {
        byHash.values().removeIf(known -> known.agent().agentId().equals(agentId));
    }

    /** One check: forgets agents revoked on any node lately, and entries past their time; returns how many. */
    int forgetRevoked() {
        if (byHash.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        // Revocations as far back as an entry can be old, and a minute more for other nodes' clocks.
        var revoked = reads.execute(tx -> agents.revokedSince(now.minus(keepFor).minus(Duration.ofMinutes(1))));
        int before = byHash.size();
        byHash.values().removeIf(known -> !known.until().isAfter(now) || revoked.contains(known.agent().agentId()));
        return before - byHash.size();
    }

    @Override
    protected void runOnce() {
        forgetRevoked();
    }
}
