package io.quartermaster.server.identity;

import io.quartermaster.server.platform.security.Secrets;
import io.quartermaster.api.identity.CreateToken;
import io.quartermaster.api.identity.CreatedToken;
import io.quartermaster.api.identity.TokenView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.tenancy.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens: {@code qmp_} followed by 256 random bits. Only a SHA-256 of the secret is stored
 * (a fast hash is enough for a secret this long), so a database dump does not give working tokens.
 */
@Service
public class ApiTokenService {

    static final String PREFIX = "qmp_";
    static final int DEFAULT_DAYS = 90;

    private final ApiTokenRepository tokens;
    private final UserDirectory users;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final ApiTokenCache cache;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApiTokenService(ApiTokenRepository tokens, UserDirectory users, Authorizer authorizer, AuditService audit,
            ApiTokenCache cache, PlatformTransactionManager transactionManager, Clock clock) {
        this.tokens = tokens;
        this.cache = cache;
        this.transactions = new TransactionTemplate(transactionManager);
        this.users = users;
        this.authorizer = authorizer;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public CreatedToken create(CreateToken request) {
        Caller caller = authorizer.self("token.create");
        String secret = Secrets.generate(PREFIX);
        Instant now = clock.instant();
        int days = request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays();
        ApiToken token = new ApiToken(UUID.randomUUID(), caller.userId(), request.name().strip(),
                secret.substring(0, 12), hash(secret), now, now.plus(Duration.ofDays(days)), null, null);
        tokens.insert(token);
        audit.success("token.create", where(caller), "token", token.id(), "name=" + token.name() + ", expires "
                + token.expiresAt());
        return new CreatedToken(token.view(), secret);
    }

    @Transactional(readOnly = true)
    public List<TokenView> mine() {
        Caller caller = authorizer.caller();
        return tokens.ofUser(caller.userId()).stream().map(ApiToken::view).toList();
    }

    @Transactional
    public void revoke(UUID id) {
        Caller caller = authorizer.self("token.revoke");
        ApiToken token = tokens.find(id).filter(t -> t.userId().equals(caller.userId()))
                .orElseThrow(() -> QmException.notFound("Token", id));
        if (!tokens.revoke(id, clock.instant())) {
            throw QmException.conflict("Token " + id + " is already revoked.");
        }
        cache.forgetTokenAfterCommit(id);
        audit.success("token.revoke", where(caller), "token", token.id(), "name=" + token.name());
    }

    /**
     * The principal a presented secret stands for, if the token is known, live and its user enabled. A token
     * checked lately is taken from {@link ApiTokenCache} without a look at the database; otherwise one
     * transaction reads the token and its user. The token's last use is written only when it was last written
     * more than a minute ago (so a busy script does not write on every call): in that transaction, or in one of
     * its own for a remembered token.
     */
    Optional<QmPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Instant now = clock.instant();
        Optional<ApiTokenCache.Known> known = cache.find(hash, now);
        if (known.isPresent()) {
            ApiTokenCache.Known token = known.get();
            if (token.touchedAt().isBefore(now.minus(ApiTokenRepository.TOUCH_EVERY)) && cache.claimTouch(hash, token, now)) {
                transactions.executeWithoutResult(tx -> tokens.touch(token.tokenId(), now));
            }
            return Optional.of(token.principal());
        }
        // One transaction for the token, its user and, when due, the note of its use.
        Optional<Found> found = transactions.execute(tx -> tokens.findBySecretHash(hash)
                .filter(token -> token.usableAt(now))
                .flatMap(token -> users.byId(token.userId())
                        .filter(UserDirectory.Account::enabled)
                        .map(account -> {
                            Instant touchedAt = token.lastUsedAt();
                            if (!token.usedSince(now.minus(ApiTokenRepository.TOUCH_EVERY))) {
                                tokens.touch(token.id(), now);
                                touchedAt = now;
                            }
                            return new Found(token, touchedAt,
                                    new QmPrincipal(account.id(), account.username(), account.tenantId(), null, true));
                        })));
        if (found.isEmpty()) {
            cache.forget(hash);
            return Optional.empty();
        }
        cache.remember(hash, found.get().token(), found.get().principal(), found.get().touchedAt(), now);
        return Optional.of(found.get().principal());
    }

    /** A usable token and whom it stands for. */
    private record Found(ApiToken token, Instant touchedAt, QmPrincipal principal) {}

    private static Scope where(Caller caller) {
        return caller.tenantId() == null ? Scope.system() : Scope.tenant(caller.tenantId());
    }

    static String hash(String secret) {
        return Secrets.hash(secret);
    }
}
