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
import org.springframework.transaction.annotation.Transactional;

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
    private final Clock clock;

    ApiTokenService(ApiTokenRepository tokens, UserDirectory users, Authorizer authorizer, AuditService audit,
            Clock clock) {
        this.tokens = tokens;
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
        audit.success("token.revoke", where(caller), "token", token.id(), "name=" + token.name());
    }

    /**
     * The principal a presented secret stands for, if the token is known, live and its user enabled. One
     * transaction for the token, its user and the note of its use, which is written only when the token
     * was last used more than a minute ago (so a busy script reads and does not write).
     */
    @Transactional
    Optional<QmPrincipal> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return tokens.findBySecretHash(hash(secret))
                .filter(token -> token.usableAt(now))
                .flatMap(token -> users.byId(token.userId())
                        .filter(UserDirectory.Account::enabled)
                        .map(account -> {
                            if (!token.usedSince(now.minus(ApiTokenRepository.TOUCH_EVERY))) {
                                tokens.touch(token.id(), now);
                            }
                            return new QmPrincipal(account.id(), account.username(), account.tenantId(), null, true);
                        }));
    }

    private static Scope where(Caller caller) {
        return caller.tenantId() == null ? Scope.system() : Scope.tenant(caller.tenantId());
    }

    static String hash(String secret) {
        return Secrets.hash(secret);
    }
}
