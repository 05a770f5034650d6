package io.quartermaster.server.identity;

import io.quartermaster.server.platform.PeriodicWork;
import io.quartermaster.server.platform.db.AfterCommit;
import io.quartermaster.server.tenancy.AccountChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The API tokens this node has checked lately, by the hash of their secret, with the principal each stands
 * for, kept for {@code qm.security.api-token-cache}: a script calling the API with a token then costs
 * the database nothing to authenticate, where each call used to be a transaction of its own before the
 * call's own.
 *
 * <p>Revocation and disablement still take effect quickly everywhere: a token revoked or a user disabled or
 * deleted on this node is forgotten as soon as that change commits, and every {@code qm.security.api-token-check}
 * one query asks which of the remembered tokens are still live and enabled (on any node's word), and the
 * others are forgotten too. A token's expiry is kept with it and needs no query.
 */
@Component
class ApiTokenCache extends PeriodicWork {

    /** Tokens per check query, to keep the IN list a reasonable size. */
    private static final int CHUNK = 1000;

    /** A checked token: whom it stands for, until when it may be used without a look, its last use written. */
    record Known(QmPrincipal principal, UUID tokenId, Instant until, Instant touchedAt) {}

    private final ApiTokenRepository tokens;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final Duration keepFor;
    private final ConcurrentHashMap<String, Known> byHash = new ConcurrentHashMap<>();

    ApiTokenCache(ApiTokenRepository tokens, PlatformTransactionManager transactionManager, Clock clock,
            @Value("${qm.security.api-token-cache:PT5M}") Duration keepFor,
            @Value("${qm.security.api-token-check:PT5S}") Duration check) {
        super("qm-api-token-check", check);
        this.tokens = tokens;
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
        this.keepFor = keepFor;
    }

    /** The remembered token of this secret hash, unless it is unknown here or its time ran out. */
    Optional<Known> find(String hash, Instant now) {
        Known known = byHash.get(hash);
        return known != null && known.until().isAfter(now) ? Optional.of(known) : Optional.empty();
    }

    /** Remembers a token found usable now, until it expires or the cache's time runs out, whichever is first. */
    void remember(String hash, ApiToken token, QmPrincipal principal, Instant touchedAt, Instant now) {
        Instant until = now.plus(keepFor);
        if (token.expiresAt() != null && token.expiresAt().isBefore(until)) {
            until = token.expiresAt();
        }
        byHash.put(hash, new Known(principal, token.id(), until, touchedAt));
    }

    /**
     * Notes that a use is being written now; true for the one caller that should write it (so concurrent
     * calls of a busy script write it once).
     */
    boolean claimTouch(String hash, Known known, Instant now) {
        return byHash.replace(hash, known, new Known(known.principal(), known.tokenId(), known.until(), now));
    }

    void forget(String hash) {
        byHash.remove(hash);
    }

    /** Forgets the token once the current transaction (its revocation) commits, at once without one. */
    void forgetTokenAfterCommit(UUID tokenId) {
        AfterCommit.run(() -> byHash.values().removeIf(known -> known.tokenId().equals(tokenId)));
    }

    /** A user disabled, enabled or deleted: their tokens are looked up again on their next use. */
    @TransactionalEventListener(fallbackExecution = true)
    void accountChanged(AccountChanged change) {
        byHash.values().removeIf(known -> known.principal().userId().equals(change.userId()));
    }

    /** One check: forgets tokens revoked, or whose users were disabled or deleted, on any node, and entries past their time. */
    int forgetUnusable() {
        int before = byHash.size();
        Instant now = clock.instant();
        // Entries past their time first: they need no question to the database.
        byHash.values().removeIf(known -> !known.until().isAfter(now));
        if (byHash.isEmpty()) {
            return before;
        }
        List<String> hashes = new ArrayList<>(byHash.keySet());
        Set<String> live = new HashSet<>();
        reads.executeWithoutResult(tx -> {
            for (int from = 0; from < hashes.size(); from += CHUNK) {
                live.addAll(tokens.liveAmong(hashes.subList(from, Math.min(hashes.size(), from + CHUNK))));
            }
        });
        // Only the hashes asked about: a token remembered during the check is kept until the next one.
        hashes.stream().filter(hash -> !live.contains(hash)).forEach(byHash::remove);
        return before - byHash.size();
    }

    @Override
    protected void runOnce() {
        forgetUnusable();
    }
}
